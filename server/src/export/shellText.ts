// Text as a POSIX shell word: literal parts in single quotes, environment variables as "$NAME" (never a value); and
// the shape of a command-line target's export (swaks, curl).
import type { SessionRecipe, Transaction } from './sessionRecipe';
import type { Text } from './textPieces';

const SAFE = /^[A-Za-z0-9@%+=:,./_-]+$/;

export function shellWord(text: Text, special: { date: string; messageId: string }): string {
  if (text.length === 0) return "''";
  return text
    .map((piece) => {
      if (piece.kind === 'env') return `"$${piece.name}"`;
      const value = piece.kind === 'text' ? piece.text : piece.kind === 'date' ? special.date : special.messageId;
      return SAFE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
    })
    .join('');
}

/** A here-document delimiter that no line of the body equals. */
export function heredocDelimiter(lines: string[]): string {
  let delimiter = 'EOF';
  for (let n = 1; lines.includes(delimiter); n++) delimiter = `EOF_${n}`;
  return delimiter;
}

/**
 * A command-line tool's export: its title and notes as comments, where to name a test server's CA when none is
 * given, then `commandFor` each message, or once with none to connect, start TLS and log in as the session does.
 */
export function shellCommands(recipe: SessionRecipe, tool: string, caOption: string, notes: readonly string[], commandFor: (transaction: Transaction | undefined) => string[]): string[] {
  const out = [`# smtp-transcript export: ${recipe.title}, as ${tool}`, ...notes.map((note) => `# note: ${note}`)];
  if (recipe.tls !== 'none' && recipe.ca === undefined) out.push(`# the server's certificate is verified against the system CAs; to trust a test server's, add ${caOption} CA.pem`);
  const transactions = recipe.transactions.length > 0 ? recipe.transactions : [undefined];
  for (const transaction of transactions) for (const added of commandFor(transaction)) out.push(added);
  return out;
}
