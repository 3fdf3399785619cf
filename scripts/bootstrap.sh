#!/usr/bin/env bash
# Installs what dacost needs from Debian when it is missing: the codec and HTTP libraries it links
# through pkg-config, and the command-line tools that benchmarks compare against.
set -euo pipefail
packages=(pkg-config zlib1g-dev libbrotli-dev libzstd-dev libcurl4-openssl-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "bootstrap: installing ${missing[*]}" >&2
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then export PATH="/opt/swift/usr/bin:$PATH"
    else echo "bootstrap: no Swift toolchain found (expected swift on PATH or /opt/swift)" >&2; exit 1; fi
fi
