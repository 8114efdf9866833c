// The npm package smtp-server (from the project's own node_modules) for the integration tests:
// STARTTLS on PORT, implicit TLS on TLS_PORT, AUTH PLAIN/LOGIN/CRAM-MD5, sink to MAILDIR. Started by servers.sh.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { SMTPServer } = require('smtp-server');

const PORT = Number(process.env.PORT || 2529);
const TLS_PORT = Number(process.env.TLS_PORT || 4654);
const key = fs.readFileSync(process.env.KEY);
const cert = fs.readFileSync(process.env.CERT);
const MAILDIR = process.env.MAILDIR;
const USER = 'testuser';
const PASSWORD = 'testpass';

function rejection(code, message) {
  return Object.assign(new Error(message), { responseCode: code });
}

const options = (secure) => ({
  secure, key, cert, name: 'mx.test.local', banner: 'smtp-server (test)',
  size: 10485760, authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'], authOptional: true,
  hideENHANCEDSTATUSCODES: false, hideDSN: false, logger: false, disableReverseLookup: true,
  onAuth(auth, session, callback) {
    const ok = auth.username === USER &&
      (auth.method === 'CRAM-MD5' ? auth.validatePassword(PASSWORD) : auth.password === PASSWORD);
    if (ok) return callback(null, { user: auth.username });
    callback(rejection(535, 'Authentication credentials invalid'));
  },
  onRcptTo(address, session, callback) {
    if (!/@example\.com$/i.test(address.address)) return callback(rejection(550, 'Relaying denied'));
    callback();
  },
  onData(stream, session, callback) {
    const file = path.join(MAILDIR, `${Date.now()}-${session.id}.eml`);
    stream.pipe(fs.createWriteStream(file));
    stream.on('end', () => callback(null, 'Message accepted for delivery'));
  },
});

const servers = [new SMTPServer(options(false)), new SMTPServer(options(true))];
// Without an 'error' listener a bare TCP probe of the implicit-TLS port (connect, close) crashes the process.
for (const server of servers) server.on('error', (e) => console.error('smtp-server error:', e.code || '', e.message));
servers[0].listen(PORT, '127.0.0.1', () => servers[1].listen(TLS_PORT, '127.0.0.1', () =>
  console.log(`smtp-server listening on 127.0.0.1:${PORT} (STARTTLS) and :${TLS_PORT} (implicit TLS)`)));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => servers[0].close(() => servers[1].close(() => process.exit(0))));
}
