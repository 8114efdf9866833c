// One session read as what a person would do by hand: where to connect, how TLS starts, who logs in with which
// mechanism, and each mail transaction (envelope and unstuffed message). What a target cannot say becomes a note.
import { TLS_SERVERNAME_SETTING } from '../settings/replaySettings';
import { isAbsolute, resolve } from 'node:path';
import { stuffedDots, unstuffLine } from '../dialogue/framing';
import { verbOpens } from '../dialogue/dialogueState';
import { parseServerAddress } from '../model/serverAddress';
import { isInclude } from '../model/contentParts';
import type { ClientLine, Payload, Session, Transcript } from '../model/types';
import { definitionsAt } from '../model/variables';
import type { TlsMode } from '../knowledge/tlsModes';
import { DKIM_SETTING_NAMES } from '../settings/dkimSettingValues';
import { includeNote } from './includeNotes';
import { parametersOf, pathOf } from './envelopeText';
import { DEFAULT_PASSWORD_VARIABLE, MASKED_AUTH_NOTE, type AuthCredentials, readCredentials, shownAuthLines } from './authData';
import { literal, plainText, resolvePayload, resolveRaw, type Text } from './textPieces';
import { endpointText } from '../settings/settingValues';
import { exchangeStartLine } from '../model/exchangeRange';
import { isCutContent } from '../model/dialogueEvents';

export interface Credentials extends AuthCredentials {
  /** PLAIN, LOGIN, CRAM-MD5 (upper case), or another mechanism named by AUTH. */
  mechanism: string;
  /** The AUTH line carries the first response itself (RFC 4954 §4's initial response), as a client with SASL-IR sends it. */
  initialResponse: boolean;
}

export interface Transaction {
  from: Text;
  to: Text[];
  /** What follows the path (RFC 5321 §4.1.2 Mail-parameters, Rcpt-parameters): MAIL's, and each RCPT's as `to` goes. */
  mailParameters: string[];
  rcptParameters: string[][];
  /** Message lines as the message holds them: dot-unstuffed, without the `.` line. */
  content: Text[];
}

/** A MAIL transaction as the file writes it, before it is known whether it sends a message. */
interface OpenTransaction extends Transaction {
  /** The MAIL line (0-based) and the commands written for it (MAIL, RCPT, DATA), for the note when it sends none. */
  line: number;
  commands: string[];
  /** DATA's content followed (a DATA the file expects refused opens none). */
  sent: boolean;
  chunked: boolean;
}

/** A line the person types, in the order of the file; AUTH lines keep their `{{...}}` expression. */
export interface TypedLine {
  text: Text;
  /** The payload of an AUTH command or response with its references, secrets replaced (authData.ts): shown instead of the data. */
  authExpression?: string;
  /** Set on the lines openssl s_client -starttls sends by itself (the first EHLO, STARTTLS). */
  beforeTls: boolean;
}

export interface SessionRecipe {
  title: string;
  host: string;
  port: number;
  tls: TlsMode;
  /** `@ca`, or the caller's CA file: the certificate to trust. */
  ca?: string;
  /** `@tls-servername`: the name sent as SNI and the certificate is verified as, when not the host's. */
  servername?: string;
  /** LHLO: the session speaks LMTP (RFC 2033), which each target names its own way. */
  helo: { verb: 'EHLO' | 'HELO' | 'LHLO'; name: Text };
  auth?: Credentials;
  /** The transactions that send a message over DATA (with a recipient): what swaks, smtplib and Nodemailer send. */
  transactions: Transaction[];
  /** One note each for a transaction that sends no message (no RCPT, DATA refused): those targets leave it out. */
  unsent: string[];
  /**
   * Message content the connection is closed in (`C: <close>`, or the server's `S: <closed>`): swaks and the libraries
   * always finish a message, so they leave it out (a note in `unsent`); typed by hand, its lines go without the `.`.
   */
  cutContent: Array<{ line: number; by: 'client' | 'server' }>;
  typed: TypedLine[];
  /** What no target can express, one line each (shown as comments). */
  notes: string[];
  /** Exchanges pipelined (sent together) in the file. */
  pipelined: boolean;
  clientCloses: boolean;
  /** The session sends QUIT (RFC 5321 §4.1.1.10). */
  quits: boolean;
  /** Commands that are neither handshake, AUTH, envelope, DATA nor QUIT (RSET, NOOP, VRFY...). */
  otherCommands: string[];
}

export interface RecipeOptions {
  /** host[:port] to use when the file has no `@server` (the CLI's --server). */
  server?: string;
  ca?: string;
  /** The transcript's folder (absolute): a relative `@ca` is made absolute against it, as replay reads it, for the command runs elsewhere. */
  folder?: string;
  /** Shown in the title comment. */
  fileName?: string;
}

const DEFAULT_HOST = 'localhost';

export function sessionRecipe(transcript: Transcript, session: Session, options: RecipeOptions = {}): SessionRecipe {
  const definitions = definitionsAt(transcript, session, session.range.end.line + 1);
  const setting = (name: string) => {
    const directive = definitions.get(name);
    return directive === undefined ? undefined : plainText(resolveRaw(directive.value.text, definitions).text)?.trim();
  };
  const notes: string[] = [];
  const resolve = (payload: Payload): Text => {
    const resolved = resolvePayload(payload, definitions);
    // A line is resolved for each target's use of it: its problem is noted once.
    for (const error of resolved.errors) if (!notes.includes(`line ${payload.line + 1}: ${error}`)) notes.push(`line ${payload.line + 1}: ${error}`);
    return resolved.text;
  };

  const recipe: SessionRecipe = {
    title: `session ${session.index + 1}${session.name === undefined ? '' : ` "${session.name}"`}${options.fileName === undefined ? '' : ` of ${options.fileName}`}`,
    host: DEFAULT_HOST,
    port: 25,
    tls: readTls(setting('tls')),
    ca: fileCa(setting('ca'), options.folder, notes) ?? options.ca,
    servername: setting(TLS_SERVERNAME_SETTING.name),
    helo: { verb: 'EHLO', name: literal('localhost') },
    transactions: [],
    unsent: [],
    cutContent: [],
    typed: [],
    notes,
    pipelined: false,
    clientCloses: false,
    quits: false,
    otherCommands: [],
  };
  applyServer(recipe, options.server ?? setting('server'), setting('port'));
  const signing = DKIM_SETTING_NAMES.filter((name) => definitions.has(name));
  if (signing.length > 0) notes.push(`the file signs each message with DKIM (${signing.map((name) => `@${name}`).join(', ')}): the export sends it unsigned`);

  let heloSeen = false;
  let tlsStarted = false;
  // Each AUTH's lines, each with the line typed for it: every attempt's secrets are hidden, the last one logs in.
  const authGroups: { mechanism: string; lines: { line: ClientLine; typed: TypedLine }[] }[] = [];
  const groups = new Set<number>();
  const written: OpenTransaction[] = [];
  // The transaction that MAIL opened and no message has ended yet.
  let open: OpenTransaction | undefined;
  for (const exchange of session.exchanges) {
    // Closing the connection sends no command: it pipelines nothing.
    if (exchange.kind !== 'greeting' && exchange.kind !== 'client-close') {
      if (groups.has(exchange.pipelineGroup)) recipe.pipelined = true;
      groups.add(exchange.pipelineGroup);
    }
    if (exchange.kind === 'command') {
      const { verb, argument } = exchange.command;
      const opens = verbOpens(verb);
      const line = exchange.command.line;
      const inAuth = opens === 'auth-response';
      const typed = typedLine(line, resolve, inAuth, recipe.tls === 'starttls' && !tlsStarted);
      recipe.typed.push(typed);
      if (verb === 'EHLO' || verb === 'HELO' || verb === 'LHLO') {
        if (!heloSeen) recipe.helo = { verb, name: resolveArgument(line, resolve) };
        heloSeen = true;
      } else if (opens === 'tls-handshake') {
        if (recipe.tls === 'none') recipe.tls = 'starttls';
        // Lines typed so far were sent before TLS: with `-starttls smtp` s_client sends them itself.
        for (const typed of recipe.typed) typed.beforeTls = true;
        tlsStarted = true;
      } else if (inAuth) {
        const [mechanism, ...response] = argument.trim().split(/\s+/);
        recipe.auth = { mechanism: mechanism.toUpperCase(), initialResponse: response.length > 0, user: [], passwordVariable: DEFAULT_PASSWORD_VARIABLE };
        authGroups.push({ mechanism: recipe.auth.mechanism, lines: [{ line, typed }] });
      } else if (verb === 'MAIL') {
        const mail = resolve(line);
        open = { from: pathOf(mail), to: [], mailParameters: parametersOf(mail), rcptParameters: [], content: [], line: line.line, commands: ['MAIL'], sent: false, chunked: false };
        written.push(open);
      } else if (verb === 'RCPT' && open) {
        const rcpt = resolve(line);
        open.to.push(pathOf(rcpt));
        open.rcptParameters.push(parametersOf(rcpt));
        open.commands.push('RCPT');
      } else if (opens === 'content' && open) {
        open.commands.push(exchange.command.verbText.toUpperCase());
      } else if (opens === 'end') {
        recipe.quits = true;
      } else {
        recipe.otherCommands.push(exchange.command.verbText.toUpperCase());
      }
    } else if (exchange.kind === 'auth-response') {
      const typed = typedLine(exchange.line, resolve, true, false);
      authGroups[authGroups.length - 1]?.lines.push({ line: exchange.line, typed });
      recipe.typed.push(typed);
    } else if (exchange.kind === 'message') {
      // Content the connection is closed in (`C: <close>`, or the server's `S: <closed>`) is no message a client
      // library sends.
      const cut = isCutContent(exchange);
      if (cut && open) {
        written.splice(written.indexOf(open), 1);
        const line = exchangeStartLine(exchange);
        recipe.cutContent.push({ line, by: exchange.cutByClient ? 'client' : 'server' });
        const how = exchange.cutByClient ? 'the file closes the connection inside the message content (`C: <close>`)' : 'the server closes the connection inside the message content (`S: <closed>`)';
        recipe.unsent.push(`line ${line + 1}: ${how}, which this client always finishes: that message is left out`);
      }
      const transaction = cut ? undefined : open;
      if (open) open.sent = true;
      open = undefined;
      for (const part of exchange.parts) {
        if (isInclude(part)) {
          notes.push(includeNote(part));
          continue;
        }
        const text = resolve(part);
        recipe.typed.push({ text, beforeTls: false });
        transaction?.content.push(stuffedDots(part.text) === 1 ? unstuffText(text) : text);
      }
      if (exchange.terminator) recipe.typed.push({ text: literal(exchange.terminator.text), beforeTls: false });
    } else if (exchange.kind === 'bdat') {
      // A message in chunks has no DATA form that is the same on the wire: its transaction is left out.
      // Nor is it typed: a chunk is exact octets, which a terminal does not send as written.
      const line = exchange.command.line;
      if (open && !open.chunked) notes.push(`line ${line.line + 1}: BDAT (RFC 3030 chunking) cannot be expressed here: that message is left out`);
      if (open) open.chunked = true;
      if (exchange.last) open = undefined;
    } else if (exchange.kind === 'client-close') {
      recipe.clientCloses = true;
    }
  }
  for (const transaction of written) {
    const { from, to, mailParameters, rcptParameters, content } = transaction;
    if (transaction.sent && to.length > 0) recipe.transactions.push({ from, to, mailParameters, rcptParameters, content });
    else if (!transaction.chunked) recipe.unsent.push(`line ${transaction.line + 1}: a transaction that sends no message (${transaction.commands.join(', ')}): left out`);
  }
  // The last AUTH logs in; every attempt's lines show its secrets as that login's variable (authData.ts).
  const login = authGroups[authGroups.length - 1];
  if (recipe.auth && login) Object.assign(recipe.auth, readCredentials(login.mechanism, login.lines.map((a) => a.line), definitions, notes));
  for (const group of authGroups) {
    const { shown, masked } = shownAuthLines(group.mechanism, group.lines.map((a) => a.line), recipe.auth?.passwordVariable ?? DEFAULT_PASSWORD_VARIABLE);
    group.lines.forEach((a, i) => Object.assign(a.typed, { text: literal(shown[i]), authExpression: shown[i] }));
    if (masked && !notes.includes(MASKED_AUTH_NOTE)) notes.push(MASKED_AUTH_NOTE);
  }
  return recipe;
}

function typedLine(line: ClientLine, resolve: (payload: Payload) => Text, auth: boolean, beforeTls: boolean): TypedLine {
  // An AUTH line's text and expression are set once its exchange is read (authData.ts): until then it shows nothing.
  return auth ? { text: [], authExpression: '', beforeTls } : { text: resolve(line), beforeTls };
}

function resolveArgument(line: ClientLine, resolve: (payload: Payload) => Text): Text {
  const text = resolve(line);
  const first = text[0];
  if (first?.kind !== 'text') return text;
  const space = first.text.indexOf(' ');
  const rest: Text = [{ kind: 'text', text: space < 0 ? '' : first.text.slice(space + 1) }, ...text.slice(1)];
  return rest.filter((p) => p.kind !== 'text' || p.text !== '');
}

// The file shows the wire form; the message holds the line without the stuffed dot (RFC 5321 §4.5.2).
function unstuffText(text: Text): Text {
  const [first, ...rest] = text;
  return first?.kind === 'text' ? [{ kind: 'text' as const, text: unstuffLine(first.text) }, ...rest] : text;
}

function fileCa(ca: string | undefined, folder: string | undefined, notes: string[]): string | undefined {
  if (ca === undefined || isAbsolute(ca)) return ca;
  if (folder !== undefined) return resolve(folder, ca);
  notes.push(`@ca ${ca} is relative to the transcript's folder: run this there`);
  return ca;
}

function readTls(value: string | undefined): TlsMode {
  return value === 'starttls' || value === 'implicit' ? value : 'none';
}

function applyServer(recipe: SessionRecipe, server: string | undefined, port: string | undefined): void {
  const address = server === undefined || server === 'local' ? undefined : parseServerAddress(server);
  if (address) recipe.host = address.host;
  const chosen = Number(port ?? address?.port ?? (recipe.tls === 'implicit' ? 465 : 25));
  recipe.port = Number.isInteger(chosen) && chosen > 0 ? chosen : 25;
  if (!address) recipe.notes.push(`no @server in the transcript: ${endpointText(recipe.host, recipe.port)} is assumed`);
}
