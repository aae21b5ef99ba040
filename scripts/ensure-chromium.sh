#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (playwright-core drives it;
# no browser is ever downloaded by npm). Installs it with apt when running as root; otherwise
# says loudly what is missing and leaves the decision to the test (skip, or fail when
# REQUIRE_BROWSER=1).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium package"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  exit 0
fi
echo "!!! ensure-chromium: $CHROMIUM is missing and cannot be installed here (needs root and apt-get)." >&2
echo "!!! Run: sudo apt-get install -y chromium   -- until then the browser tests are skipped" >&2
echo "!!! (or fail, when REQUIRE_BROWSER=1)." >&2
