#!/usr/bin/env bash
# libFuzzer with AddressSanitizer on every parser dacost feeds outside input to (see Fuzz/).
# Usage: scripts/fuzz.sh [seconds per target, default 60] [target …]
#   targets: trace rlp json scenario csv baseline rpc (default: all)
# Corpora grow in .fuzz/corpus/TARGET (kept between runs); crashes land in .fuzz/crashes/TARGET and make
# the run fail. Inputs that once crashed are kept in Fuzz/regressions/TARGET and replayed first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(trace rlp json scenario csv baseline rpc)
(cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -use-ld=lld 2>&1 | tail -n 1)
bin=$PWD/Fuzz/.build/release/dacost-fuzz
rm -rf .fuzz/seeds && python3 scripts/fuzz_seeds.py .fuzz/seeds
status=0
for t in "${targets[@]}"; do
    case $t in
        scenario) dict=Fuzz/dictionaries/yaml.dict ;;
        rlp) dict=Fuzz/dictionaries/rlp.dict ;;
        *) dict=Fuzz/dictionaries/json.dict ;;
    esac
    mkdir -p ".fuzz/corpus/$t" ".fuzz/crashes/$t"
    # Every input that ever crashed, first: each must now pass.
    if compgen -G "Fuzz/regressions/$t/*" >/dev/null; then
        "$bin" "$t" -runs=0 Fuzz/regressions/$t/* >".fuzz/$t.regressions.log" 2>&1 \
            || { echo "fuzz $t: a regression input fails again (.fuzz/$t.regressions.log)"; status=1; }
    fi
    set +e
    "$bin" "$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -dict="$dict" \
        -artifact_prefix=".fuzz/crashes/$t/" -print_final_stats=1 ".fuzz/corpus/$t" ".fuzz/seeds/$t" >".fuzz/$t.log" 2>&1
    rc=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' ".fuzz/$t.log" | grep -o '[0-9]*$' || echo "?")
    crashes=$(find ".fuzz/crashes/$t" -type f | wc -l)
    echo "fuzz $t: $runs executions in ${seconds} s, exit $rc, $crashes crash inputs in .fuzz/crashes/$t"
    if [ "$rc" -ne 0 ]; then status=1; grep -m 3 -E 'ERROR|SUMMARY|panic|Fatal error' ".fuzz/$t.log" || tail -n 20 ".fuzz/$t.log"; fi
done
exit $status
