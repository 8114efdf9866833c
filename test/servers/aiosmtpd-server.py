#!/usr/bin/python3
"""aiosmtpd for the integration tests: STARTTLS on PORT, implicit TLS on TLS_PORT, AUTH PLAIN/LOGIN, sink to MAILDIR.
Mail to *@example.com is accepted, anything else relay-denied. Started by servers.sh with Debian's python3-aiosmtpd."""
import os, signal, ssl, time
# Block the signals before aiosmtpd's threads start (they inherit the mask); the main thread waits for them.
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
from aiosmtpd.controller import Controller

PORT = int(os.environ.get("PORT", "2528"))
TLS_PORT = int(os.environ.get("TLS_PORT", "4653"))
CERT, KEY, MAILDIR = os.environ["CERT"], os.environ["KEY"], os.environ["MAILDIR"]
USERS = {b"testuser": b"testpass"}

class Sink:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not address.lower().endswith("@example.com"):
            return "550 5.7.1 Relaying denied"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with open(os.path.join(MAILDIR, "%f.eml" % time.time()), "wb") as f:
            f.write(envelope.original_content or envelope.content)
        return "250 2.0.0 Message accepted for delivery"

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and USERS.get(auth_data.login) == auth_data.password
    # On failure handled must be False: with the default True aiosmtpd sends no reply and the client hangs.
    return AuthResult(success=ok, handled=ok)

context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(CERT, KEY)
common = dict(hostname="mx.test.local", ident="aiosmtpd test", enable_SMTPUTF8=True,
              authenticator=authenticator, auth_require_tls=True, data_size_limit=10485760)

class TestController(Controller):
    def __init__(self, handler, starttls_context, **kwargs):
        super().__init__(handler, **kwargs)
        self.starttls_context = starttls_context

    def factory(self):
        options = dict(common)
        if self.starttls_context is None:
            # Implicit TLS: aiosmtpd 1.4 only counts STARTTLS as TLS for auth_require_tls and would hide AUTH.
            options["auth_require_tls"] = False
        return SMTP(self.handler, tls_context=self.starttls_context, **options)

starttls = TestController(Sink(), context, hostname="127.0.0.1", port=PORT)
implicit = TestController(Sink(), None, hostname="127.0.0.1", port=TLS_PORT, ssl_context=context)
starttls.start()
implicit.start()
print("aiosmtpd listening on 127.0.0.1:%d (STARTTLS) and :%d (implicit TLS)" % (PORT, TLS_PORT), flush=True)
signal.sigwait({signal.SIGINT, signal.SIGTERM})
starttls.stop()
implicit.stop()
print("aiosmtpd stopped", flush=True)
