#!/usr/bin/env bash
# The main job on the bundled data: builds dacost (release) and runs it on the real OP Mainnet trace,
# printing the table and writing the example reports under reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
swift build -c release --product dacost 2>&1 | tail -n 1
bin=.build/release/dacost
trace=fixtures/traces/op-mainnet-1766.hex
# Reports are written without timing so they are byte-identical run to run; the screen shows speeds.
"$bin" compress "$trace" --no-timing --quiet -o reports/compression-profile.json --format markdown > reports/compression.md.tmp
mv reports/compression.md.tmp reports/compression.md
"$bin" compress "$trace" "$@"
