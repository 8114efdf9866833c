// The session as curl command lines (https://curl.se/docs/manpage.html), one per message, the message on a
// here-document. curl says EHLO with the URL's path (`smtp://host:port/client.test`; without one it says the upload's
// file name), starts TLS with --ssl-reqd (STARTTLS) or smtps:// (implicit TLS), dot-stuffs the message and ends it
// with `.` itself; --crlf turns the here-document's line ends into CRLF, which SMTP requires (RFC 5321 §2.3.8).
import { writtenParameters } from './envelopeText';
import type { SessionRecipe, Transaction } from './sessionRecipe';
import { heredocDelimiter, shellCommands, shellWord } from './shellText';
import type { Text } from './textPieces';
import { endpointText, unixSocketPath } from '../settings/settingValues';

/** The mechanisms curl's --login-options AUTH= names (its SASL, `man curl`). */
const CURL_MECHANISMS = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER'];
const BEARER_MECHANISMS = ['XOAUTH2', 'OAUTHBEARER'];
// What the shell computes where the file writes {{$date}} and {{$message-id}}: a date in RFC 5322's form with the C
// locale's names (GNU and BSD date alike), and an id of the second and the shell's process.
const TOKENS = { date: "$(LC_ALL=C date '+%a, %d %b %Y %H:%M:%S %z')", messageId: '<$(date +%s).$$@smtp-transcripts.invalid>' };

export function curlCommand(recipe: SessionRecipe): string[] {
  const notes = [...recipe.notes, ...recipe.unsent];
  if (recipe.helo.verb === 'LHLO') notes.push('the file speaks LMTP (LHLO); curl speaks SMTP only: it says EHLO, and reads one reply after the message');
  if (recipe.transactions.length > 1) notes.push(`curl sends one message per run: ${recipe.transactions.length} commands, one per transaction`);
  if (recipe.pipelined) notes.push('the file pipelines commands (RFC 2920); curl sends them one at a time');
  if (recipe.clientCloses) notes.push('the file closes the connection without QUIT (`C: <close>`); curl ends with QUIT');
  const parameters = writtenParameters(recipe.transactions);
  if (parameters) notes.push(`curl has no option for ${parameters}: left out (it sends SIZE itself when it knows the size)`);
  if (recipe.otherCommands.length > 0) notes.push(`curl does not send ${[...new Set(recipe.otherCommands)].join(', ')}: left out`);
  if (recipe.helo.verb === 'HELO') notes.push('the file says HELO; curl says EHLO and falls back to HELO');
  if (recipe.auth && !CURL_MECHANISMS.includes(recipe.auth.mechanism)) notes.push(`AUTH ${recipe.auth.mechanism} is not one curl speaks: left out`);
  // No message to send: connect, start TLS and log in, as the session does, then a NOOP in place of the message.
  return shellCommands(recipe, 'curl', '--cacert', notes, (transaction) => commandFor(recipe, transaction));
}

function commandFor(recipe: SessionRecipe, transaction: Transaction | undefined): string[] {
  const word = (text: Text) => shellWord(text, TOKENS);
  const literal = (text: string) => word([{ kind: 'text', text }]);
  const socket = unixSocketPath(recipe.host);
  const scheme = recipe.tls === 'implicit' ? 'smtps' : 'smtp';
  // The URL's host is the name the certificate is verified as: @tls-servername when the file names one, reached at
  // the file's address with --connect-to (or over the socket with --unix-socket).
  const name = recipe.servername ?? (socket === undefined ? recipe.host : 'localhost');
  const url = `${scheme}://${endpointText(name, recipe.port)}/`;
  // -sS: no progress meter, errors still said (add -v to see the dialogue, AUTH data included).
  const lines = [`curl -sS --url ${word([{ kind: 'text', text: url }, ...recipe.helo.name])}`];
  if (socket !== undefined) lines.push(`  --unix-socket ${literal(socket)}`);
  else if (name !== recipe.host) lines.push(`  --connect-to ${literal(`${connectName(name)}:${recipe.port}:${connectName(recipe.host)}:${recipe.port}`)}`);
  // Implicit TLS is the URL's smtps://; STARTTLS is asked for, and required.
  const tls = [...(recipe.tls === 'starttls' ? ['--ssl-reqd'] : []), ...(recipe.tls !== 'none' && recipe.ca !== undefined ? [`--cacert ${literal(recipe.ca)}`] : [])];
  if (tls.length > 0) lines.push(`  ${tls.join(' ')}`);
  const auth = recipe.auth;
  if (auth && CURL_MECHANISMS.includes(auth.mechanism)) {
    const secret = `"$${auth.passwordVariable}"`;
    // curl waits for the server's 334 unless --sasl-ir sends the first response on the AUTH line, as the file does.
    const ir = auth.initialResponse ? ' --sasl-ir' : '';
    lines.push(
      BEARER_MECHANISMS.includes(auth.mechanism)
        ? `  --user ${word(auth.user)} --oauth2-bearer ${secret} --login-options AUTH=${auth.mechanism}${ir}`
        : `  --user ${word([...auth.user, { kind: 'text', text: ':' }])}${secret} --login-options AUTH=${auth.mechanism}${ir}`,
    );
  }
  if (!transaction) {
    lines.push('  --request NOOP');
    return [lines.join(' \\\n')];
  }
  lines.push(`  --mail-from ${word(transaction.from)}`);
  // A refused recipient ends curl's transaction unless told otherwise; the file's own replies decide the rest.
  lines.push(`  ${transaction.to.map((to) => `--mail-rcpt ${word(to)}`).join(' ')}${transaction.to.length > 1 ? ' --mail-rcpt-allowfails' : ''}`);
  const body = transaction.content;
  // A quoted delimiter keeps the body literal; a date, an id or an environment variable needs the shell's expansion.
  const expands = body.some((line) => line.some((piece) => piece.kind !== 'text'));
  const bodyLines = body.map((line) =>
    line
      .map((piece) => {
        if (piece.kind === 'env') return `\${${piece.name}}`;
        if (piece.kind === 'date') return TOKENS.date;
        if (piece.kind === 'message-id') return TOKENS.messageId;
        return expands ? piece.text.replace(/[\\$`]/g, (c) => `\\${c}`) : piece.text;
      })
      .join(''),
  );
  const delimiter = heredocDelimiter(bodyLines);
  lines.push(`  --crlf --upload-file - <<${expands ? delimiter : `'${delimiter}'`}`);
  return [lines.join(' \\\n'), ...bodyLines, delimiter];
}

/** A host as --connect-to takes it: an IPv6 address in brackets. */
function connectName(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
