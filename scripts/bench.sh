#!/usr/bin/env bash
# Release-mode benchmarks for the targets the issues name. Data goes to bench-data/ (not committed).
# Usage: scripts/bench.sh [compress|compare|compare-1g|project|fetch]   (default: all sections)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
for tool in hyperfine zstd; do command -v $tool >/dev/null || { apt-get install -y -qq $tool >/dev/null; }; done
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
swift build -c release --product dacost 2>&1 | tail -n 1
swift build -c release --product dacost-bench 2>&1 | tail -n 1
bin=$PWD/.build/release/dacost
mkdir -p bench-data
tobin() { python3 -c "
import sys
with open(sys.argv[2],'wb') as o:
    for l in open(sys.argv[1]):
        l=l.strip()
        if l and not l.startswith('#'): o.write(bytes.fromhex(l[2:] if l.startswith('0x') else l))" "$1" "$2"; }
mbs() { python3 -c "import json,sys; print(json.load(sys.stdin)['results'][0]['$1'])"; }

section=${1:-all}
if [ "$section" = all ] || [ "$section" = compress ]; then
    [ -f bench-data/synth-64m.hex ] || "$bin" synth --profile op-mainnet --txs 80000 --seed 1 -o bench-data/synth-64m.hex
    [ -f bench-data/synth-64m.bin ] || tobin bench-data/synth-64m.hex bench-data/synth-64m.bin
    echo "## zstd-3 at 780k batches, one job, vs zstd -b3 -B786432 on the same transactions"
    ours=$("$bin" compress bench-data/synth-64m.hex --codecs zstd-3 --batch-sizes 780k --jobs 1 --repeat 5 --format json --quiet | mbs compress_mb_s)
    ref=$(zstd -b3 -B786432 -i5 bench-data/synth-64m.bin 2>&1 | tr '\r' '\n' | grep -oE '[0-9.]+ MB/s' | tail -2 | head -1 | cut -d' ' -f1)
    echo "dacost compress zstd-3: $ours MB/s; zstd -b3 -B786432: $ref MB/s; ratio $(python3 -c "print(round($ours/$ref,3))")"

    echo "## FastLZ (pure Swift) on the real OP trace, one job"
    "$bin" compress fixtures/traces/op-mainnet-1766.hex --codecs fastlz --batch-sizes 128k,780k,all --jobs 1 --repeat 50 --quiet | tail -n 3

    echo "## brotli-11 over many batches: 1 job vs 2 jobs (wall time)"
    [ -f bench-data/synth-2k.hex ] || "$bin" synth --profile op-mainnet --txs 2000 --seed 2 -o bench-data/synth-2k.hex
    hyperfine --runs 3 --export-json bench-data/brotli-jobs.json \
        "$bin compress bench-data/synth-2k.hex --codecs brotli-11 --batch-sizes 64k --no-timing --quiet --jobs 1" \
        "$bin compress bench-data/synth-2k.hex --codecs brotli-11 --batch-sizes 64k --no-timing --quiet --jobs 2" | grep -E "Time|±|faster"
    python3 -c "import json; r=json.load(open('bench-data/brotli-jobs.json'))['results']; print('speed-up with 2 jobs:', round(r[0]['median']/r[1]['median'],2))"

    echo "## Peak memory on a 1 GB trace (streaming)"
    [ -f bench-data/synth-1g.hex ] || "$bin" synth --profile op-mainnet --txs 640000 --seed 3 -o bench-data/synth-1g.hex
    ls -l bench-data/synth-1g.hex | awk '{print "trace file bytes:", $5}'
    /usr/bin/time -v "$bin" compress bench-data/synth-1g.hex --codecs none,fastlz,zstd-3,zlib-1 --batch-sizes 16k,128k,780k,all \
        --no-timing --quiet --jobs 2 2>bench-data/time.txt | tail -n 4
    grep -E "Maximum resident|Elapsed" bench-data/time.txt
fi

if [ "$section" = all ] || [ "$section" = compare ]; then
    echo "## dacost compare, default scenario (5 layers x 5 codecs), bundled trace"
    hyperfine --warmup 2 --runs 20 "$bin compare --quiet --out bench-data/reports" | grep -E "Time|Range"
    echo "## the pricing step alone (profile given), in-process"
    .build/release/dacost-bench pricing 200
    echo "## dacost check on the default trace and scenario (report baseline, no --speed)"
    "$bin" compare --quiet --out bench-data/baseline >/dev/null
    hyperfine --warmup 1 --runs 10 "$bin check --baseline bench-data/baseline/report.json" | grep -E "Time|Range"
fi

if [ "$section" = all ] || [ "$section" = compare-1g ]; then
    echo "## dacost compare on a 1 GB op-mainnet-like trace, default scenario and codecs, empty cache (target: < 120 s, < 300 MB)"
    [ -f bench-data/synth-1g.hex ] || "$bin" synth --profile op-mainnet --txs 640000 --seed 3 -o bench-data/synth-1g.hex
    cache=$(mktemp -d)
    DACOST_CACHE="$cache" /usr/bin/time -f "wall %e s, user %U s, peak RSS %M KB" "$bin" compare bench-data/synth-1g.hex --quiet --out bench-data/compare-1g >/dev/null
    echo "## the same with zstd-19 added (memory for any codec set: < 300 MB)"
    rm -rf "$cache"; cache=$(mktemp -d)
    DACOST_CACHE="$cache" /usr/bin/time -f "wall %e s, user %U s, peak RSS %M KB" "$bin" compare bench-data/synth-1g.hex --quiet \
        --codecs none,fastlz,zlib-9,brotli-10,brotli-11,zstd-3,zstd-19 --out bench-data/compare-1g >/dev/null
    rm -rf "$cache"
fi

if [ "$section" = all ] || [ "$section" = project ]; then
    echo "## dacost project: 30 days, 1,000 TPS, simulated blob market, 1,000 paths (fixtures/scenarios/stress-1000tps.yaml)"
    /usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" project --scenario fixtures/scenarios/stress-1000tps.yaml --out bench-data/project --quiet >/dev/null
    for tps in 100 10000; do
        sed "s/^  tps: 1000$/  tps: $tps/" fixtures/scenarios/stress-1000tps.yaml > bench-data/stress-$tps.yaml
        /usr/bin/time -f "$tps TPS: wall %e s" "$bin" project --scenario bench-data/stress-$tps.yaml --out bench-data/project --quiet >/dev/null
    done
    /usr/bin/time -f "10,000 paths: wall %e s, peak RSS %M KB" "$bin" project --scenario fixtures/scenarios/stress-1000tps.yaml --paths 10000 --out bench-data/project --quiet >/dev/null
    /usr/bin/time -f "finance-monthly, 1,000 paths: wall %e s" "$bin" project --scenario fixtures/scenarios/finance-monthly.yaml --out bench-data/project --quiet >/dev/null
    echo "## the stress projection with alt-DA congestion and outages on every alt-DA layer, against without (target: within 1.5x)"
    python3 - <<'PY'
s = open('fixtures/scenarios/stress-1000tps.yaml').read()
# The stress scenario uses the default layers: the same five, with others' demand on the alt-DA ones.
s += """layers:
  - kind: ethereum_blobs
  - kind: ethereum_calldata
  - kind: celestia
    background_bytes_per_second: {kind: piecewise, interpolation: step, points: [{date: 2026-12-01, value: 100000}, {date: 2026-12-20, value: 14000000}, {date: 2026-12-21, value: 100000}]}
  - kind: eigenda
    background_bytes_per_second: 1000000
  - kind: avail
    background_bytes_per_second: 20000
"""
s = s.replace("  revenue_per_tx_usd:", """  outages:
    - {layer: celestia, per_month: 2, median_hours: 2, p95_hours: 12, failover: ethereum_blobs}
    - {layer: eigenda, per_month: 2, median_hours: 1, p95_hours: 6, failover: ethereum_calldata}
    - {layer: avail, per_month: 1, median_hours: 3, p95_hours: 24, failover: wait}
  revenue_per_tx_usd:""")
open('bench-data/stress-altda.yaml', 'w').write(s)
PY
    hyperfine --warmup 1 --runs 5 "$bin project --scenario fixtures/scenarios/stress-1000tps.yaml --out bench-data/project --quiet" \
        "$bin project --scenario bench-data/stress-altda.yaml --out bench-data/project-altda --quiet" | grep -E "Time|Range|faster"
fi

if [ "$section" = all ] || [ "$section" = fetch ]; then
    for profile in transfers op-mainnet; do
        echo "## dacost fetch txs: 4,000 blocks x 100 synthetic $profile transactions from a loopback node"
        echo "# in-process (node and client share the two cores), output on tmpfs:"
        TMPDIR=/dev/shm .build/release/dacost-bench fetch 4000 100 jsonl $profile
        TMPDIR=/dev/shm .build/release/dacost-bench fetch 4000 100 jsonl.zst $profile
        echo "# the real command against a node in another process:"
        rm -f bench-data/node-url
        .build/release/dacost-bench serve 4000 100 $profile > bench-data/node-url &
        node=$!
        while [ ! -s bench-data/node-url ]; do sleep 0.2; done
        url=$(cat bench-data/node-url)
        # Output on tmpfs (the client and the node, not this VM's disk) and on disk; the old output is
        # removed first, since replacing a large file costs its unlink inside the timed run.
        for dir in /dev/shm bench-data; do
            hyperfine --runs 5 --prepare "rm -f $dir/fetch.jsonl" --export-json bench-data/fetch.json \
                "$bin fetch txs --rpc $url --from 1 --to 4000 -o $dir/fetch.jsonl" | grep -E "Time|Range"
            python3 -c "import json; r=json.load(open('bench-data/fetch.json'))['results'][0]; print('output in $dir: blocks/s at the median:', round(4000/r['median']), ', at the fastest run:', round(4000/r['min']))"
        done
        # What this VM's disk alone takes to write and sync as many bytes.
        bytes=$(stat -c %s bench-data/fetch.jsonl)
        rm -f bench-data/ddtest; sync
        dd if=/dev/zero of=bench-data/ddtest bs=1M count=$((bytes >> 20)) conv=fdatasync 2>&1 | tail -n 1 | sed 's/^/the disk alone (dd, fdatasync): /'
        rm -f bench-data/ddtest /dev/shm/fetch.jsonl bench-data/fetch.jsonl.zst
        /usr/bin/time -f "peak RSS %M KB" "$bin" fetch txs --rpc "$url" --from 1 --to 4000 -o bench-data/fetch.jsonl.zst 2>&1 | tail -n 1
        kill $node
    done
fi
