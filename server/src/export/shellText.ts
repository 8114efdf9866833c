// Text as a POSIX shell word: literal parts in single quotes, environment variables as "$NAME" (never a value).
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
