#!/usr/bin/env bash
# sqlguard's benchmark, in one command (see bench/README.md):
#
#   bash bench/run.sh            # the full run, about 70 seconds
#   bash bench/run.sh --quick    # a short smoke run with noisier numbers
#
# 1. builds sqlguard and sqlguard_bench (Release, in $BUILD_DIR, default
#    build-bench) when they are missing or out of date;
# 2. runs sqlguard_bench: full check vs pg_query_raw_parse per operation,
#    allocations, throughput on one and two threads, and the load of a
#    generated catalog of 100,000 tables;
# 3. pipes 100,000 operations (the seed's insert and select, alternating)
#    through `sqlguard check --ndjson` (cat | sqlguard | wc -l, best of three)
#    and reports operations per second; lints a generated tree of .sql files
#    with one worker and with all and reports statements per second;
# 4. runs the peers, installing them when missing, each timed in process after
#    start-up: (a) node-sql-parser's whiteListCheck, (b) a pglast table-scope
#    check; a peer that cannot be installed is skipped with a message;
# 5. prints the tables and the ratios, and writes every number to
#    $BUILD_DIR/bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-build-bench}
SECONDS_PER_OP=2
PEER_SECONDS=1
STREAM_OPS=100000
CATALOG_ROUNDS=5
if [ "${1:-}" = "--quick" ]; then
  SECONDS_PER_OP=0.3
  PEER_SECONDS=0.2
  CATALOG_ROUNDS=2
fi
SYS_PYTHON=/usr/bin/python3 # Debian's python3-pglast lives here, not in a pyenv python
OUT=$BUILD_DIR/bench
say() { printf '\n== %s\n' "$*" >&2; }

# ---- 1. build ---------------------------------------------------------------
say "build (Release, $BUILD_DIR)"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DSQLGUARD_BENCH=ON >/dev/null
fi
if ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$BUILD_DIR/CMakeCache.txt"; then
  echo "run.sh: $BUILD_DIR is not a Release build; set BUILD_DIR to another directory" >&2
  exit 2
fi
cmake --build "$BUILD_DIR" -j"$(nproc)" --target sqlguard_cli sqlguard_bench sqlguard_maxrss >/dev/null
SQLGUARD=$BUILD_DIR/sqlguard
BENCH=$BUILD_DIR/bench/sqlguard_bench
mkdir -p "$OUT"

# ---- 2. the C benchmark -----------------------------------------------------
say "sqlguard_bench (--seconds $SECONDS_PER_OP)"
"$BENCH" --seconds "$SECONDS_PER_OP" --catalog-rounds "$CATALOG_ROUNDS" --json >"$OUT/bench.json"

# ---- 3. stream mode ---------------------------------------------------------
say "stream mode: $STREAM_OPS operations through sqlguard check --ndjson"
"$SYS_PYTHON" - "$STREAM_OPS" "$OUT/stream.ndjson" \
  corpus/examples/ops/insert_account.json corpus/examples/ops/select_accounts.json <<'EOF'
import json, sys
n, out, paths = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
lines = [json.dumps(json.load(open(p)), separators=(",", ":")) + "\n" for p in paths]
with open(out, "w") as f:
    for i in range(n):
        f.write(lines[i % len(lines)])
EOF
stream_run() {
  local t0 t1 rc lines
  t0=$(date +%s%N)
  set +e
  cat "$OUT/stream.ndjson" |
    "$SQLGUARD" check --catalog corpus/examples/catalog.json --ndjson | wc -l >"$OUT/stream.count"
  rc=${PIPESTATUS[1]}
  set -e
  t1=$(date +%s%N)
  lines=$(cat "$OUT/stream.count")
  if [ "$rc" -ne 0 ] || [ "$lines" -ne "$STREAM_OPS" ]; then
    echo "run.sh: stream mode failed (exit $rc, $lines verdicts for $STREAM_OPS operations)" >&2
    exit 1
  fi
  echo $(((t1 - t0) / 1000))
}
# For reference, the same without the pipes: file in, /dev/null out.
stream_file_run() {
  local t0 t1 rc
  t0=$(date +%s%N)
  set +e
  "$SQLGUARD" check --catalog corpus/examples/catalog.json --ndjson <"$OUT/stream.ndjson" >/dev/null
  rc=$?
  set -e
  t1=$(date +%s%N)
  [ "$rc" -eq 0 ] || { echo "run.sh: stream mode failed (exit $rc)" >&2; exit 1; }
  echo $(((t1 - t0) / 1000))
}
stream_run >/dev/null # warm the page cache
# Best of three runs, as for the throughput in sqlguard_bench: the least
# disturbed run on a machine that may be doing other work.
STREAM_RUNS=() FILE_RUNS=()
for _ in 1 2 3; do
  STREAM_RUNS+=("$(stream_run)")
  FILE_RUNS+=("$(stream_file_run)")
done
best() { printf '%s\n' "$@" | sort -n | head -1; }
echo "{\"operations\": $STREAM_OPS, \"microseconds\": $(best "${STREAM_RUNS[@]}")," \
  "\"runs_microseconds\": [$(IFS=,; echo "${STREAM_RUNS[*]}")]," \
  "\"file_microseconds\": $(best "${FILE_RUNS[@]}")," \
  "\"file_runs_microseconds\": [$(IFS=,; echo "${FILE_RUNS[*]}")]}" >"$OUT/stream.json"
rm -f "$OUT/stream.ndjson" "$OUT/stream.count"

# ---- 3b. lint throughput ----------------------------------------------------
# A generated tree of LINT_FILES .sql files, each the concatenation of every
# .sql file of corpus/lint's application (migrations and queries, with
# findings and suppressions; not realworld/, a tree of another style), linted
# with one worker and with all of them; best of three.
LINT_FILES=${LINT_FILES:-2000}
[ "${1:-}" = "--quick" ] && LINT_FILES=300
say "lint throughput: $LINT_FILES generated .sql files, --jobs 1 and --jobs $(nproc)"
rm -rf "$OUT/lint_tree"
"$SYS_PYTHON" - "$LINT_FILES" "$OUT/lint_tree" <<'EOF'
import glob, os, sys
n, out = int(sys.argv[1]), sys.argv[2]
text = "".join(open(p, encoding="utf-8").read() + "\n"
               for p in sorted(glob.glob("corpus/lint/migrations/*.sql") +
                               glob.glob("corpus/lint/queries/*.sql")))
for i in range(n):
    d = os.path.join(out, f"d{i % 50:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i:05d}.sql"), "w", encoding="utf-8") as f:
        f.write(f"-- generated file {i}\n" + text)
EOF
lint_run() { # jobs -> "microseconds statements files"
  local t0 t1 rc
  t0=$(date +%s%N)
  set +e
  "$SQLGUARD" lint --catalog corpus/lint/catalog.json --policy corpus/lint/.sqlguard.json \
    --format json --no-timing --jobs "$1" "$OUT/lint_tree" >"$OUT/lint.out"
  rc=$?
  set -e
  t1=$(date +%s%N)
  if [ "$rc" -gt 1 ]; then echo "run.sh: lint failed (exit $rc)" >&2; exit 1; fi
  echo "$(((t1 - t0) / 1000)) $("$SYS_PYTHON" -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["statements"], s["files"])' "$OUT/lint.out")"
}
lint_run 1 >/dev/null # warm the page cache
LINT1=() LINTN=()
for _ in 1 2 3; do
  LINT1+=("$(lint_run 1)")
  LINTN+=("$(lint_run "$(nproc)")")
done
best_run() { printf '%s\n' "$@" | sort -n | head -1; }
read -r l1_us l1_stmts l1_files <<<"$(best_run "${LINT1[@]}")"
read -r ln_us ln_stmts _ <<<"$(best_run "${LINTN[@]}")"
echo "{\"files\": $l1_files, \"statements\": $l1_stmts, \"jobs\": $(nproc)," \
  "\"one_worker_microseconds\": $l1_us, \"all_workers_microseconds\": $ln_us," \
  "\"all_workers_statements\": $ln_stmts}" >"$OUT/lint.json"
rm -rf "$OUT/lint_tree" "$OUT/lint.out"

# ---- 3c. lint on a generated tree: two-worker speed-up and peak memory -------
# About 64 MB of .sql files of 64 to 960 KiB in a temporary directory (removed
# afterwards), --jobs 1 and --jobs 2, peak resident memory of each child run
# (bench/lint_tree.py).
LINT_TREE_MB=${LINT_TREE_MB:-64}
[ "${1:-}" = "--quick" ] && LINT_TREE_MB=8
say "lint on a generated tree of $LINT_TREE_MB MB: speed-up and peak memory"
"$SYS_PYTHON" bench/lint_tree.py "$SQLGUARD" "$OUT/lint_tree.json" "$LINT_TREE_MB" 3

# ---- 4. peers ---------------------------------------------------------------
"$SYS_PYTHON" bench/peers/prepare.py "$SQLGUARD" bench/catalog.json "$OUT/peer_ops.json" \
  bench/ops/insert_account.json bench/ops/select_accounts.json \
  bench/ops/analytical_select.json bench/ops/insert_select_upsert.json \
  bench/ops/merge_limit.json bench/ops/allowed_join_secret.json \
  bench/ops/denied_join_secret.json

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"; else return 1; fi
}

say "peer (a): node-sql-parser whiteListCheck"
rm -f "$OUT/peer_node.json"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "skipped: node and npm are not installed (Debian: apt-get install nodejs npm)" >&2
else
  if [ ! -f bench/peers/node_modules/node-sql-parser/package.json ]; then
    (cd bench/peers && npm install --no-audit --no-fund --loglevel=error >&2) ||
      echo "npm install failed" >&2
  fi
  if [ -f bench/peers/node_modules/node-sql-parser/package.json ]; then
    node bench/peers/node_sql_parser_peer.js "$OUT/peer_ops.json" "$PEER_SECONDS" \
      >"$OUT/peer_node.json"
  else
    echo "skipped: node-sql-parser could not be installed into bench/peers/node_modules" >&2
  fi
fi

say "peer (b): pglast table-scope check"
rm -f "$OUT/peer_pglast.json"
if [ ! -x "$SYS_PYTHON" ]; then
  echo "skipped: $SYS_PYTHON is missing" >&2
else
  if ! "$SYS_PYTHON" -c 'import pglast' 2>/dev/null; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pglast >&2 ||
      { as_root apt-get update -q >&2 &&
          as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pglast >&2; } ||
      echo "apt-get install python3-pglast failed (not root, or no package)" >&2
  fi
  if "$SYS_PYTHON" -c 'import pglast' 2>/dev/null; then
    "$SYS_PYTHON" bench/peers/pglast_peer.py "$OUT/peer_ops.json" "$PEER_SECONDS" \
      >"$OUT/peer_pglast.json"
  else
    echo "skipped: python3-pglast could not be installed" >&2
  fi
fi

# ---- 5. report --------------------------------------------------------------
say "results"
git describe --always --dirty >"$OUT/tree.txt" 2>/dev/null || echo unknown >"$OUT/tree.txt"
"$SYS_PYTHON" bench/report.py "$OUT" | tee "$OUT/report.txt"
echo
echo "all numbers: $ROOT/$OUT/results.json"
