#!/usr/bin/env bash
# corpus/lint/catalog.json is the catalog its migrations build: `sqlguard
# catalog from-sql` over corpus/lint/migrations, keeping the catalog's uids,
# writes it again byte for byte. A migration that changes a table without the
# catalog following it (or the reverse) fails here. Regenerate with
#   sqlguard catalog from-sql --catalog corpus/lint/catalog.json \
#     -o corpus/lint/catalog.json corpus/lint/migrations
set -euo pipefail
cli=${1:?path of sqlguard}
root=${2:?path of the source tree}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$cli" catalog from-sql --catalog "$root/corpus/lint/catalog.json" -o "$out" \
  "$root/corpus/lint/migrations"
if ! cmp -s "$out" "$root/corpus/lint/catalog.json"; then
  echo "corpus/lint/catalog.json is not what its migrations build:"
  diff "$root/corpus/lint/catalog.json" "$out" || true
  exit 1
fi
grep -q '"home_region"' "$out" || { echo "the rename of migration 004 is missing"; exit 1; }
echo "corpus/lint/catalog.json: what corpus/lint/migrations build"
