#!/usr/bin/env bash
# Builds the Debian packages from this tree (debian/: libsqlguard0,
# libsqlguard-dev, sqlguard) with `dpkg-buildpackage -us -uc -b` in a scratch
# copy, holds them to lintian (no error), installs them on this system, checks
# what they give (sqlguard, its manual pages and completion, pkg-config,
# find_package) with tests/embed_smoke.sh against /usr, and removes them again.
# Needs root and the packaging tools (bash .ci/deps package). Not part of the
# test suite: it installs into the system. About four and a half minutes on 2
# cores.
#   tests/debian_smoke.sh [C_COMPILER]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
cc=${1:-cc}
[ "$(id -u)" -eq 0 ] || { echo "debian_smoke: must run as root (it installs packages)" >&2; exit 2; }
packages=(libsqlguard0 libsqlguard-dev sqlguard)
for p in "${packages[@]}"; do
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    echo "debian_smoke: $p is installed already; remove it first" >&2
    exit 2
  fi
done

work=$(mktemp -d)
cleanup() {
  dpkg -r sqlguard-dbgsym libsqlguard0-dbgsym sqlguard libsqlguard-dev libsqlguard0 >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# a copy of the tree as git sees it (tracked and new files, no build directories)
mkdir "$work/sqlguard"
(cd "$src" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) |
  tar -xf - -C "$work/sqlguard"

start=$(date +%s)
(cd "$work/sqlguard" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 ||
  { tail -n 50 "$work/build.log" >&2; echo "debian_smoke: dpkg-buildpackage failed" >&2; exit 1; }
echo "debian_smoke: packages built in $(($(date +%s) - start)) s: $(cd "$work" && ls ./*.deb | tr '\n' ' ')"

changes=$(ls "$work"/*.changes)
if ! lintian --fail-on error --no-tag-display-limit "$changes" >"$work/lintian.log" 2>&1; then
  cat "$work/lintian.log" >&2
  echo "debian_smoke: lintian reports errors" >&2
  exit 1
fi
echo "debian_smoke: lintian: $(grep -c '^E:' "$work/lintian.log" || true) errors, $(grep -c '^W:' "$work/lintian.log" || true) warnings"
grep '^[EW]:' "$work/lintian.log" || true

debs=()
for p in "${packages[@]}"; do
  debs+=("$work/${p}_"*.deb)
done
dpkg -i "${debs[@]}" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; echo "debian_smoke: the packages do not install" >&2; exit 1; }

fail() {
  echo "debian_smoke: $*" >&2
  exit 1
}
sqlguard --version | grep -q '^sqlguard ' || fail "the installed sqlguard does not run"
set +e
sqlguard check --catalog "$src/corpus/examples/catalog.json" "$src"/corpus/examples/ops/*.json >/dev/null
status=$?
set -e
[ $status -eq 1 ] || fail "sqlguard check of the examples exited $status, expected 1"
for page in sqlguard sqlguard-check sqlguard-exec sqlguard-lint sqlguard-rules sqlguard-catalog \
  sqlguard-catalog-pull sqlguard-catalog-diff sqlguard-catalog-from-sql sqlguard-catalog-hash; do
  [ -f "/usr/share/man/man1/$page.1.gz" ] || fail "no manual page $page(1)"
done
[ -f /usr/share/bash-completion/completions/sqlguard ] || fail "no bash completion"
[ -f /usr/share/zsh/vendor-completions/_sqlguard ] || fail "no zsh completion"
libs=$(pkg-config --libs sqlguard | xargs)
[ "$libs" = "-lsqlguard" ] || fail "pkg-config --libs sqlguard: '$libs'"
bash "$src/tests/embed_smoke.sh" /usr "$src" "$cc"
echo "debian_smoke: libsqlguard0, libsqlguard-dev and sqlguard build, install and embed; removing them"
