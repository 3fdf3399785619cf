#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test (offline).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
swift build --build-tests
swift test --skip-build
