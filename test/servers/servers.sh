#!/bin/bash
# Real SMTP servers on 127.0.0.1 for the integration tests and CI (Debian 12, as root, no init system needed).
#   test/servers/servers.sh install   # apt packages + Exim extracted beside Postfix (idempotent, non-interactive)
#   test/servers/servers.sh start     # configure under $ROOT, start, wait for every port, write $ROOT/servers.env
#   test/servers/servers.sh stop      # stop by saved PIDs, then by port probe
#   test/servers/servers.sh status    # print what answers
# Server     STARTTLS port / implicit TLS port   AUTH
#   postfix   2525 / 4650   Postfix 3.7, Cyrus SASL sasldb   PLAIN LOGIN CRAM-MD5, CHUNKING
#   exim      2526 / 4651   Exim 4.96 (apt-get download + dpkg -x: exim4 and postfix conflict in apt)
#   aiosmtpd  2528 / 4653   python3-aiosmtpd + aiosmtpd-server.py (AUTH only after TLS)
#   smtp-server 2529 / 4654 the project's node_modules smtp-server + smtp-server.js
# Test user testuser / testpass everywhere; mail to *@example.com is accepted, anything else is relay-denied (5xx).
set -euo pipefail
ROOT=${ROOT:-/tmp/smtp-transcripts-servers}
HERE=$(cd "$(dirname "$0")" && pwd)
EXIM_ROOT=${EXIM_ROOT:-/opt/smtp-transcripts-exim}
export DEBIAN_FRONTEND=noninteractive
SERVERS="postfix:2525:4650 exim:2526:4651 aiosmtpd:2528:4653 smtp-server:2529:4654"
POSTFIX_XCLIENT_PORT=2530

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  local end=$((SECONDS + ${2:-20}))
  until port_open "$1"; do
    [ $SECONDS -ge $end ] && { echo "port $1 not ready after ${2:-20}s" >&2; return 1; }
    sleep 0.05
  done
}

do_install() {
  local start=$SECONDS
  # No init system here: package scripts must never try to start daemons (on port 25).
  [ -x /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -q
  apt-get install -y -q --no-install-recommends postfix sasl2-bin libsasl2-modules libsasl2-modules-db \
      python3-aiosmtpd swaks libnet-ssleay-perl libauthen-sasl-perl libdigest-hmac-perl openssl ca-certificates iproute2 procps python3-dkim python3-nacl
  install_exim
  echo "installed in $((SECONDS - start)) s"
}

# exim4-daemon-light conflicts with postfix (both provide mail-transport-agent): extract it instead,
# and install only its library dependencies through apt.
install_exim() {
  local bin=$EXIM_ROOT/root/usr/sbin/exim4
  # The binary looks up its compiled-in user even with -C (exim4-base's postinst would create it).
  id -u Debian-exim >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin Debian-exim
  [ -x "$bin" ] && return 0
  rm -rf "$EXIM_ROOT"; mkdir -p "$EXIM_ROOT/debs"
  (cd "$EXIM_ROOT/debs" && apt-get download -q exim4-daemon-light)
  local deb libs
  deb=$(ls "$EXIM_ROOT"/debs/exim4-daemon-light_*.deb)
  libs=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed -e 's/(.*)//' -e 's/|.*//' -e 's/ //g' | grep '^lib' || true)
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $libs
  dpkg -x "$deb" "$EXIM_ROOT/root"
  echo "exim extracted to $EXIM_ROOT/root"
}

make_certificate() {
  mkdir -p "$ROOT/tls"
  [ -f "$ROOT/tls/cert.pem" ] && [ -f "$ROOT/tls/key.pem" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$ROOT/tls/key.pem" -out "$ROOT/tls/cert.pem" 2>/dev/null
  chmod 600 "$ROOT/tls/key.pem"   # Postfix refuses a group/world-readable key
}

start_postfix() {
  command -v postfix >/dev/null || { echo "postfix: not installed (run: $0 install)" >&2; return 1; }
  local B=$ROOT/postfix
  # The sink keeps what was delivered until the next start: a Maildir of a million files (the bench sends thousands of
  # messages a run) makes every delivery slower, and that slows the server the bench measures against.
  rm -rf "$B/mail/sink"
  mkdir -p "$B"/{etc/sasl,spool,data,mail}
  chown postfix: "$B/data" "$B/mail"
  sed -e "s#@B@#$B#g" -e "s#@ROOT@#$ROOT#g" \
      -e "s#@UID@#$(id -u postfix)#g" -e "s#@GID@#$(id -g postfix)#g" "$HERE/postfix-main.cf.in" > "$B/etc/main.cf"
  cp "$HERE/postfix-master.cf" "$B/etc/master.cf"
  # Debian's Postfix reads <config_directory>/sasl/smtpd.conf. sasldb keeps the password in clear,
  # so the shared-secret mechanism CRAM-MD5 works next to PLAIN and LOGIN.
  printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN CRAM-MD5\nsasldb_path: %s\n' \
      "$B/etc/sasl/sasldb2" > "$B/etc/sasl/smtpd.conf"
  rm -f "$B/etc/sasl/sasldb2"
  echo -n testpass | saslpasswd2 -p -c -f "$B/etc/sasl/sasldb2" -u test.local testuser
  chown root:postfix "$B/etc/sasl/sasldb2"; chmod 640 "$B/etc/sasl/sasldb2"
  postfix -c "$B/etc" check     # creates the queue directories with the right owners
  # master -d stays in the foreground; `postfix start-fg`'s PID would not stop master.
  setsid /usr/lib/postfix/sbin/master -c "$B/etc" -d > "$ROOT/logs/postfix.log" 2>&1 < /dev/null &
  echo $! > "$ROOT/pids/postfix"
}

start_exim() {
  local E=$ROOT/exim X=$EXIM_ROOT/root/usr/sbin/exim4
  [ -x "$X" ] || { echo "exim: not installed (run: $0 install)" >&2; return 1; }
  mkdir -p "$E"/{spool,log,mail}
  chown Debian-exim:Debian-exim "$E/spool" "$E/log" "$E/mail"
  install -o Debian-exim -m 600 "$ROOT/tls/key.pem" "$E/key.pem"   # Exim reads its key as its run user
  sed -e "s#@E@#$E#g" -e "s#@X@#$X#g" -e "s#@CERT@#$ROOT/tls/cert.pem#g" "$HERE/exim.conf.in" > "$E/exim.conf"
  setsid "$X" -C "$E/exim.conf" -bdf -q5s > "$ROOT/logs/exim.log" 2>&1 < /dev/null &
  echo $! > "$ROOT/pids/exim"
}

start_aiosmtpd() {
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "aiosmtpd: not installed (run: $0 install)" >&2; return 1; }
  mkdir -p "$ROOT/aiosmtpd/mail"
  PORT=2528 TLS_PORT=4653 CERT=$ROOT/tls/cert.pem KEY=$ROOT/tls/key.pem MAILDIR=$ROOT/aiosmtpd/mail \
    setsid /usr/bin/python3 "$HERE/aiosmtpd-server.py" > "$ROOT/logs/aiosmtpd.log" 2>&1 < /dev/null &
  echo $! > "$ROOT/pids/aiosmtpd"
}

start_smtp_server() {
  mkdir -p "$ROOT/smtp-server/mail"
  PORT=2529 TLS_PORT=4654 CERT=$ROOT/tls/cert.pem KEY=$ROOT/tls/key.pem MAILDIR=$ROOT/smtp-server/mail \
    setsid node "$HERE/smtp-server.js" > "$ROOT/logs/smtp-server.log" 2>&1 < /dev/null &
  echo $! > "$ROOT/pids/smtp-server"
}

env_name() { echo "SMTP_$(echo "$1" | tr 'a-z-' 'A-Z_')"; }

write_env() {
  local file=$ROOT/servers.env entry name p1 p2
  {
    echo "# Written by test/servers/servers.sh start; read by test/servers/available.ts"
    for entry in $SERVERS; do
      IFS=: read -r name p1 p2 <<< "$entry"
      port_open "$p1" && echo "$(env_name "$name")=127.0.0.1:$p1"
      port_open "$p2" && echo "$(env_name "$name")_TLS=127.0.0.1:$p2"
    done
    # Postfix's third listener (postfix-master.cf): XCLIENT and XFORWARD allowed from 127.0.0.1.
    port_open "$POSTFIX_XCLIENT_PORT" && echo "SMTP_POSTFIX_XCLIENT=127.0.0.1:$POSTFIX_XCLIENT_PORT"
    # Where Postfix delivers mail for lmtp.test over LMTP (postfix-main.cf.in): a test listens there.
    port_open 2525 && echo "SMTP_POSTFIX_LMTP_SOCKET=$ROOT/postfix/lmtp.sock"
    echo "SMTP_TEST_CA=$ROOT/tls/cert.pem"
    echo "SMTP_TEST_USER=testuser"
    echo "SMTP_TEST_PASSWORD=testpass"
  } > "$file.tmp"
  mv "$file.tmp" "$file"
}

do_start() {
  do_stop >/dev/null 2>&1 || true
  mkdir -p "$ROOT"/{pids,logs}
  make_certificate
  local entry name p1 p2 failed=0
  for entry in $SERVERS; do
    IFS=: read -r name p1 p2 <<< "$entry"
    if "start_${name//-/_}"; then
      if wait_port "$p1" && wait_port "$p2" && { [ "$name" != postfix ] || wait_port "$POSTFIX_XCLIENT_PORT"; }; then
        echo "$name: up on 127.0.0.1:$p1 (STARTTLS) and :$p2 (implicit TLS)$([ "$name" = postfix ] && echo ", :$POSTFIX_XCLIENT_PORT (XCLIENT)")"
      else echo "$name: did not start, see $ROOT/logs/$name.log" >&2; failed=1; fi
    else failed=1; fi
  done
  write_env
  echo "env file: $ROOT/servers.env"
  return $failed
}

stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0
    # PID 1 may not reap: a zombie still answers kill -0, so look at its state.
    [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = Z ] && return 0
    sleep 0.05; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

do_stop() {
  local f entry name p1 p2 pid extra
  for f in "$ROOT"/pids/*; do [ -f "$f" ] || continue
    stop_pid "$(cat "$f")"; rm -f "$f"; done
  # Whatever still listens on our ports (a server started by an earlier run whose PID file is gone).
  for entry in $SERVERS; do
    IFS=: read -r name p1 p2 <<< "$entry"
    extra=""; [ "$name" = postfix ] && extra=$POSTFIX_XCLIENT_PORT
    for pid in $(ss -Htlnp "( sport = :$p1 or sport = :$p2${extra:+ or sport = :$extra} )" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
      stop_pid "$pid"; done
    for p in $p1 $p2 $extra; do port_open "$p" && { echo "port $p still open" >&2; return 1; }; done
  done
  rm -f "$ROOT/servers.env"
  echo "stopped"
}

do_status() {
  local entry name p1 p2 s1 s2 rc=0
  for entry in $SERVERS; do
    IFS=: read -r name p1 p2 <<< "$entry"
    s1=down; s2=down
    port_open "$p1" && s1=up || rc=1
    port_open "$p2" && s2=up || rc=1
    printf '%-12s %s:%s  %s:%s\n' "$name" "$p1" "$s1" "$p2" "$s2"
  done
  [ -f "$ROOT/servers.env" ] && echo "env file: $ROOT/servers.env"
  return $rc
}

case "${1:-}" in
  install|start|stop|status) "do_$1" ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
