#!/usr/bin/env bash
# Builds tests/embed/embed.c, a program that embeds sqlguard, against an
# installed sqlguard in every way the README offers, and runs each build on
# the seed operations (one allowed, one denied) from two threads:
#   pkg-config, static      $(pkg-config --static --libs sqlguard), the archive
#   pkg-config, shared      $(pkg-config --libs sqlguard)
#   find_package, shared    sqlguard::sqlguard
#   find_package, static    sqlguard::sqlguard_static
#   add_subdirectory        sqlguard built inside the program's own project
#
#   embed_smoke.sh PREFIX SOURCE_DIR C_COMPILER [FLAGS]
# PREFIX: where sqlguard is installed (/usr for the Debian packages).
# FLAGS: compile and link flags the library was built with that a program
# needs too (the sanitizers of a sanitized build).
set -euo pipefail
prefix=$1
src=$(cd "$2" && pwd)
cc=$3
flags=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ex=$src/corpus/examples
run_args=("$ex/catalog.json" "$ex/ops/select_accounts.json" "$ex/ops/denied_join_secret.json")
libdir=$(dirname "$(find "$prefix/lib" "$prefix/lib64" -name 'libsqlguard.so.*' 2>/dev/null | head -n 1)")
export PKG_CONFIG_PATH=$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}

fail() {
  echo "embed_smoke: $*" >&2
  exit 1
}

# run NAME EXE static|shared [LIBRARY_PATH]: the program must pass, and link
# libsqlguard.so.0 exactly when the way is a shared one
run() {
  local name=$1 exe=$2 shared=$3 out
  if ! out=$(env ${4:+LD_LIBRARY_PATH=$4} "$exe" "${run_args[@]}" 2>&1); then
    fail "$name: $out"
  fi
  if readelf -d "$exe" | grep -q 'NEEDED.*\[libsqlguard\.so\.0\]'; then
    [ "$shared" = shared ] || fail "$name: links libsqlguard.so.0, expected the archive"
  else
    [ "$shared" = static ] || fail "$name: does not link libsqlguard.so.0"
  fi
  echo "embed_smoke: $name: $out"
}

# pkg-config. Where both the archive and the shared library are installed,
# a static link names the archive itself (-l:libsqlguard.a).
cflags=$(pkg-config --cflags sqlguard)
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror $flags $cflags -c "$src/tests/embed/embed.c" -o "$work/embed.o"
static_libs=$(pkg-config --static --libs sqlguard | sed 's/-lsqlguard\b/-l:libsqlguard.a/')
# shellcheck disable=SC2086
"$cc" $flags "$work/embed.o" $static_libs -o "$work/embed-pc-static"
run "pkg-config static" "$work/embed-pc-static" static
# shellcheck disable=SC2086
"$cc" $flags "$work/embed.o" $(pkg-config --libs sqlguard) -pthread -o "$work/embed-pc-shared"
run "pkg-config shared" "$work/embed-pc-shared" shared "$libdir"

# CMake: find_package(sqlguard), then sqlguard as a subdirectory.
cmake_build() {
  local dir=$1
  shift
  cmake -S "$src/tests/embed" -B "$dir" -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$flags" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug "$@" >"$dir.log" 2>&1 &&
    cmake --build "$dir" -j2 >>"$dir.log" 2>&1 || {
    cat "$dir.log" >&2
    fail "cmake build in $dir failed"
  }
}
cmake_build "$work/cmake-shared" -DSG_EMBED_TARGET=sqlguard::sqlguard
run "find_package shared" "$work/cmake-shared/embed" shared
cmake_build "$work/cmake-static" -DSG_EMBED_TARGET=sqlguard::sqlguard_static
run "find_package static" "$work/cmake-static/embed" static
# as a subproject it is built from the source tree: none of the installed files
cmake_build "$work/cmake-subdir" -DSG_EMBED_MODE=subdirectory -DSQLGUARD_SOURCE_DIR="$src" \
  -DCMAKE_PREFIX_PATH=/nonexistent
run "add_subdirectory" "$work/cmake-subdir/embed" shared
