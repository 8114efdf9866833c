// The session as a swaks command line (https://jetmore.org/john/code/swaks/), the message on a here-document.
// swaks dot-stuffs the message itself and fills %DATE% and %MESSAGEID% (see `man swaks`, --data).
import { initialResponseNote } from './authData';
import { writtenParameters } from './envelopeText';
import type { SessionRecipe, Transaction } from './sessionRecipe';
import { heredocDelimiter, shellCommands, shellWord } from './shellText';
import type { Text } from './textPieces';
import { endpointText, unixSocketPath } from '../settings/settingValues';

const SWAKS_MECHANISMS = ['PLAIN', 'LOGIN', 'CRAM-MD5'];
const TOKENS = { date: '%DATE%', messageId: '<%MESSAGEID%>' };

export function swaksCommand(recipe: SessionRecipe): string[] {
  const notes = [...recipe.notes, ...recipe.unsent];
  if (recipe.transactions.length > 1) notes.push(`swaks sends one message per connection: ${recipe.transactions.length} commands, one per transaction`);
  if (recipe.pipelined) notes.push('the file pipelines commands (RFC 2920); swaks sends them one at a time (add --pipeline to pipeline)');
  if (recipe.clientCloses) notes.push('the file closes the connection without QUIT (`C: <close>`); swaks always ends with QUIT');
  const parameters = writtenParameters(recipe.transactions);
  if (parameters) notes.push(`swaks has no option for ${parameters}: left out`);
  if (recipe.otherCommands.length > 0) notes.push(`swaks does not send ${[...new Set(recipe.otherCommands)].join(', ')}: left out`);
  const texts = recipe.transactions.flatMap((t) => t.content.flatMap((line) => line.flatMap((p) => (p.kind === 'text' ? [p.text] : []))));
  if (texts.some((text) => text.includes('\\n') || /%[A-Z_]+%/.test(text))) notes.push('swaks replaces a literal \\n and %TOKENS% in the message with its own');
  if (recipe.helo.verb === 'HELO') notes.push('the file says HELO; swaks says EHLO and falls back to HELO');
  if (recipe.auth && !SWAKS_MECHANISMS.includes(recipe.auth.mechanism)) notes.push(`AUTH ${recipe.auth.mechanism} is not one swaks speaks: left out`);
  const initial = recipe.auth && SWAKS_MECHANISMS.includes(recipe.auth.mechanism) && initialResponseNote('swaks', ['PLAIN'], recipe.auth);
  if (initial) notes.push(initial);
  // No message to send: connect, start TLS and log in, as the session does, and stop there (swaks's --quit-after).
  return shellCommands(recipe, 'swaks', '--tls-ca-path', notes, (transaction) => commandFor(recipe, transaction));
}

function commandFor(recipe: SessionRecipe, transaction: Transaction | undefined): string[] {
  const word = (text: Text) => shellWord(text, TOKENS);
  // swaks sends its --ehlo name with LHLO under --protocol LMTP, and reads a reply per recipient after the message.
  const protocol = recipe.helo.verb === 'LHLO' ? ' --protocol LMTP' : '';
  const socket = unixSocketPath(recipe.host);
  const target = socket === undefined ? `--server ${word([{ kind: 'text', text: endpointText(recipe.host, recipe.port) }])}` : `--socket ${word([{ kind: 'text', text: socket }])}`;
  const lines = [`swaks${protocol} ${target} --ehlo ${word(recipe.helo.name)}`];
  if (transaction) lines.push(`  --from ${word(transaction.from)} --to ${transaction.to.map(word).join(',')}`);
  if (recipe.tls !== 'none') {
    const ca = recipe.ca === undefined ? '' : ` --tls-ca-path ${word([{ kind: 'text', text: recipe.ca }])}`;
    const sni = recipe.servername === undefined ? '' : ` --tls-sni ${word([{ kind: 'text', text: recipe.servername }])}`;
    lines.push(`  ${recipe.tls === 'implicit' ? '--tls-on-connect' : '--tls'} --tls-verify${ca}${sni}`);
  }
  const auth = recipe.auth;
  if (auth && SWAKS_MECHANISMS.includes(auth.mechanism)) {
    lines.push(`  --auth ${auth.mechanism} --auth-user ${word(auth.user)} --auth-password "$${auth.passwordVariable}"`);
  }
  // "Always quits after the point where authentication would have been negotiated" (man swaks): no --to is asked.
  if (!transaction) {
    lines.push('  --quit-after AUTH');
    return [lines.join(' \\\n')];
  }
  const body = transaction.content;
  // A quoted delimiter keeps the body literal; an environment variable in it needs the shell's expansion.
  const expands = body.some((line) => line.some((piece) => piece.kind === 'env'));
  const bodyLines = body.map((line) => line.map((piece) => {
    if (piece.kind === 'env') return `\${${piece.name}}`;
    const text = piece.kind === 'text' ? piece.text : piece.kind === 'date' ? TOKENS.date : TOKENS.messageId;
    return expands ? text.replace(/[\\$`]/g, (c) => `\\${c}`) : text;
  }).join(''));
  // swaks removes a final `.` line with the line break before it, and ends the message with its own; without it,
  // the here-document's last line break would become an extra empty line.
  bodyLines.push('.');
  const delimiter = heredocDelimiter(bodyLines);
  lines.push(`  --data - <<${expands ? delimiter : `'${delimiter}'`}`);
  return [lines.join(' \\\n'), ...bodyLines, delimiter];
}
