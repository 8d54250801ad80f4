#!/usr/bin/env bash
# Installs, only when missing, the Debian packages the test tiers and benchmarks need:
#   chromium          headless browser that drives the VS Code server (test:vscode, npm start)
#   libkrb5-dev       headers for the kerberos native module the VS Code server compiles
#   ripgrep           `rg` pre-seeded into @vscode/ripgrep's download cache (no GitHub here)
#   postgresql-client `psql` for the benchmarks
#   openssl           the emulator's per-run CA and TLS certificates (emulator/tls.ts)
# Idempotent: when everything is present it only runs a few dpkg queries.
set -euo pipefail

# package name -> command whose presence proves it (empty: ask dpkg)
declare -A PROOF=(
  [chromium]="chromium"
  [libkrb5-dev]=""
  [ripgrep]="rg"
  [postgresql-client]="psql"
  [openssl]="openssl"
)

is_installed() {
  local pkg="$1" cmd="${PROOF[$1]}"
  if [[ -n "$cmd" ]]; then
    command -v "$cmd" >/dev/null 2>&1 && return 0
  fi
  [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
for pkg in chromium libkrb5-dev ripgrep postgresql-client openssl; do
  is_installed "$pkg" || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-debian-packages: missing ${missing[*]} and apt-get is not available; install them with your package manager." >&2
  exit 1
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "ensure-debian-packages: missing ${missing[*]}; run as root:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

echo "ensure-debian-packages: installing ${missing[*]}" >&2
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
# Wait for the dpkg lock instead of failing when another apt run (a parallel job) holds it.
LOCK_WAIT=(-o DPkg::Lock::Timeout=600)
"${SUDO[@]}" apt-get "${LOCK_WAIT[@]}" update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${LOCK_WAIT[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "ensure-debian-packages: done in $(( $(date +%s) - start )) s" >&2
