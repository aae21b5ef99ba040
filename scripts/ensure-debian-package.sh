#!/usr/bin/env bash
# Usage: ensure-debian-package.sh <package> <binary> <until-then> <or-else>
# Makes sure Debian's <package> is installed (its <binary> is executable) for the tests that
# drive it; nothing is ever downloaded by npm. Installs it with apt when running as root;
# otherwise says loudly what is missing and leaves the decision to the tests (skip, or fail when
# their REQUIRE_... variable is 1), e.g.
#   ensure-debian-package.sh haproxy /usr/sbin/haproxy "the rolling-restart test is skipped" "or fails, when REQUIRE_HAPROXY=1"
set -euo pipefail
if [ "$#" -ne 4 ]; then
  echo "usage: $0 <package> <binary> <until-then> <or-else>" >&2
  exit 2
fi
PACKAGE="$1"
BINARY="$2"
UNTIL_THEN="$3"
OR_ELSE="$4"

if [ -x "$BINARY" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-$PACKAGE: $BINARY is missing; installing Debian's $PACKAGE package"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$PACKAGE"
  exit 0
fi
echo "!!! ensure-$PACKAGE: $BINARY is missing and cannot be installed here (needs root and apt-get)." >&2
echo "!!! Run: sudo apt-get install -y $PACKAGE   -- until then $UNTIL_THEN" >&2
echo "!!! ($OR_ELSE)." >&2
