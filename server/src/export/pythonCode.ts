// The session as Python smtplib code: the envelope from MAIL/RCPT, the message from DATA's lines (smtplib dot-stuffs
// it again), STARTTLS or SMTP_SSL with a verifying context, and the password from os.environ.
import { sameForEveryRecipient, writtenParameters } from './envelopeText';
import type { SessionRecipe } from './sessionRecipe';
import type { Piece, Text } from './textPieces';
import { ownEntry } from '../knowledge/ownEntry';
import { unixSocketPath } from '../settings/settingValues';

const AUTH_METHODS: Record<string, string> = { PLAIN: 'auth_plain', LOGIN: 'auth_login', 'CRAM-MD5': 'auth_cram_md5' };

// A JSON string is a valid Python string literal.
const quote = (text: string) => JSON.stringify(text);

function expression(text: Text): string {
  if (text.length === 0) return '""';
  return text.map((p) => (p.kind === 'text' ? quote(p.text) : p.kind === 'env' ? `os.environ[${quote(p.name)}]` : p.kind === 'date' ? 'formatdate(localtime=True)' : 'make_msgid()')).join(' + ');
}

const isSize = (parameter: string) => /^SIZE=/i.test(parameter);

export function pythonCode(recipe: SessionRecipe): string[] {
  const notes = [...recipe.notes, ...recipe.unsent];
  if (recipe.pipelined) notes.push('the file pipelines commands (RFC 2920); smtplib sends them one at a time');
  if (recipe.clientCloses) notes.push('the file closes the connection without QUIT (`C: <close>`); `with` ends with QUIT');
  if (recipe.otherCommands.length > 0) notes.push(`${[...new Set(recipe.otherCommands)].join(', ')} left out (smtp.docmd can send them)`);
  // smtplib adds SIZE= itself, with the message's length, when the server offers SIZE (RFC 1870): a second one is refused.
  const sizes = [...new Set(recipe.transactions.flatMap((t) => t.mailParameters.filter(isSize)))];
  if (sizes.length > 0) notes.push(`smtplib sends SIZE= with the message's own length when the server offers SIZE, not ${sizes.join(' ')}`);
  const uneven = recipe.transactions.filter((t) => sameForEveryRecipient(t.rcptParameters) === undefined);
  const unevenParameters = writtenParameters(uneven, { rcpt: true });
  if (unevenParameters) notes.push(`smtplib's sendmail gives every recipient the same rcpt_options: ${unevenParameters}, written for some recipients only, are left out`);
  const lmtp = recipe.helo.verb === 'LHLO';
  if (lmtp && recipe.tls === 'implicit') notes.push('smtplib has no LMTP class for implicit TLS: this code connects without TLS');
  // smtplib.LMTP connects to a UNIX-domain socket when given its path; SMTP and SMTP_SSL speak TCP only.
  const socket = unixSocketPath(recipe.host);
  if (socket !== undefined && !lmtp) notes.push(`smtplib reaches a UNIX-domain socket with its LMTP class only: this code connects to ${recipe.host} over TCP, which fails`);
  // smtplib verifies the certificate as the host it connects to, and takes no other name.
  if (recipe.servername !== undefined && recipe.tls !== 'none') notes.push(`smtplib verifies the server's certificate as ${recipe.host}: @tls-servername ${recipe.servername} is left out`);
  const method = recipe.auth && ownEntry(AUTH_METHODS, recipe.auth.mechanism);
  if (recipe.auth && !method) notes.push(`AUTH ${recipe.auth.mechanism} is not one smtplib speaks: left out`);
  const out: string[] = [];
  // The kinds of piece the code says: what it imports follows from them, not from a search of the code's text.
  const said = new Set<Piece['kind']>();
  const say = (text: Text): string => {
    for (const piece of text) said.add(piece.kind);
    return expression(text);
  };
  if (recipe.tls !== 'none') {
    if (recipe.ca === undefined) out.push("# The server's certificate is verified against the system CAs; to trust a test server's: cafile=\"ca.pem\"");
    out.push(`context = ssl.create_default_context(${recipe.ca === undefined ? '' : `cafile=${quote(recipe.ca)}`})`);
  }
  // smtplib.LMTP sends LHLO from ehlo(); it has no implicit-TLS class.
  const open = lmtp ? 'smtplib.LMTP' : recipe.tls === 'implicit' ? 'smtplib.SMTP_SSL' : 'smtplib.SMTP';
  const helloName = say(recipe.helo.name);
  out.push(`with ${open}(${socket !== undefined && lmtp ? quote(socket) : `${quote(recipe.host)}, ${recipe.port}`}, local_hostname=${helloName}${recipe.tls === 'implicit' && !lmtp ? ', context=context' : ''}) as smtp:`);
  const hello = recipe.helo.verb === 'HELO' ? 'smtp.helo()' : 'smtp.ehlo()';
  out.push(`    ${hello}`);
  if (recipe.tls === 'starttls') out.push('    smtp.starttls(context=context)', `    ${hello}`);
  if (recipe.auth && method) {
    out.push(`    smtp.user, smtp.password = ${say(recipe.auth.user)}, os.environ[${quote(recipe.auth.passwordVariable)}]`);
    // smtplib sends PLAIN's and LOGIN's first response on the AUTH line unless told not to (RFC 4954 §4).
    const waits = !recipe.auth.initialResponse && recipe.auth.mechanism !== 'CRAM-MD5' ? ', initial_response_ok=False' : '';
    out.push(`    smtp.auth(${quote(recipe.auth.mechanism)}, smtp.${method}${waits})`);
  }
  for (const transaction of recipe.transactions) {
    out.push('    message = "\\r\\n".join([');
    for (const line of transaction.content) out.push(`        ${say(line)},`);
    out.push('    ]) + "\\r\\n"');
    const mailOptions = transaction.mailParameters.filter((p) => !isSize(p));
    const rcptOptions = sameForEveryRecipient(transaction.rcptParameters) ?? [];
    const options = [mailOptions.length > 0 ? `, mail_options=[${mailOptions.map(quote).join(', ')}]` : '', rcptOptions.length > 0 ? `, rcpt_options=[${rcptOptions.map(quote).join(', ')}]` : ''].join('');
    if (lmtp) for (const line of lmtpTransaction(say(transaction.from), transaction.to.map(say), mailOptions, rcptOptions)) out.push(line);
    else out.push(`    smtp.sendmail(${say(transaction.from)}, [${transaction.to.map(say).join(', ')}], message.encode()${options})`);
  }
  return [`# smtp-transcript export: ${recipe.title}, as Python smtplib`, ...notes.map((note) => `# note: ${note}`), ...importsOf(said, recipe.tls !== 'none', method !== undefined), '', ...out];
}

/**
 * LMTP: the end of the message is answered once per recipient the server accepted, in RCPT order (RFC 2033 §4.2).
 * smtplib's sendmail reads one reply there (QUIT would then read the next), so the transaction is spelled out.
 */
function lmtpTransaction(from: string, to: readonly string[], mailOptions: readonly string[], rcptOptions: readonly string[]): string[] {
  const list = (options: readonly string[]) => (options.length > 0 ? `, [${options.map(quote).join(', ')}]` : '');
  return [
    `    smtp.mail(${from}${list(mailOptions)})`,
    `    accepted = [to for to in [${to.join(', ')}] if smtp.rcpt(to${list(rcptOptions)})[0] in (250, 251)]`,
    '    replies = [smtp.data(message.encode())] + [smtp.getreply() for _ in accepted[1:]]',
    '    for to, (code, text) in zip(accepted, replies):',
    '        print(to, code, text.decode())',
  ];
}

/** The imports the code uses, no more: a linter of the exported file (flake8's F401) finds none unused. */
function importsOf(said: ReadonlySet<Piece['kind']>, tls: boolean, password: boolean): string[] {
  const helpers = [...(said.has('date') ? ['formatdate'] : []), ...(said.has('message-id') ? ['make_msgid'] : [])];
  return [
    ...(said.has('env') || password ? ['import os'] : []),
    'import smtplib',
    ...(tls ? ['import ssl'] : []),
    ...(helpers.length > 0 ? [`from email.utils import ${helpers.join(', ')}`] : []),
  ];
}
