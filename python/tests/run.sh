#!/usr/bin/env bash
# The Python binding's tests, as ctest runs them (label python): builds the
# extension module with setup.py against BUILD_DIR's libsqlguard.so (no
# install), into BUILD_DIR/python, and runs pytest on python/tests with
# Debian's python3 (python3-pytest, python3-sqlalchemy).
#   run.sh BUILD_DIR [pytest arguments...]
set -euo pipefail
build=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "$0")/.." && pwd)
py=${SQLGUARD_PYTHON:-/usr/bin/python3}
out=$build/python
rm -rf "$out/lib"
(cd "$here" && SQLGUARD_BUILD_DIR=$build "$py" -W ignore setup.py -q build \
  --build-lib "$out/lib" --build-temp "$out/tmp" >"$out.log" 2>&1) ||
  { cat "$out.log" >&2; echo "run.sh: building the extension failed" >&2; exit 1; }
cd "$here/tests"
PYTHONPATH=$out/lib:$here/tests exec "$py" -m pytest -q -p no:cacheprovider "$@" "$here/tests"
