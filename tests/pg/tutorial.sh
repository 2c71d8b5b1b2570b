#!/usr/bin/env bash
# The seed tutorial end to end through `sqlguard exec` against the test
# cluster: a migration creates the tables, then only governed operations
# (corpus/tutorial/*.json) upsert, insert, page through, update and delete.
#   tutorial.sh SQLGUARD_CLI SOURCE_DIR CLUSTER_STATE_FILE
set -euo pipefail
cli=${1:?sqlguard}; src=${2:?source dir}; state=${3:?cluster state}
# shellcheck disable=SC1090
source "$state"
admin=$SQLGUARD_TEST_DSN
dsn=${admin/dbname=postgres/dbname=sg_tutorial}
catalog=$src/corpus/examples/catalog.json
ops=$src/corpus/tutorial
py=/usr/bin/python3
[ -x "$py" ] || py=python3

psql "$admin" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS sg_tutorial" \
  -c "CREATE DATABASE sg_tutorial" >/dev/null
psql "$dsn" -X -q -v ON_ERROR_STOP=1 -f "$ops/migration.sql" >/dev/null

fail() { echo "tutorial: $*" >&2; exit 1; }

# exec FILE EXPECTED_EXIT [OPERATION_JSON_ON_STDIN]: prints the output
exec_op() {
  local file=$1 want=$2 out rc=0
  out=$("$cli" exec --dsn "$dsn" --catalog "$catalog" "$file" 2>&1) || rc=$?
  [ "$rc" -eq "$want" ] || fail "$(basename "$file"): exit $rc, expected $want: $out"
  printf '%s' "$out"
}

# field JSON PYTHON_EXPRESSION over the parsed output `d`
field() { "$py" -c "import json,sys; d=json.loads(sys.argv[1]); print($2)" "$1"; }
sql() { psql "$dsn" -X -A -t -q -c "$1"; }

out=$(exec_op "$ops/01_upsert_acme.json" 0)
[ "$(field "$out" "d['result']['rows'][0][1]")" = ACME ] || fail "upsert did not return ACME"
out=$(exec_op "$ops/02_upsert_acme_again.json" 0)
[ "$(sql "SELECT count(*) || ':' || max(name) FROM sdk_examples_account WHERE account_code = 'ACME'")" \
  = "1:Acme Capital Holdings" ] || fail "the second upsert did not update the one ACME row"
exec_op "$ops/03_upsert_globex.json" 0 >/dev/null
out=$(exec_op "$ops/04_insert_limit.json" 0)
[ "$(field "$out" "d['result']['pagination']['returned']")" = 1 ] || fail "no limit inserted"

# paginated reads: one row a page, stable order, then an empty page
page() {
  local tmp; tmp=$(mktemp)
  "$py" -c "import json,sys; o=json.load(open(sys.argv[1])); o['parameters']['offset']=int(sys.argv[2]); json.dump(o, open(sys.argv[3],'w'))" \
    "$ops/05_select_page.json" "$1" "$tmp"
  exec_op "$tmp" 0
  rm -f "$tmp"
}
[ "$(field "$(page 0)" "d['result']['rows'][0][0]")" = ACME ] || fail "page 1 is not ACME"
[ "$(field "$(page 1)" "d['result']['rows'][0][0]")" = GLOBEX ] || fail "page 2 is not GLOBEX"
[ "$(field "$(page 2)" "len(d['result']['rows'])")" = 0 ] || fail "page 3 is not empty"

out=$(exec_op "$ops/06_update_region.json" 0)
[ "$(field "$out" "d['result']['rows'][0][1]")" = APAC ] || fail "update did not return APAC"

# the foreign key restricts: a structured error, rolled back, the row still there
out=$(exec_op "$ops/07_delete_with_limits.json" 3)
[ "$(field "$out" "d['result']['error']['sqlstate']")" = 23503 ] || fail "no 23503: $out"
[ "$(field "$out" "d['result']['error']['rolled_back']")" = True ] || fail "not rolled back"
[ "$(sql "SELECT count(*) FROM sdk_examples_account WHERE account_code = 'ACME'")" = 1 ] \
  || fail "the restricted delete removed ACME"
exec_op "$ops/08_delete_without_limits.json" 0 >/dev/null
[ "$(sql "SELECT count(*) FROM sdk_examples_account WHERE account_code = 'GLOBEX'")" = 0 ] \
  || fail "GLOBEX was not deleted"

# a denied operation never reaches the server: the statement log does not grow
before=$(stat -c %s "$SQLGUARD_TEST_LOG")
out=$(exec_op "$ops/09_denied_read_limits_unscoped.json" 1)
[ "$(field "$out" "d['result']")" = None ] || fail "a denied operation has a result"
[ "$(field "$out" "d['verdict']['diagnostics'][0]['rule']")" = scope.table-not-declared ] \
  || fail "unexpected denial: $out"
sleep 0.2
[ "$(stat -c %s "$SQLGUARD_TEST_LOG")" = "$before" ] || fail "the server log grew for a denied operation"

psql "$admin" -X -q -c "DROP DATABASE sg_tutorial" >/dev/null
echo "tutorial: 9 operations through sqlguard exec, as expected"
