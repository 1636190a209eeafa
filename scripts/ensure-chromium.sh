#!/usr/bin/env bash
# The viewer's browser tests drive Debian's chromium (no browser is downloaded at test time).
# Installs it with apt-get when missing and we are root; otherwise says how.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${ALLIANCES_CHROMIUM:-}" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
else
  echo "note: chromium is not installed; the browser tests will be skipped (CI fails instead)." >&2
  echo "      install it with: sudo apt-get install chromium" >&2
fi
