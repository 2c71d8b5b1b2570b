#!/usr/bin/env bash
# `cmake --install` into a temporary prefix puts there the public headers and
# nothing else of the source tree's internals, the shared library under its
# soname and full version, the archive, sqlguard.pc and the CMake package; a
# program that includes only <sqlguard.h> compiles on its own, and
# tests/embed_smoke.sh builds and runs an embedding program against the
# installed tree in every way the README offers.
#   install_check.sh BUILD_DIR SOURCE_DIR C_COMPILER [FLAGS]
# FLAGS: what the library was built with that a program needs too
# (the sanitizers of a sanitized build).
set -euo pipefail
build=$1
src=$2
cc=$3
flags=${4:-}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null

headers=$(cd "$prefix/include" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')
want="sqlguard.h sqlguard/catalog_tools.h sqlguard/executor.h "
if [ "$headers" != "$want" ]; then
  echo "installed headers: '$headers', expected exactly '$want'" >&2
  exit 1
fi

version=$(sed -n 's/^#define SG_VERSION_STRING "\(.*\)"$/\1/p' "$src/guard/include/sqlguard.h")
abi=$(sed -n 's/^#define SG_ABI_VERSION \([0-9]*\)$/\1/p' "$src/guard/include/sqlguard.h")
libdir=$(dirname "$(find "$prefix" -name "libsqlguard.so.$version" | head -n 1)")
for f in "libsqlguard.so.$version" "libsqlguard.so.$abi" libsqlguard.so libsqlguard.a \
  pkgconfig/sqlguard.pc cmake/sqlguard/sqlguardConfig.cmake \
  cmake/sqlguard/sqlguardConfigVersion.cmake; do
  [ -e "$libdir/$f" ] || { echo "not installed: $libdir/$f" >&2; exit 1; }
done
[ "$(readlink "$libdir/libsqlguard.so.$abi")" = "libsqlguard.so.$version" ] ||
  { echo "libsqlguard.so.$abi does not point at libsqlguard.so.$version" >&2; exit 1; }
"$prefix/bin/sqlguard" --version | grep -q "^sqlguard $version " ||
  { echo "the installed sqlguard does not run" >&2; exit 1; }

# The public header stands on its own: only the installed include dir.
printf '#include <sqlguard.h>\n#include <sqlguard/executor.h>\n#include <sqlguard/catalog_tools.h>\nint main(void) { return sg_version()->abi; }\n' >"$prefix/alone.c"
"$cc" -std=c11 -Wall -Wextra -Werror -pedantic -I"$prefix/include" -c "$prefix/alone.c" -o "$prefix/alone.o"

bash "$src/tests/embed_smoke.sh" "$prefix" "$src" "$cc" "$flags"
echo "install_check: public headers only ($headers), libsqlguard.so.$abi -> .so.$version, an embedding program builds and runs every way"
