#!/usr/bin/env bash
# The browser test drives Debian's chromium with Playwright (never `playwright install`).
# Install it from Debian's packages when missing and we may (root + apt); otherwise say so.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser test ..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "Could not install chromium; the browser test will be skipped." >&2
else
  echo "chromium is not installed (/usr/bin/chromium); the browser test will be skipped. Install it with: sudo apt-get install chromium" >&2
fi
