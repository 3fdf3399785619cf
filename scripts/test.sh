#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test (offline).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
# The HTML report test opens the example report in headless Chromium.
if ! command -v chromium >/dev/null 2>&1; then
    echo "test: installing chromium for the HTML report test" >&2
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    # A fresh machine has no package lists yet (bootstrap updates them only when it installs something).
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
swift build --build-tests
swift test --skip-build
# A short fuzz run of every harness (20 s each, libFuzzer + AddressSanitizer): a crash, trap or leak fails it.
bash scripts/fuzz.sh 20
