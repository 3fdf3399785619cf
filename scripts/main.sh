#!/usr/bin/env bash
# The main job on the bundled data: builds dacost (release) and compares the DA layers and codecs of
# the bundled default scenario on the real OP Mainnet trace, printing the table and writing the
# example reports under reports/ (and the seed-check numbers into the README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
# Build progress shows as it goes: a first release build takes a few minutes.
echo "main: building dacost (release)" >&2
swift build -c release --product dacost
bin=.build/release/dacost
"$bin" compare --out reports "$@"
# A picture of the HTML report for readers of the repository (when Chromium is there).
if command -v chromium >/dev/null 2>&1; then
    # Tall enough for the whole page (about 8,200 px at 1024 wide, the resolved scenario included).
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1024,9300 \
        --screenshot="$PWD/reports/report.png.tmp.png" "file://$PWD/reports/report.html" >/dev/null 2>&1 \
        && mv reports/report.png.tmp.png reports/report.png
fi
# Projections of the bundled example scenarios: next month's spend with bands, a stress test, and the field
# report's own case (>1,000 TPS, >200 gwei, every layer, alt-DA outages with failover).
for name in finance-monthly stress-1000tps alt-da-1000tps-200gwei; do
    "$bin" project --scenario "fixtures/scenarios/$name.yaml" --out "reports/$name" --quiet
done
# A memecoin frenzy projected once per stack, each charging its users by its own fee mechanism: who turns
# unviable, after how many hours, and how deep the hole.
"$bin" project --scenario fixtures/scenarios/memecoin-frenzy.yaml --stacks generic,op,arbitrum,zksync,polygon-cdk \
    --out reports/memecoin-frenzy --quiet > /dev/null
# The model against OP Mainnet's real days of 2023, and the same days priced on today's layers.
"$bin" backtest fixtures/op-chains-daily-2023.csv --what-if fixtures/scenarios/backtest-what-if.yaml --out reports/backtest --quiet
# The field report's table: L1 gas per transaction as each rollup stack posts the same trace.
"$bin" stacks --out reports/stacks --quiet
# The lzbench-style compression table of the same trace, without timing so it is reproducible.
"$bin" compress fixtures/traces/op-mainnet-1766.hex --no-timing --quiet -o reports/compression-profile.json \
    --format markdown > reports/compression.md.tmp
mv reports/compression.md.tmp reports/compression.md
# Keep the README's tables in step with the reports they come from: the seed check, the backtest summary
# and the stack table.
python3 - <<'PY'
import os, re
readme = open("README.md").read()
def splice(readme, report_path, pattern, marker):
    m = re.search(pattern, open(report_path).read(), re.S)
    if not m:
        return readme
    return re.sub(r"(<!-- %s:begin -->\n).*?(<!-- %s:end -->)" % (marker, marker), lambda x: x.group(1) + m.group(1) + x.group(2), readme, flags=re.S)
new = splice(readme, "reports/report.md", r"## Seed check: L1 data gas per transaction\n\n(.*?)\n## ", "seed-check")
new = splice(new, "reports/backtest/backtest.md", r"## Summary\n\n(.*?)\n!\[", "backtest")
new = splice(new, "reports/stacks/stacks.md", r"## Table\n\n(.*?)\n## ", "stacks")
new = splice(new, "reports/memecoin-frenzy/report.md", r"(\| stack \|.*?\n)\n", "memecoin")
if new != readme:
    open("README.md.tmp", "w").write(new)
    os.replace("README.md.tmp", "README.md")
PY
