// The session as Nodemailer code: the envelope from MAIL/RCPT, the raw message from DATA's lines (Nodemailer
// dot-stuffs it again), STARTTLS required or implicit TLS, the password from process.env.
import { initialResponseNote } from './authData';
import { sameForEveryRecipient, writtenParameters } from './envelopeText';
import type { SessionRecipe } from './sessionRecipe';
import type { Piece, Text } from './textPieces';
import { unixSocketPath } from '../settings/settingValues';

const NODEMAILER_MECHANISMS = ['PLAIN', 'LOGIN', 'CRAM-MD5'];

const quote = (text: string) => JSON.stringify(text);

function expression(text: Text): string {
  if (text.length === 0) return '""';
  return text.map((p) => (p.kind === 'text' ? quote(p.text) : p.kind === 'env' ? `process.env[${quote(p.name)}]` : p.kind === 'date' ? "new Date().toUTCString().replace('GMT', '+0000')" : '`<${randomUUID()}@smtp-transcripts.invalid>`')).join(' + ');
}

/**
 * Nodemailer's `dsn: { notify }` writes NOTIFY= on every RCPT (RFC 3461 §4.1) when the server offers DSN: exact when
 * every recipient has that one parameter alike. '' for no parameters; undefined when it cannot say them.
 */
function dsnOf(rcptParameters: string[][]): string | undefined {
  const same = sameForEveryRecipient(rcptParameters);
  if (same === undefined || same.length > 1) return undefined;
  if (same.length === 0) return '';
  return /^NOTIFY=/i.test(same[0]) ? same[0].slice('NOTIFY='.length) : undefined;
}

export function nodemailerCode(recipe: SessionRecipe): string[] {
  const notes = [...recipe.notes, ...recipe.unsent];
  if (recipe.transactions.length > 1) notes.push('each sendMail opens its own connection');
  // Nodemailer's sendMail ends its connection with a close, not QUIT (its SMTP transport's `finish`).
  if (recipe.transactions.length > 0 && recipe.quits) notes.push('Nodemailer closes the connection after the message without QUIT');
  if (recipe.otherCommands.length > 0) notes.push(`Nodemailer does not send ${[...new Set(recipe.otherCommands)].join(', ')}: left out`);
  if (recipe.helo.verb === 'HELO') notes.push('the file says HELO; Nodemailer says EHLO and falls back to HELO');
  if (unixSocketPath(recipe.host) !== undefined) notes.push(`Nodemailer connects over TCP only: ${recipe.host} is a UNIX-domain socket, which swaks (--socket) and Python's smtplib.LMTP reach`);
  const mailParameters = writtenParameters(recipe.transactions, { mail: true });
  if (mailParameters) notes.push(`Nodemailer chooses the MAIL parameters itself: ${mailParameters.replace('the MAIL parameters ', '')} left out`);
  const inexact = recipe.transactions.filter((t) => dsnOf(t.rcptParameters) === undefined);
  const rcptParameters = writtenParameters(inexact, { rcpt: true });
  if (rcptParameters) notes.push(`Nodemailer's dsn gives every recipient the same NOTIFY and sends no other RCPT parameter: ${rcptParameters.replace('the RCPT parameters ', '')} left out`);
  const mechanism = recipe.auth && NODEMAILER_MECHANISMS.includes(recipe.auth.mechanism) ? recipe.auth.mechanism : undefined;
  if (recipe.auth && !mechanism) notes.push(`AUTH ${recipe.auth.mechanism} is not one Nodemailer speaks: left out`);
  const initial = recipe.auth && mechanism && initialResponseNote('Nodemailer', ['PLAIN'], recipe.auth);
  if (initial) notes.push(initial);
  const out: string[] = [];
  // The kinds of piece the code says: what it requires follows from them, not from a search of the code's text.
  const said = new Set<Piece['kind']>();
  const say = (text: Text): string => {
    for (const piece of text) said.add(piece.kind);
    return expression(text);
  };
  out.push('const transport = nodemailer.createTransport({');
  out.push(`  host: ${quote(recipe.host)},`, `  port: ${recipe.port},`, `  secure: ${recipe.tls === 'implicit'},`);
  // Without `ignoreTLS` Nodemailer would take STARTTLS when offered, which the plain session does not.
  if (recipe.tls !== 'implicit') out.push(recipe.tls === 'starttls' ? '  requireTLS: true,' : '  ignoreTLS: true,');
  out.push(`  name: ${say(recipe.helo.name)},`);
  // LHLO, and a reply per recipient after the message: info.accepted and info.rejected (RFC 2033 §4.2).
  if (recipe.helo.verb === 'LHLO') out.push('  lmtp: true,');
  if (recipe.auth && mechanism) out.push(`  auth: { user: ${say(recipe.auth.user)}, pass: process.env[${quote(recipe.auth.passwordVariable)}] },`, `  authMethod: ${quote(mechanism)},`);
  if (recipe.tls !== 'none') {
    // @tls-servername: Node sends it as SNI and verifies the certificate as it.
    const servername = recipe.servername === undefined ? '' : `servername: ${quote(recipe.servername)}`;
    if (recipe.ca === undefined) out.push("  // The server's certificate is verified against the system CAs; to trust a test server's: tls: { ca: require('node:fs').readFileSync('ca.pem') },");
    const tls = [recipe.ca === undefined ? '' : `ca: fs.readFileSync(${quote(recipe.ca)})`, servername].filter(Boolean);
    if (tls.length > 0) out.push(`  tls: { ${tls.join(', ')} },`);
  }
  out.push('});', '');
  out.push('async function main() {');
  // No message to send: connect, start TLS and log in, as the session does, and stop there.
  if (recipe.transactions.length === 0) out.push('  await transport.verify();');
  for (const transaction of recipe.transactions) {
    out.push('  const raw = [');
    for (const line of transaction.content) out.push(`    ${say(line)},`);
    out.push("  ].join('\\r\\n') + '\\r\\n';");
    const dsn = dsnOf(transaction.rcptParameters);
    out.push(`  const info = await transport.sendMail({ envelope: { from: ${say(transaction.from)}, to: [${transaction.to.map(say).join(', ')}] }, raw${dsn ? `, dsn: { notify: ${quote(dsn)} }` : ''} });`);
    // LMTP: each recipient's own reply to the end of the message (RFC 2033 §4.2): the last one alone says little.
    if (recipe.helo.verb === 'LHLO') out.push('  for (const to of info.accepted) console.log(to, \'accepted\');', '  for (const error of info.rejectedErrors ?? []) console.log(error.recipient, error.response);');
    else out.push('  console.log(info.response);');
  }
  out.push('}', '', 'main().catch((error) => {', '  console.error(error.message);', '  process.exitCode = 1;', '});');
  return [`// smtp-transcript export: ${recipe.title}, as Nodemailer`, ...notes.map((note) => `// note: ${note}`), ...requiresOf(said, recipe.tls !== 'none' && recipe.ca !== undefined), '', ...out];
}

/** The modules the code uses, no more: a linter of the exported file (ESLint's no-unused-vars) finds none unused. */
function requiresOf(said: ReadonlySet<Piece['kind']>, readsCa: boolean): string[] {
  return [
    ...(said.has('message-id') ? ["const { randomUUID } = require('node:crypto');"] : []),
    ...(readsCa ? ["const fs = require('node:fs');"] : []),
    "const nodemailer = require('nodemailer');",
  ];
}
