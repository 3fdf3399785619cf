#!/usr/bin/env bash
# Builds dacost (release) and installs the one binary it needs: the bundled trace, profile and default
# scenario are compiled into it. PREFIX defaults to /usr/local.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
swift build -c release --product dacost
prefix="${PREFIX:-/usr/local}"
sudo=""; [ "$(id -u)" -ne 0 ] && [ ! -w "$prefix/bin" ] && sudo="sudo"
$sudo install -d "$prefix/bin"
$sudo install -m 755 .build/release/dacost "$prefix/bin/dacost"
echo "installed $prefix/bin/dacost" >&2
