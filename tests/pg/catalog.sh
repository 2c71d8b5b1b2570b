#!/usr/bin/env bash
# `sqlguard catalog` end to end against the test cluster: a migration builds a
# database, `pull` writes its catalog (keeping the uids of an existing one),
# `hash` agrees with it, `from-sql` on the same migrations writes the same
# catalog, an ALTER makes `diff` exit 1 with exactly that drift in text and
# JSON, and usage errors and bad DSNs exit 2 with one line.
#   catalog.sh SQLGUARD_CLI SOURCE_DIR CLUSTER_STATE_FILE
set -euo pipefail
cli=${1:?sqlguard}; src=${2:?source dir}; state=${3:?cluster state}
# shellcheck disable=SC1090
source "$state"
admin=$SQLGUARD_TEST_DSN
dsn=${admin/dbname=postgres/dbname=sg_catalog_cli}
examples=$src/corpus/examples/catalog.json
ds=0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3

fail() { echo "catalog: $*" >&2; exit 1; }
# run EXPECTED_EXIT ARGS...: stdout to $tmp/out, stderr to $tmp/err
run() {
  local want=$1 rc=0; shift
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  [ "$rc" -eq "$want" ] || fail "sqlguard $*: exit $rc, expected $want: $(cat "$tmp/err")"
}
field() { "$py" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

psql "$admin" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS sg_catalog_cli" \
  -c "CREATE DATABASE sg_catalog_cli" >/dev/null
psql "$dsn" -X -q -v ON_ERROR_STOP=1 -f "$src/corpus/tutorial/migration.sql" \
  -f "$src/corpus/migrations/02_members.sql" >/dev/null

# pull with the seed catalog: its tables keep uid, identifier and descriptions
run 0 catalog pull --dsn "$dsn" --prefix sdk_ --catalog "$examples" -o "$tmp/pulled.json"
[ ! -s "$tmp/out" ] || fail "pull -o wrote to standard output"
[ "$(field "$tmp/pulled.json" "[t['uid'] for t in d['meta_tables']]")" = \
  "['5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01', '5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b02', '5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b03']" ] \
  || fail "pull lost the seed uids"
[ "$(field "$tmp/pulled.json" "d['meta_tables'][0]['identifier'] + '|' + d['meta_tables'][0]['columns'][1]['type']")" = \
  "sdk_examples.Account|character varying(64)" ] || fail "pull: identifier or type"
# the counterparty table is not in the database: kept as the seed has it, and diff says so
[ "$(field "$tmp/pulled.json" "'contract_hash' in d['meta_tables'][2]")" = False ] \
  || fail "a table the database lacks was rewritten"

# hash agrees with what pull wrote, and with the seed's own spelling
run 0 catalog hash --catalog "$tmp/pulled.json"
[ "$(head -n 1 "$tmp/out" | cut -d' ' -f1)" = "$(field "$tmp/pulled.json" "d['meta_tables'][0]['contract_hash']")" ] \
  || fail "hash disagrees with pull"
cp "$tmp/out" "$tmp/hash_pulled"
run 0 catalog hash --catalog "$examples"
cmp -s "$tmp/out" "$tmp/hash_pulled" || fail "the seed's spelling hashes differently: $(cat "$tmp/out")"

# pulled twice, the same bytes
run 0 catalog pull --dsn "$dsn" --prefix sdk_ --catalog "$tmp/pulled.json"
cmp -s "$tmp/out" "$tmp/pulled.json" || fail "a second pull changed the catalog"

# from-sql on the migrations writes what pull writes from the database they built
run 0 catalog pull --dsn "$dsn" --data-source "$ds" -o "$tmp/all.json"
run 0 catalog from-sql --data-source "$ds" -o "$tmp/fromsql.json" \
  "$src/corpus/tutorial/migration.sql" "$src/corpus/migrations/02_members.sql"
[ ! -s "$tmp/err" ] || fail "from-sql noted: $(cat "$tmp/err")"
"$py" - "$tmp/all.json" "$tmp/fromsql.json" <<'PY' || fail "from-sql and pull differ"
import json, sys
def tables(path):
    return {t['physical_table_name']: (t['columns'], t['primary_key'], t['unique'],
            t.get('foreign_keys', []), t['contract_hash']) for t in json.load(open(path))['meta_tables']}
a, b = tables(sys.argv[1]), tables(sys.argv[2])
for name in sorted(set(a) | set(b)):
    if name not in a or name not in b:
        sys.exit(f'{name}: only in one')
    ca, cb = a[name], b[name]
    # defaults are compared by presence: a migration spells them as written
    strip = lambda cols: [(c['name'], c['type'], c['nullable'], 'default' in c) for c in cols]
    if strip(ca[0]) != strip(cb[0]) or ca[1:] != cb[1:]:
        sys.exit(f'{name}: {ca} != {cb}')
PY

# a folder of migrations is read in name order; a statement it cannot apply is a note
mkdir "$tmp/mig"
cp "$src/corpus/tutorial/migration.sql" "$tmp/mig/01_tutorial.sql"
cp "$src/corpus/migrations/02_members.sql" "$tmp/mig/02_members.sql"
printf 'ALTER TABLE app_org ADD COLUMN note text;\n\nALTER TABLE no_such_table ADD COLUMN x int;\n' \
  >"$tmp/mig/03_alter.sql"
echo "not a migration" >"$tmp/mig/README"
run 1 catalog from-sql --catalog "$tmp/pulled.json" -o "$tmp/folder.json" "$tmp/mig"
grep -qE "^$tmp/mig/03_alter.sql:3:[0-9]+: .*no_such_table" "$tmp/err" || fail "no placed note: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "from-sql noted more than the one statement: $(cat "$tmp/err")"
[ "$(field "$tmp/folder.json" "[c['name'] for t in d['meta_tables'] if t['physical_table_name']=='app_org' for c in t['columns']][-1]")" = note ] \
  || fail "the folder's third file was not applied"
[ "$(field "$tmp/folder.json" "d['meta_tables'][0]['uid']")" = 5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01 ] \
  || fail "from-sql lost the existing uid"

# no drift, then an ALTER: exit 1 with exactly its findings
run 0 catalog diff --catalog "$tmp/all.json" --dsn "$dsn"
[ "$(cat "$tmp/out")" = "no drift: 6 tables compared" ] || fail "diff: $(cat "$tmp/out")"
psql "$dsn" -X -q -v ON_ERROR_STOP=1 -c "ALTER TABLE app_org ADD COLUMN note text" \
  -c "ALTER TABLE sdk_examples_account ALTER COLUMN region TYPE varchar(64)" >/dev/null
run 1 catalog diff --catalog "$tmp/all.json" --dsn "$dsn"
expected='public.app_org.note: drift.column-added: column "note" (text) is in the database, not in the catalog
public.sdk_examples_account.region: drift.column-retyped: column "region" is character varying(32) in the catalog, character varying(64) in the database
drift: 2 findings in 2 tables (6 compared)'
[ "$(cat "$tmp/out")" = "$expected" ] || fail "diff text: $(cat "$tmp/out")"
run 1 catalog diff --catalog "$tmp/all.json" --dsn "$dsn" --prefix app_ --format json
[ "$(field "$tmp/out" "[(f['kind'], f['table'], f['column'], f['old'], f['new']) for f in d['drift']]")" = \
  "[('drift.column-added', 'app_org', 'note', None, 'text'), ('drift.column-retyped', 'sdk_examples_account', 'region', 'character varying(32)', 'character varying(64)')]" ] \
  || fail "diff json: $(cat "$tmp/out")"
[ "$(field "$tmp/out" "sum(t['catalog_hash'] != t['database_hash'] for t in d['tables'])")" = 2 ] \
  || fail "diff json hashes"

# usage errors and failures: exit 2, one line, no password
run 2 catalog pull --dsn "$dsn" --prefix sdk_ sdk_examples_account --data-source "$ds"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "usage error is not one line: $(cat "$tmp/err")"
run 2 catalog diff --catalog "$tmp/all.json" --dsn "$dsn" --format xml
run 2 catalog diff --dsn "$dsn"
run 2 catalog hash --catalog
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "a missing value is not one line: $(cat "$tmp/err")"
run 2 catalog pull --dsn "$dsn"
grep -q "data source" "$tmp/err" || fail "pull without a data source: $(cat "$tmp/err")"
run 2 catalog frobnicate
run 2 catalog diff --catalog "$tmp/all.json" --dsn "postgresql://u:hunter2secret@[::1"
! grep -q hunter2 "$tmp/err" || fail "the password is in the message: $(cat "$tmp/err")"
run 2 catalog diff --catalog "$tmp/all.json" \
  --dsn "host=/tmp/sqlguard-no-such-dir dbname=x user=u password=hunter2secret"
! grep -q hunter2 "$tmp/err" || fail "the password is in the message: $(cat "$tmp/err")"
grep -q "cannot connect" "$tmp/err" || fail "no connection error: $(cat "$tmp/err")"
run 0 catalog --help
run 0 catalog diff --help
grep -q "exit codes: 0 no drift, 1 drift, 2" "$tmp/out" || fail "diff --help"

psql "$admin" -X -q -c "DROP DATABASE sg_catalog_cli" >/dev/null
echo "catalog: pull, hash, from-sql and diff through the command line, as expected"
