// Turns the lines of a captured SMTP session into `.smtp` text (docs/transcript-format.md).
// Server replies are kept verbatim; credentials become variable references so no password lands in a fixture,
// and the Date/Message-Id headers of DATA content become {{$date}}/{{$message-id}} so a replay sends fresh ones.
import { createHmac } from 'node:crypto';
import type { WireEvent } from './swaksOutput';

export interface CaptureCredentials {
  user: string;
  password: string;
  /** A deliberately wrong password (the failed-AUTH case); written literally, it is no secret. */
  wrongPassword: string;
}

export interface TranscriptHeader {
  comments: string[];
  directives: Array<[name: string, value: string]>;
  sessionName: string;
}

/** `{{` starts a reference in a payload; captured text keeps it literal (docs: `\{{` writes literal braces). */
function literal(text: string): string {
  return text.replace(/\{\{/g, '\\{{');
}

function decodeBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('latin1');
}

function passwordReference(password: string, credentials: CaptureCredentials): string {
  if (password === credentials.password) return '{{password}}';
  if (password === credentials.wrongPassword) return credentials.wrongPassword;
  throw new Error('captured AUTH data holds an unknown password; refusing to write it into a fixture');
}

function cramMd5Digest(password: string, challenge: string): string {
  return createHmac('md5', password).update(challenge).digest('hex');
}

/** The AUTH data a client sent (initial response or answer to a 334), as references (RFC 4954 §4). */
function authDataReference(mechanism: string, data: string, challenge: string, credentials: CaptureCredentials): string {
  if (data === '*' || data === '=') return data;
  const decoded = decodeBase64(data);
  if (mechanism === 'PLAIN') {
    // RFC 4616: authzid NUL authcid NUL passwd
    const [, user, password] = decoded.split('\0');
    if (user !== credentials.user) throw new Error(`unexpected AUTH PLAIN user ${user}`);
    return `{{$plain {{user}} ${passwordReference(password, credentials)}}}`;
  }
  if (mechanism === 'CRAM-MD5') {
    // RFC 2195: user SP hex(HMAC-MD5(password, challenge))
    const [user, digest] = decoded.split(' ');
    const challengeText = decodeBase64(challenge);
    const password = [credentials.password, credentials.wrongPassword].find(
      (candidate) => cramMd5Digest(candidate, challengeText) === digest,
    );
    if (user !== credentials.user || password === undefined) throw new Error('unexpected CRAM-MD5 response');
    return `{{$cram-md5 {{user}} ${passwordReference(password, credentials)}}}`;
  }
  if (mechanism === 'LOGIN') {
    if (decoded === credentials.user) return '{{$base64 {{user}}}}';
    return `{{$base64 ${passwordReference(decoded, credentials)}}}`;
  }
  throw new Error(`no reference form for AUTH ${mechanism} data`);
}

function contentLine(text: string): string {
  if (/^Date:/i.test(text)) return `${text.slice(0, 5)} {{$date}}`;
  if (/^Message-Id:/i.test(text)) return `${text.slice(0, 11)} {{$message-id}}`;
  return literal(text);
}

function clientLine(payload: string): string {
  return payload === '' ? 'C:' : `C: ${payload}`;
}

export function capturedTranscript(events: WireEvent[], header: TranscriptHeader, credentials: CaptureCredentials): string {
  const out = [...header.comments.map((comment) => `# ${comment}`)];
  out.push(...header.directives.map(([name, value]) => `@${name} = ${value}`), '', `### ${header.sessionName}`);
  let authMechanism: string | undefined;
  let awaitingAuthData = false;
  let challenge = '';
  let inContent = false;
  for (const event of events) {
    if (event.kind === 'closed') {
      out.push('S: <closed>');
    } else if (event.kind === 'received') {
      out.push(`S: ${literal(event.text)}`);
      if (event.text.charAt(3) === '-') continue; // RFC 5321 §4.2.1: the reply goes on
      const code = event.text.slice(0, 3);
      if (code === '354') inContent = true;
      if (authMechanism !== undefined && code === '334') {
        awaitingAuthData = true;
        challenge = event.text.slice(4);
      } else {
        authMechanism = undefined;
      }
    } else if (inContent) {
      // RFC 5321 §4.1.1.4: content ends with the line `.`
      if (event.text === '.') inContent = false;
      out.push(clientLine(inContent ? contentLine(event.text) : '.'));
    } else if (awaitingAuthData && authMechanism !== undefined) {
      awaitingAuthData = false;
      out.push(clientLine(authDataReference(authMechanism, event.text, challenge, credentials)));
    } else {
      const auth = /^AUTH\s+(\S+)(?:\s+(\S+))?$/i.exec(event.text);
      if (!auth) {
        out.push(clientLine(literal(event.text)));
        continue;
      }
      authMechanism = auth[1].toUpperCase();
      const initial = auth[2] === undefined ? '' : ` ${authDataReference(authMechanism, auth[2], '', credentials)}`;
      out.push(clientLine(`AUTH ${auth[1]}${initial}`));
    }
  }
  return `${out.join('\n')}\n`;
}
