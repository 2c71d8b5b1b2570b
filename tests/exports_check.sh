#!/usr/bin/env bash
# The shared library exports exactly the public API: every function that the
# public headers declare with SG_API, and nothing else (no sg__ internals, no
# symbol of a library linked into it); its soname is libsqlguard.so.<ABI>
# with the ABI version of sqlguard.h; and it needs no static TLS block (no
# initial-exec thread-locals), so that it can be loaded with dlopen(), from a
# language binding say.
#   exports_check.sh LIBSQLGUARD_SO PUBLIC_INCLUDE_DIR
set -euo pipefail
lib=$1
inc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# What the library exports: defined dynamic symbols. A sanitized build's
# instrumentation adds its own (__asan_*, __ubsan_*), which are not ours.
nm -D --defined-only "$lib" | awk '{print $3}' | grep -vE '^(__asan|__ubsan|__sanitizer|__lsan)' |
  sed 's/@.*//' | sort -u >"$tmp/exported"
# What the headers declare: SG_API functions.
cat "$inc"/sqlguard.h "$inc"/sqlguard/*.h | tr '\n' ' ' | grep -oE 'SG_API[^;(]*\(' |
  grep -oE 'sg_[a-z0-9_]+ *\($' | tr -d ' (' | sort -u >"$tmp/declared"

if ! diff -u "$tmp/declared" "$tmp/exported" >"$tmp/diff"; then
  echo "exports_check: the exported symbols (+) differ from the SG_API declarations (-):" >&2
  grep -E '^[-+][^-+]' "$tmp/diff" >&2
  exit 1
fi
if grep -vE '^sg_[a-z]' "$tmp/exported" >&2; then
  echo "exports_check: exported symbols above are not public sg_ names" >&2
  exit 1
fi
n=$(wc -l <"$tmp/declared")
[ "$n" -gt 50 ] || { echo "exports_check: only $n declarations found" >&2; exit 1; }

abi=$(sed -n 's/^#define SG_ABI_VERSION \([0-9]*\)$/\1/p' "$inc/sqlguard.h")
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libsqlguard.so.$abi" ] ||
  { echo "exports_check: soname '$soname', expected libsqlguard.so.$abi" >&2; exit 1; }
if readelf -d "$lib" | grep -q 'STATIC_TLS' || readelf -r "$lib" | grep -qE 'R_X86_64_TPOFF(32|64)\b'; then
  echo "exports_check: the library uses initial-exec thread-locals (static TLS)" >&2
  exit 1
fi
echo "exports_check: $n public functions exported and nothing else; soname $soname"
