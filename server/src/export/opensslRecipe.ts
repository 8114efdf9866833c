// The session typed by hand: `openssl s_client` for TLS (with -starttls smtp it sends the first EHLO and STARTTLS
// itself), `nc -C` for a plain connection, then the C: lines to type. AUTH lines stay `{{...}}` expressions, with a
// note on how to compute them: no secret is ever written out (authData.ts replaces those written in the file).
import type { SessionRecipe } from './sessionRecipe';
import { shellWord } from './shellText';
import type { Text } from './textPieces';
import { endpointText, unixSocketPath } from '../settings/settingValues';
import { ownEntry } from '../knowledge/ownEntry';

export interface TypedValues {
  date: string;
  messageId: string;
}

const AUTH_HINTS: Record<string, (user: string, password: string) => string> = {
  PLAIN: (user, password) => `{{$plain ...}} is: printf '\\0%s\\0%s' ${user} "${password}" | base64 -w0`,
  LOGIN: (user, password) => `each {{$base64 ...}} is: printf '%s' ${user} | base64 -w0 (then the same with "${password}")`,
  'CRAM-MD5': (user, password) => `{{$cram-md5 ...}} answers the 334 challenge C: printf '%s %s' ${user} "$(printf '%s' C | base64 -d | openssl dgst -md5 -hmac "${password}" -r | cut -d' ' -f1)" | base64 -w0`,
};

export function opensslRecipe(recipe: SessionRecipe, values: TypedValues): string[] {
  const tool = recipe.tls === 'none' ? 'nc' : 'openssl s_client';
  // Typed by hand, a message the connection is closed in is its lines without the `.` (RFC 5321 §4.1.1.4).
  const cut = recipe.cutContent.map(({ line, by }) =>
    by === 'server'
      ? `line ${line + 1}: the server closes the connection inside the message content (\`S: <closed>\`): type its lines without the final ".", and the server closes the connection`
      : `line ${line + 1}: the file closes the connection inside the message content (\`C: <close>\`): type its lines without the final ".", then end ${tool} (Ctrl-C)`,
  );
  const out = [`# smtp-transcript export: ${recipe.title}, as ${tool}`, ...[...recipe.notes, ...cut].map((note) => `# note: ${note}`)];
  const socket = unixSocketPath(recipe.host);
  const target = socket === undefined ? `-connect ${endpointText(recipe.host, recipe.port)}` : `-unix ${shellWord([{ kind: 'text', text: socket }], values)}`;
  if (recipe.tls === 'none') out.push(socket === undefined ? `nc -C ${recipe.host} ${recipe.port}` : `nc -C -U ${shellWord([{ kind: 'text', text: socket }], values)}`);
  else {
    const starttls = recipe.tls === 'starttls' ? (recipe.helo.verb === 'LHLO' ? ' -starttls lmtp' : ' -starttls smtp') : '';
    const ca = recipe.ca === undefined ? '' : ` -CAfile ${shellWord([{ kind: 'text', text: recipe.ca }], values)}`;
    if (recipe.ca === undefined) out.push("# to verify a test server's certificate, add -CAfile CA.pem");
    // @tls-servername: SNI and the name the certificate must carry (without it, a -unix target sends none).
    const name = recipe.servername === undefined ? '' : ` -servername ${shellWord([{ kind: 'text', text: recipe.servername }], values)} -verify_hostname ${shellWord([{ kind: 'text', text: recipe.servername }], values)}`;
    out.push(`openssl s_client${starttls} ${target} -crlf -quiet -verify_return_error${ca}${name}`);
  }
  out.push("# then type each line after the server's reply to the one before:");
  for (const line of recipe.typed) {
    if (line.beforeTls && recipe.tls === 'starttls') continue;
    if (line.authExpression === undefined) {
      out.push(typedText(line.text, values));
      continue;
    }
    out.push(line.authExpression);
    // How to compute an expression, under each line that holds one (not under `AUTH LOGIN` itself).
    if (!line.authExpression.includes('{{')) continue;
    const hint = recipe.auth && ownEntry(AUTH_HINTS, recipe.auth.mechanism);
    if (hint && recipe.auth) out.push(`# ${hint(shellWord(recipe.auth.user, values), `$${recipe.auth.passwordVariable}`)}`);
  }
  return out;
}

function typedText(text: Text, values: TypedValues): string {
  return text.map((p) => (p.kind === 'text' ? p.text : p.kind === 'env' ? `{{$env ${p.name}}}` : p.kind === 'date' ? values.date : values.messageId)).join('');
}
