#!/usr/bin/env bash
# An installed tree holds the public headers and nothing else of the source
# tree's internals, and a program that includes only <sqlguard.h> compiles and
# links against the installed library.
#   install_check.sh BUILD_DIR C_COMPILER [LINK_FLAGS]
# LINK_FLAGS: what the library was built with that a program needs too
# (the sanitizers of a sanitized build).
set -euo pipefail
build=$1
cc=$2
flags=${3:-}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null

headers=$(cd "$prefix/include" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')
want="sqlguard.h sqlguard/catalog_tools.h sqlguard/executor.h "
if [ "$headers" != "$want" ]; then
  echo "installed headers: '$headers', expected exactly '$want'" >&2
  exit 1
fi

cat > "$prefix/embed.c" <<'C'
#include <sqlguard.h>
#include <sqlguard/executor.h>
#include <stdio.h>
int main(void)
{
    sg_catalog *catalog = NULL;
    sg_error err;
    int rc = sg_catalog_load("{\"data_sources\":[],\"meta_tables\":[]}", 36, &catalog, &err);
    printf("%s %zu\n", sg_err_name(rc), sg_catalog_table_count(catalog));
    sg_catalog_free(catalog);
    return rc == SG_OK ? 0 : 1;
}
C
# The public header must stand on its own: only the installed include dir.
"$cc" -std=c11 -Wall -Wextra -Werror -I"$prefix/include" -c "$prefix/embed.c" -o "$prefix/embed.o"
lib=$(find "$prefix" -name 'libsqlguard.a' | head -n 1)
[ -n "$lib" ] || { echo "no libsqlguard.a installed" >&2; exit 1; }
"$cc" $flags "$prefix/embed.o" "$lib" -lpg_query -lcjson -lpcre2-8 -lpq -lm -pthread -o "$prefix/embed"
out=$("$prefix/embed")
[ "$out" = "OK 0" ] || { echo "embedded program printed '$out'" >&2; exit 1; }
echo "install_check: public headers only ($headers), an embedding program builds and runs"
