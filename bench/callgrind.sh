#!/usr/bin/env bash
# Instructions per check, which do not move with the machine's load as wall
# time does (see bench/README.md):
#
#   bash bench/callgrind.sh [ITERATIONS]     # default 2000 checks per operation
#
# Builds sqlguard_bench (Release, in $BUILD_DIR, default build-bench) when it
# is missing, runs `sqlguard_bench --profile OP` under callgrind for every
# operation of bench/ops with only bench_full_check collected, and prints per
# check: the instructions of the whole check (sg_check + sg_verdict_free), of
# pg_query_raw_parse and of cJSON's parse inside it (the envelope, in the
# arena), and the ratios check / parse and check / (parse + cJSON). The
# numbers are exact for a given build and libraries: comparing two runs
# compares two builds.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-bench}
ITERATIONS=${1:-2000}
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed" >&2; exit 2; }
if [ ! -x "$BUILD_DIR/bench/sqlguard_bench" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DSQLGUARD_TESTS=OFF >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)" --target sqlguard_bench >/dev/null
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

printf '%-22s %12s %12s %12s %13s %15s\n' operation check parse cJSON check/parse \
  'check/(p+cJSON)'
for op in bench/ops/*.json; do
  name=$(basename "$op" .json)
  valgrind --tool=callgrind --callgrind-out-file="$out/$name" \
    --toggle-collect=bench_full_check "$BUILD_DIR/bench/sqlguard_bench" \
    --catalog bench/catalog.json --ops bench/ops --profile "$name" \
    --iterations "$ITERATIONS" >/dev/null 2>&1
  total=$(inclusive "$out/$name" bench_full_check)
  parse=$(inclusive "$out/$name" pg_query_raw_parse)
  cjson=$(inclusive "$out/$name" cJSON_ParseWithLengthOpts)
  awk -v n="$name" -v t="$total" -v p="$parse" -v c="$cjson" -v i="$ITERATIONS" 'BEGIN {
    printf "%-22s %12.0f %12.0f %12.0f %13.2f %15.2f\n", n, t / i, p / i, c / i,
      (p > 0 ? t / p : 0), (p + c > 0 ? t / (p + c) : 0) }'
done
