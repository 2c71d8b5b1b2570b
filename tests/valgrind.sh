#!/usr/bin/env bash
# Runs every test binary of a plain (unsanitized) build under valgrind's
# memcheck: any invalid access, use of uninitialised memory, or definite or
# indirect leak fails the run. The PostgreSQL tests get a cluster of their own.
#   tests/valgrind.sh BUILD_DIR
set -euo pipefail
build=${1:?build directory}
src=$(cd "$(dirname "$0")/.." && pwd)
cd "$build"
# the PostgreSQL tests read the cluster from the state file compiled into them
state="$PWD/tests/pg.env"
trap 'bash "$src/tests/pg/cluster.sh" stop "$state" >/dev/null 2>&1 || true' EXIT
bash "$src/tests/pg/cluster.sh" start "$state" >/dev/null
status=0
for t in tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  log="tests/$name.valgrind.log"
  if valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
       --error-exitcode=99 --trace-children=no "$t" >"$log" 2>&1; then
    echo "valgrind: $name clean"
  else
    echo "valgrind: $name FAILED (see $build/$log)"
    tail -n 30 "$log"
    status=1
  fi
done
exit $status
