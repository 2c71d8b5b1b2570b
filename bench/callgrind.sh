#!/usr/bin/env bash
# Instructions per check, which do not move with the machine's load as wall
# time does (see bench/README.md):
#
#   bash bench/callgrind.sh [ITERATIONS]     # default 2000 checks per operation
#
# Builds sqlguard_bench and the command line (Release, in $BUILD_DIR, default
# build-bench) when they are missing, runs `sqlguard_bench --profile OP` under
# callgrind for every operation of bench/ops with only bench_full_check
# collected, and prints per check: the instructions of the whole check
# (sg_check + sg_verdict_free), of pg_query_raw_parse and of cJSON's parse
# inside it (the envelope, in the arena), the ratios check / parse and
# check / (parse + cJSON), the pre-scan's instructions per byte of the
# envelope, and the heap allocations per check (every library).
#
# A second table is stream mode: `sqlguard check --ndjson` over ITERATIONS / 4
# copies each of the seed insert and select (one line each), with only
# cli_check_stream collected: instructions per operation of the whole stream
# (reading lines, checking, writing each verdict's JSON) against the
# in-process check of the same operations in the same process (sg_check +
# sg_verdict_free), and their ratio.
#
# The numbers are exact for a given build and libraries: comparing two runs
# compares two builds.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-bench}
ITERATIONS=${1:-2000}
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed" >&2; exit 2; }
if [ ! -x "$BUILD_DIR/bench/sqlguard_bench" ] || [ ! -x "$BUILD_DIR/sqlguard" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DSQLGUARD_TESTS=OFF >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)" --target sqlguard_bench sqlguard_cli >/dev/null
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The inclusive count of `fn` in a callgrind profile (0 when never called);
# awk reads to the end, so that no SIGPIPE fails the pipeline.
inclusive() {
  callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
    awk -v fn="$2" '!found && $0 ~ ":" fn " " { gsub(",", "", $1); n = $1; found = 1 }
                    END { print found ? n : 0 }'
}

printf '%-22s %9s %9s %9s %12s %16s %14s %8s\n' operation check parse cJSON check/parse \
  'check/(p+cJSON)' 'pre-scan Ir/B' allocs
for op in bench/ops/*.json; do
  name=$(basename "$op" .json)
  allocs=$(valgrind --tool=callgrind --callgrind-out-file="$out/$name" \
    --toggle-collect=bench_full_check "$BUILD_DIR/bench/sqlguard_bench" \
    --catalog bench/catalog.json --ops bench/ops --profile "$name" \
    --iterations "$ITERATIONS" 2>/dev/null | sed -n 's/.*; \([0-9.]*\) heap allocations per check.*/\1/p')
  total=$(inclusive "$out/$name" bench_full_check)
  parse=$(inclusive "$out/$name" pg_query_raw_parse)
  cjson=$(inclusive "$out/$name" cJSON_ParseWithLengthOpts)
  prescan=$(inclusive "$out/$name" sg__json_prescan)
  bytes=$(wc -c <"$op")
  awk -v n="$name" -v t="$total" -v p="$parse" -v c="$cjson" -v i="$ITERATIONS" -v s="$prescan" \
    -v b="$bytes" -v a="${allocs:-?}" 'BEGIN {
    printf "%-22s %9.0f %9.0f %9.0f %12.2f %16.2f %14.2f %8s\n", n, t / i, p / i, c / i,
      (p > 0 ? t / p : 0), (p + c > 0 ? t / (p + c) : 0), s / i / b, a }'
done

# Stream mode against the in-process check, per operation.
copies=$((ITERATIONS / 4 > 0 ? ITERATIONS / 4 : 1))
for _ in $(seq "$copies"); do
  tr -d '\n' <bench/ops/insert_account.json; echo
  tr -d '\n' <bench/ops/select_accounts.json; echo
done >"$out/seed.ndjson"
valgrind --tool=callgrind --callgrind-out-file="$out/stream" --toggle-collect=cli_check_stream \
  "$BUILD_DIR/sqlguard" check --catalog bench/catalog.json --ndjson <"$out/seed.ndjson" \
  >/dev/null 2>&1 || true
stream=$(inclusive "$out/stream" cli_check_stream)
check=$(inclusive "$out/stream" sg_check)
free=$(inclusive "$out/stream" sg_verdict_free)
tojson=$(inclusive "$out/stream" sg_verdict_to_json_buf)
echo
printf '%-34s %10s %10s %12s %12s\n' 'stream mode (check --ndjson)' stream check 'verdict JSON' stream/check
awk -v s="$stream" -v c="$check" -v f="$free" -v j="$tojson" -v n="$((copies * 2))" 'BEGIN {
  printf "%-34s %10.0f %10.0f %12.0f %12.3f\n", "seed insert + select, " n " lines", s / n,
    (c + f) / n, j / n, (c + f > 0 ? s / (c + f) : 0) }'
