#!/usr/bin/env bash
# One-time (idempotent) set-up for a fresh Debian machine with Node 20 + npm + apt:
#   1. Debian packages (only those missing)      2. project node_modules (npm ci)
#   3. code-server (a real VS Code, web workbench) into .vscode-test/code-server/
# Safe to run again: every step is skipped when already done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CODE_SERVER_VERSION="4.100.3"          # newest that runs on Node 20 — keep the exact pin
RIPGREP_PKG_VERSION="1.15.11"          # @vscode/ripgrep used by code-server 4.100.3
RIPGREP_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
CS_DIR="$ROOT/.vscode-test/code-server"
APT_PACKAGES=(build-essential python3 pkg-config libkrb5-dev ripgrep chromium openssl)

log() { echo "[setup] $*"; }
t0=$SECONDS

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else log "warning: not root and no sudo; apt installs may fail"; fi
fi

# --- 1. Debian packages ------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then missing+=("$pkg"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi

# --- 2. project dependencies -------------------------------------------------
stamp="node_modules/.package-lock.json"   # written by npm on every install
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  log "npm ci (node_modules missing or older than package-lock.json)"
  npm ci --no-audit --no-fund
else
  log "node_modules up to date (skipping npm ci)"
fi

# --- 3. code-server ----------------------------------------------------------
installed_version=""
if [ -f "$CS_DIR/node_modules/code-server/package.json" ]; then
  installed_version="$(node -p "require('$CS_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true)"
fi
vsdir="$CS_DIR/node_modules/code-server/lib/vscode"
if [ "$installed_version" = "$CODE_SERVER_VERSION" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ] \
   && [ -f "$vsdir/out/server-main.js" ] && [ -x "$vsdir/node_modules/@vscode/ripgrep/bin/rg" ] \
   && [ -f "$vsdir/node_modules/node-pty/build/Release/pty.node" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in .vscode-test/code-server"
else
  log "installing code-server@$CODE_SERVER_VERSION into .vscode-test/code-server (~85 s, ~300 MB)"
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache holds the asset:
  # seed the cache with a tar.gz whose top level is `rg` (it runs `tar xvf ASSET -C bin/`).
  tmp="${TMPDIR:-/tmp}"
  rg_cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  if [ ! -s "$rg_cache/$RIPGREP_ASSET" ]; then
    log "seeding ripgrep cache $rg_cache/$RIPGREP_ASSET from /usr/bin/rg"
    mkdir -p "$rg_cache"
    tar czf "$rg_cache/$RIPGREP_ASSET.part" -C /usr/bin rg
    mv "$rg_cache/$RIPGREP_ASSET.part" "$rg_cache/$RIPGREP_ASSET"
  fi
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  printf '{\n  "name": "isc-code-server-install",\n  "private": true,\n  "description": "code-server for tests/demo, installed by scripts/setup.sh"\n}\n' > "$CS_DIR/package.json"
  (
    export npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr
    npm install --prefix "$CS_DIR" --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION"
  )
  for f in "$vsdir/out/server-main.js" "$vsdir/node_modules/@vscode/ripgrep/bin/rg" "$vsdir/node_modules/node-pty/build/Release/pty.node"; do
    if [ ! -e "$f" ]; then log "error: code-server install incomplete ($f missing; did its install scripts run?)"; exit 1; fi
  done
  # --version writes a default config under XDG_CONFIG_HOME: keep it inside the ignored folder
  v="$(XDG_CONFIG_HOME="$CS_DIR/.config" XDG_DATA_HOME="$CS_DIR/.data" "$CS_DIR/node_modules/.bin/code-server" --version 2>/dev/null | tail -1)"
  log "installed code-server: $v"
fi

log "done in $((SECONDS - t0)) s"
