#!/bin/sh
# Makes sure Debian's Chromium (/usr/bin/chromium) is installed for the dashboard's browser test.
# Idempotent: does nothing when it is there. Installs it with apt-get only when running as root on a
# system with apt-get. The test suite never downloads a browser of its own (playwright-core drives
# this one); when Chromium is still missing, the browser test fails and says why.
set -eu
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and cannot be installed here (needs root and apt-get);" >&2
  echo "ensure-chromium: run 'apt-get install -y chromium' as root. The dashboard browser test will fail." >&2
  exit 0
fi
echo "ensure-chromium: installing Debian's chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y chromium >&2; then
  apt-get update >&2 && apt-get install -y chromium >&2 || {
    echo "ensure-chromium: apt-get could not install chromium; the dashboard browser test will fail." >&2
    exit 0
  }
fi
