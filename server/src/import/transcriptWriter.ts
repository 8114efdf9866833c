// Capture events -> `.smtp` text: one session per connection, the target and credentials as directives
// (file-level when every session shares them), the password only ever as `{{$env SMTP_PASSWORD}}`.
import type { CaptureEvent, ImportProblem, RevealedSecret } from './importTypes';
import { literalText } from './saslCredentials';
import { visibleText } from '../model/invisibleCharacters';
import { secretForms, secretPattern } from './secretForms';
import { SessionDraft } from './sessionDraft';

/** Passwords shorter than this are not searched for in the rest of the text: every `e` would match. */
const shortestSearchedSecret = 4;

/** What a recording knows of the password besides what the capture reveals. */
export interface RecordedPasswords {
  /** Passwords the recording side knows without seeing them (the local server's user's): kept out like revealed ones. */
  known: readonly string[];
  /** Say so when the client sent its password in a form that hides it (a proxy cannot mask it elsewhere then). */
  warnWhenHidden: boolean;
}

/** `heading`: the lines before the directives (a recording says where it came from); by default `# Imported from TITLE.` */
export function writeTranscript(
  events: CaptureEvent[],
  title: string,
  problems: ImportProblem[],
  heading = [`# Imported from ${title}.`],
  passwords: RecordedPasswords = { known: [], warnWhenHidden: false },
): string {
  const sessions = draftSessions(events, problems).filter((session) => session.hasExchanges);
  if (sessions.length === 0) return '';
  if (sessions.some((session) => session.host === undefined)) {
    problems.push({ severity: 'info', message: 'the capture does not name the server: add @server and @port, or give them to replay' });
  }
  const shared = sharedSettings(sessions);
  const out = [...heading, ...directiveLines(shared)];
  for (const session of sessions) {
    if (sessions.length > 1) {
      out.push('', '###');
      for (const line of directiveLines(sessionSettings(session, shared))) out.push(line);
    }
    else out.push('');
    // One by one: a message of 300,000 lines spread as arguments would overflow the stack.
    for (const line of session.lines) out.push(line);
  }
  const referenced = shared.password !== undefined;
  const secrets: KeptOutSecret[] = [...sessions.flatMap((session) => session.secrets), ...passwords.known.map((value) => ({ value, variable: referenced ? ('password' as const) : undefined }))];
  if (passwords.warnWhenHidden && sessions.some((session) => session.passwordUnseen)) {
    problems.push({ severity: 'warning', message: 'the client sent its password as a CRAM-MD5 digest, which does not reveal it: where the password appears elsewhere (in a message) it could not be masked' });
  }
  return `${redactSecrets(out, secrets, problems).join('\n')}\n`;
}

function draftSessions(events: CaptureEvent[], problems: ImportProblem[]): SessionDraft[] {
  let current = new SessionDraft(problems);
  const sessions = [current];
  const next = (target: { host?: string; port?: number; servername?: string }): SessionDraft => {
    current.finish(lastLine);
    // A new connection by the same tool keeps the target and implicit TLS unless the capture names others.
    current = new SessionDraft(problems, {
      host: target.host ?? current.host,
      port: target.port ?? current.port,
      servername: target.servername ?? current.servername,
      tls: current.tls === 'implicit' ? 'implicit' : 'none',
    });
    sessions.push(current);
    return current;
  };
  let lastLine = 0;
  let whole = false;
  for (const event of events) {
    lastLine = event.line;
    switch (event.kind) {
      case 'connect':
        if (current.hasExchanges) next(event);
        else {
          current.host = event.host ?? current.host;
          current.port = event.port ?? current.port;
          current.servername = event.servername ?? current.servername;
        }
        whole = event.whole === true;
        break;
      case 'tls':
        current.tlsStarted();
        break;
      case 'sent':
        // Without connections to go by, a client line after the session ended starts the next one.
        (current.ended && !whole ? next({}) : current).sent(event.text, event.line);
        break;
      case 'received':
        current.received(event.text, event.line);
        break;
      case 'closed':
        if (event.by === 'client') current.closedByClient();
        else current.closedByPeer();
        break;
      case 'note':
        // A capture's own words (swaks's `***` lines) may hold an escape sequence: shown as `\x1b`, not obeyed.
        current.note(visibleText(event.text));
        break;
    }
  }
  current.finish(lastLine);
  return sessions;
}

interface Settings {
  server?: string;
  port?: string;
  'tls-servername'?: string;
  tls?: string;
  user?: string;
  password?: string;
  token?: string;
}

function settingsOf(session: SessionDraft): Settings {
  return {
    server: session.host,
    port: session.port === undefined ? undefined : String(session.port),
    'tls-servername': session.servername,
    tls: session.tls === 'none' ? undefined : session.tls,
    // A user the data did not reveal is read from the environment, like the password.
    user: session.usesUser ? (session.user === undefined ? '{{$env SMTP_USER}}' : literalText(session.user)) : undefined,
    password: session.usesPassword ? '{{$env SMTP_PASSWORD}}' : undefined,
    token: session.usesToken ? '{{$env SMTP_TOKEN}}' : undefined,
  };
}

/** The settings every session has alike; those go before the first session and apply to all. */
function sharedSettings(sessions: SessionDraft[]): Settings {
  const all = sessions.map(settingsOf);
  const shared: Settings = {};
  for (const key of Object.keys(all[0]) as Array<keyof Settings>) {
    const value = all[0][key];
    if (value !== undefined && all.every((settings) => settings[key] === value)) shared[key] = value;
  }
  // Credentials referenced by only some sessions may still be defined once for the whole file.
  for (const key of ['password', 'token'] as const) shared[key] ??= all.find((settings) => settings[key])?.[key];
  return shared;
}

function sessionSettings(session: SessionDraft, shared: Settings): Settings {
  const own = settingsOf(session);
  const settings: Settings = {};
  for (const key of Object.keys(own) as Array<keyof Settings>) {
    if (own[key] !== undefined && shared[key] === undefined) settings[key] = own[key];
  }
  return settings;
}

function directiveLines(settings: Settings): string[] {
  return (Object.entries(settings) as Array<[string, string | undefined]>)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `@${name} = ${value}`);
}

/**
 * Replaces every other occurrence of a revealed secret, plain or base64-encoded (see secretForms): its reference on
 * `C:`/`S:` lines where one gives the same characters, a mask elsewhere.
 */
/** A secret to keep out of the text; without a variable (no `@password` to name it) it is masked wherever it stands. */
type KeptOutSecret = Omit<RevealedSecret, 'variable'> & { variable: RevealedSecret['variable'] | undefined };

function redactSecrets(lines: string[], secrets: KeptOutSecret[], problems: ImportProblem[]): string[] {
  const searched = secrets.filter((secret) => secret.value.length >= shortestSearchedSecret);
  if (secrets.some((secret) => secret.value.length > 0 && secret.value.length < shortestSearchedSecret)) {
    problems.push({ severity: 'warning', message: 'the captured password is shorter than 4 characters; the rest of the text was not searched for it' });
  }
  if (searched.length === 0) return lines;
  const formsOf = (secret: KeptOutSecret) => (secret.variable === undefined ? secretForms(secret.value, 'password').map((form) => ({ ...form, reference: undefined })) : secretForms(secret.value, secret.variable));
  const forms = new Map(searched.flatMap(formsOf).map((form) => [form.text, form]));
  const pattern = secretPattern([...forms.values()]);
  let found = false;
  let encoded = false;
  const redacted = lines.map((line) => {
    const prefix = /^[CS]:/.test(line) ? line.slice(0, 2) : '';
    return (
      prefix +
      line.slice(prefix.length).replace(pattern, (text) => {
        const form = forms.get(text)!;
        if (form.encoded) encoded = true;
        else found = true;
        return prefix && form.reference ? form.reference : '****';
      })
    );
  });
  if (found) problems.push({ severity: 'warning', message: 'the captured password also appears outside the AUTH data; it was written as a reference (or **** outside C:/S: lines)' });
  if (encoded) {
    problems.push({
      severity: 'warning',
      message: 'the captured password also appears base64-encoded outside the AUTH data; it was written as {{$base64 {{password}}}} where it stood alone, else masked with **** (that text no longer decodes as captured)',
    });
  }
  return redacted;
}
