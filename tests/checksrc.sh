#!/usr/bin/env bash
# A small source check in the spirit of curl's checksrc: calls that are banned
# in the library (guard/ and rules/), and heap calls outside the allocator.
set -u
cd "$(dirname "$0")/.."
status=0
files=$(ls guard/*/*.c rules/*.c)
banned='\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atof|strtok)\s*\('
if grep -nE "$banned" $files; then
  echo "checksrc: banned call above (use snprintf, strtol, explicit lengths)"
  status=1
fi
# The library allocates only through guard/util/arena.c; the command line is a
# separate program and may use the C library directly.
heap='\b(malloc|calloc|realloc)\s*\('
if grep -nE "$heap" $(echo "$files" | grep -v -e '^guard/util/arena.c$' -e '^guard/cli/'); then
  echo "checksrc: heap call outside guard/util/arena.c (use sg__malloc or the arena)"
  status=1
fi
if grep -nE '[[:space:]]+$' $files guard/*/*.h guard/include/sqlguard.h rules/*.h; then
  echo "checksrc: trailing whitespace"
  status=1
fi
[ $status -eq 0 ] && echo "checksrc: $(echo $files | wc -w) files clean"
exit $status
