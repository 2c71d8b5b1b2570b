#!/usr/bin/env bash
# fuzz/run.sh SECONDS [TARGET...]
#
# Builds the libFuzzer targets (clang, build-fuzz/), then runs each target for
# SECONDS seconds with its dictionary and a working copy of its seed corpus
# (build-fuzz/work/<target>/corpus, so corpus/fuzz/ is never polluted), and
# reports executions per second, coverage (cov/ft of libFuzzer's last stats
# line) and findings. Crash, leak and timeout inputs are copied into
# corpus/fuzz/regressions/<target>/. JOBS targets run at once (default 2).
# Exits 1 when any target had a finding (CI's fuzz smoke relies on it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
secs=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(operation sql placeholders catalog policy)
jobs=${JOBS:-2}
bdir=$root/build-fuzz

CC=clang cmake -S . -B "$bdir" -DSQLGUARD_FUZZ=ON -DSQLGUARD_TESTS=OFF -DSQLGUARD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
mkdir -p "$bdir"
if ! cmake --build "$bdir" -j"$jobs" --target $(printf '%s_fuzzer ' "${targets[@]}") \
    >"$bdir/build.log" 2>&1; then
  cat "$bdir/build.log"
  exit 1
fi

dict_of() {
  case $1 in
    sql|placeholders) echo "$root/fuzz/sql.dict" ;;
    *) echo "$root/fuzz/json.dict" ;;
  esac
}

run_one() {
  local t=$1 w=$bdir/work/$1
  rm -rf "$w/corpus" "$w/artifacts"
  mkdir -p "$w/corpus" "$w/artifacts"
  cp -r "$root/corpus/fuzz/$t/." "$w/corpus/"
  [ -d "$root/corpus/fuzz/regressions/$t" ] && cp -r "$root/corpus/fuzz/regressions/$t/." "$w/corpus/"
  # -fork keeps going after a finding; each crash is saved under artifacts/.
  (cd "$w" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bdir/fuzz/${t}_fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
      -max_len=16384 -dict="$(dict_of "$t")" -artifact_prefix="$w/artifacts/" \
      -print_final_stats=1 "$w/corpus" >"$w/log" 2>&1) || true
}

summarise() {
  local t=$1 w=$bdir/work/$1
  local last execs secs_run eps cov ft crashes
  last=$(grep -E '^#[0-9]+' "$w/log" | tail -1 || true)
  execs=$(grep -E '^stat::number_of_executed_units' "$w/log" | awk '{print $2}' || true)
  secs_run=$(grep -E '^stat::average_exec_per_sec' "$w/log" | awk '{print $2}' || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  eps=${secs_run:-?}
  crashes=$(find "$w/artifacts" -type f | wc -l)
  printf '%-13s %6ss  execs %-10s exec/s %-7s cov %-6s ft %-6s corpus %-6s findings %s\n' \
    "$t" "$secs" "${execs:-?}" "$eps" "${cov:-?}" "${ft:-?}" "$(ls "$w/corpus" | wc -l)" "$crashes"
  if [ "$crashes" -gt 0 ]; then
    mkdir -p "$root/corpus/fuzz/regressions/$t"
    for f in "$w"/artifacts/*; do
      cp "$f" "$root/corpus/fuzz/regressions/$t/"
      echo "  finding: corpus/fuzz/regressions/$t/$(basename "$f")"
    done
    grep -m3 -E 'FUZZ PROPERTY VIOLATED|ERROR: (Address|Undefined|Leak)Sanitizer|runtime error|Fuzzer: deadly signal' \
      "$w/log" | sed 's/^/  /' || true
  fi
}

running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait
echo "target        time    executions         exec/s         coverage         corpus  findings"
total=0
for t in "${targets[@]}"; do
  summarise "$t"
  total=$((total + $(find "$bdir/work/$t/artifacts" -type f | wc -l)))
done
echo "logs: $bdir/work/<target>/log"
if [ "$total" -gt 0 ]; then
  echo "fuzz/run.sh: $total finding(s), copied to corpus/fuzz/regressions/" >&2
  exit 1
fi
