#!/usr/bin/env bash
# System tools the test suite drives, from Debian's packages (nothing is downloaded at test time):
# - chromium, for the viewer's browser tests;
# - docker-compose, to validate docker-compose.yml (`config` needs no Docker engine).
# Installs what is missing with apt-get when we are root; otherwise says how.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${ALLIANCES_CHROMIUM:-}" ] || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages for the tests: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "note: ${missing[*]} not installed; the browser tests will be skipped (CI fails instead)." >&2
  echo "      install with: sudo apt-get install ${missing[*]}" >&2
fi
