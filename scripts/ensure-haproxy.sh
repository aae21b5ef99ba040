#!/usr/bin/env bash
# Makes sure Debian's HAProxy is installed for the rolling-restart test (two server processes
# behind it). Installs it with apt when running as root; otherwise says loudly what is missing
# and leaves the decision to the test (skip, or fail when REQUIRE_HAPROXY=1).
set -euo pipefail
HAPROXY="${HAPROXY_PATH:-/usr/sbin/haproxy}"

if [ -x "$HAPROXY" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-haproxy: $HAPROXY is missing; installing Debian's haproxy package"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy
  exit 0
fi
echo "!!! ensure-haproxy: $HAPROXY is missing and cannot be installed here (needs root and apt-get)." >&2
echo "!!! Run: sudo apt-get install -y haproxy   -- until then the rolling-restart test is skipped" >&2
echo "!!! (or fails, when REQUIRE_HAPROXY=1)." >&2
