#!/usr/bin/env python3
"""Regenerates the fuzz seed corpora in corpus/fuzz/<target>/ from the case
corpus, the lint corpus and the catalogs, plus hand-written tricky inputs.

    python3 fuzz/seeds.py

Existing seed directories are replaced (corpus/fuzz/regressions/ and
corpus/fuzz/findings/ are left alone). Seed files are named after their source.
"""
import glob
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "corpus", "fuzz")
KINDS = ["select", "insert", "update", "delete", "merge"]
ACCESS = ["read", "write"]
DS = "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"


def reset(target):
    d = os.path.join(OUT, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def write(d, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def cases():
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "cases", "*.json"))):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        yield os.path.basename(path)[:-5], doc


def op(kind, sql, params=None, tables=None, limits=True):
    o = {"operation": kind, "sql": sql, "parameters": params if params is not None else {},
         "scope": {"data_source_uid": DS, "tables": tables if tables is not None else [
             {"meta_table_uid": "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01", "alias": "accounts",
              "access": "write"},
             {"meta_table_uid": "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b02", "alias": "limits",
              "access": "read"}]}}
    if limits:
        o["limits"] = {"max_rows": 100, "statement_timeout_ms": 15000}
    return json.dumps(o)


def gen_operation():
    d = reset("operation")
    for name, doc in cases():
        if "operation_text" in doc:
            write(d, name + ".json", doc["operation_text"])
        else:
            write(d, name + ".json", json.dumps(doc["operation"], ensure_ascii=False))
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "examples", "ops", "*.json"))):
        shutil.copy(path, os.path.join(d, "example_" + os.path.basename(path)))
    tricky = {
        "cte_shadows_secret": op("select", "WITH sdk_examples_secret AS (SELECT uid FROM "
                                 "sdk_examples_account) SELECT uid FROM sdk_examples_secret "
                                 "ORDER BY uid"),
        "cte_pg_name": op("select", "WITH pg_class AS (SELECT 1 AS x) SELECT x FROM pg_class "
                          "ORDER BY x"),
        "write_through_cte": op("select", "WITH d AS (DELETE FROM sdk_examples_account_limit "
                                "RETURNING uid) SELECT uid FROM d ORDER BY uid"),
        "merge_read_source": op("merge", "MERGE INTO sdk_examples_account a USING "
                                "sdk_examples_account_limit l ON a.uid = l.account_uid WHEN "
                                "MATCHED THEN UPDATE SET name = 'x'"),
        "qualified_db": op("select", "SELECT uid FROM db.public.sdk_examples_account ORDER BY "
                           "uid"),
        "duplicate_scope_key": '{"operation":"select","sql":"SELECT uid FROM '
                               'sdk_examples_secret ORDER BY uid","parameters":{},"scope":{'
                               '"data_source_uid":"%s","tables":[]},"scope":{"data_source_uid":'
                               '"%s","tables":[{"meta_table_uid":"5a0f7c1e-8d3b-4e2a-b6c4-'
                               '1f9e8d7c6b04","alias":"s","access":"read"}]},"limits":{'
                               '"max_rows":1,"statement_timeout_ms":1}}' % (DS, DS),
        "deep_parens": op("select", "SELECT " + "(" * 300 + "1" + ")" * 300 +
                          " FROM sdk_examples_account ORDER BY 1"),
        "deep_subquery": op("select", "SELECT * FROM " + "(SELECT * FROM " * 60 +
                            "sdk_examples_account" + ") q" * 60 + " ORDER BY 1"),
        "named_params": op("select", "SELECT uid FROM sdk_examples_account WHERE uid = %(a)s OR "
                           "name = %(a)s OR region LIKE '%%x' ORDER BY uid", {"a": "x"}),
        "positional_params": op("insert", "INSERT INTO sdk_examples_account (uid, account_code,"
                                " name, region) VALUES (%s, %s, %s, %s)", ["a", "b", "c", "d"]),
        "native_params": op("update", "UPDATE sdk_examples_account SET name = $1 WHERE uid = $2",
                            ["a", "b"]),
        "unicode_ident": op("select", 'SELECT "ü" FROM "sdk_examples_account" AS "ä" ORDER BY 1'),
        "not_json": "{\"operation\": ",
        "empty_object": "{}",
        "nested_arrays": "[" * 100 + "]" * 100,
        "select_into": op("select", "SELECT uid INTO sdk_examples_x FROM sdk_examples_account "
                          "ORDER BY uid"),
        "for_update_of_alias": op("select", "SELECT a.uid FROM sdk_examples_account a JOIN "
                                  "sdk_examples_account_limit l ON l.account_uid = a.uid ORDER BY"
                                  " 1 FOR UPDATE OF a"),
        "ledger_unqualified": op("select", "SELECT 1 FROM sdk_examples_entry ORDER BY 1", None,
                                 [{"meta_table_uid": "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b05",
                                   "alias": "e", "access": "read"}]),
        "ledger_qualified": op("select", "SELECT 1 FROM ledger.sdk_examples_entry ORDER BY 1",
                               None, [{"meta_table_uid": "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b05",
                                       "alias": "e", "access": "read"}]),
    }
    for name, text in tricky.items():
        write(d, "tricky_" + name + ".json", text)


def sql_seed(kind, access, sql):
    return bytes([KINDS.index(kind), ACCESS.index(access)]) + sql.encode("utf-8",
                                                                           "surrogatepass")


def gen_sql():
    d = reset("sql")
    for name, doc in cases():
        o = doc.get("operation")
        if not isinstance(o, dict) or not isinstance(o.get("sql"), str):
            continue
        kind = o.get("operation") if o.get("operation") in KINDS else "select"
        access = "read" if kind == "select" else "write"
        write(d, name, sql_seed(kind, access, o["sql"]))
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "lint", "**", "*.sql"),
                                 recursive=True)):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        base = "lint_" + os.path.relpath(path, os.path.join(ROOT, "corpus", "lint")) \
            .replace("/", "_")[:-4]
        for i, stmt in enumerate(s.strip() for s in text.split(";")):
            if stmt and not all(l.strip().startswith("--") for l in stmt.splitlines()):
                kind = stmt.split()[0].lower() if stmt.split()[0].lower() in KINDS else "select"
                write(d, "%s_%d" % (base, i), sql_seed(kind, "write", stmt))
    tricky = [
        ("select", "read", "SELECT uid FROM sdk_examples_account ORDER BY uid"),
        ("select", "read", "WITH x AS (SELECT 1 AS a) SELECT a FROM x ORDER BY a"),
        ("select", "read", "SELECT * FROM pg_class"),
        ("select", "read", "SELECT uid FROM sdk_examples_account ORDER BY uid\0; DELETE FROM x"),
        ("select", "read", "SELECT '\udcff'"),
        ("delete", "write", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                            "DELETE FROM sdk_examples_account WHERE uid IN (SELECT n::text::uuid "
                            "FROM r)"),
        ("update", "write", "UPDATE ledger.sdk_examples_entry SET uid = uid"),
        ("insert", "write", 'INSERT INTO "Sdk_Examples_Audit" SELECT * FROM sdk_examples_secret'),
        ("merge", "write", "MERGE INTO sdk_examples_account t USING (SELECT 1) s ON false WHEN "
                           "NOT MATCHED THEN INSERT DEFAULT VALUES"),
        ("select", "write", "SELECT 1 FROM sdk_examples_account a, LATERAL (SELECT a.uid) b "
                            "ORDER BY 1 FOR UPDATE"),
        ("select", "read", "SELECT 1 FROM sdk_examples_account WHERE name LIKE '%%' || $1 "
                           "ORDER BY 1"),
        ("select", "read", "SELECT 1; SELECT 2"),
        ("select", "read", ""),
        ("select", "read", "EXPLAIN SELECT 1"),
        ("select", "read", "SELECT " + "(" * 200 + "1" + ")" * 200 + " ORDER BY 1"),
    ]
    for i, (kind, access, sql) in enumerate(tricky):
        write(d, "tricky_%02d" % i, sql_seed(kind, access, sql))


def gen_placeholders():
    d = reset("placeholders")
    samples = [
        "SELECT %(a)s, %(b)s, %(a)s", "SELECT %s, %s", "SELECT 100%%", "SELECT %", "SELECT %\n",
        "SELECT %(", "SELECT %()s", "SELECT %(a)\ns", "SELECT %(a\n)s", "SELECT %(a)d",
        "SELECT %b", "SELECT %t", "SELECT % s", "SELECT %(a)s, %s", "SELECT %s, %(a)s",
        "SELECT %%(a)s", "SELECT %%%s", "SELECT %(%)s", "SELECT %(()s", "SELECT %(a)s%(b)s%%",
        "SELECT '%(a)s' -- %s", "SELECT $1, %s", "%", "%%", "%s", "%(x)", "%(x)s\u00e9",
        "SELECT %(\u00e9)s", "SELECT %(a b)s", "SELECT %(a)%",
    ]
    for i, s in enumerate(samples):
        write(d, "ph_%02d" % i, s)
    write(d, "ph_nul", b"SELECT %(a\0b)s, %\0")
    write(d, "ph_bytes", b"SELECT %(\xff)s %\xff")
    write(d, "ph_many", "%s," * 2000)


def gen_catalog():
    d = reset("catalog")
    srcs = {"main": "corpus/catalog.json", "examples": "corpus/examples/catalog.json",
            "lint": "corpus/lint/catalog.json"}
    for name, rel in srcs.items():
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            text = f.read()
        write(d, name + ".json", text)
        doc = json.loads(text)
        # Broken variants: each breaks one thing.
        v = json.loads(text)
        v["meta_tables"][0]["data_source_uid"] = "nope"
        write(d, name + "_bad_ds.json", json.dumps(v))
        v = json.loads(text)
        v["meta_tables"].append(dict(v["meta_tables"][0]))
        write(d, name + "_dup_table.json", json.dumps(v))
        v = json.loads(text)
        v["meta_tables"][0]["physical_table_name"] = "pg_class"
        write(d, name + "_pg_name.json", json.dumps(v))
        v = json.loads(text)
        v["meta_tables"][0]["unknown_key"] = 1
        write(d, name + "_unknown_key.json", json.dumps(v))
        v = json.loads(text)
        del v["data_sources"]
        write(d, name + "_no_ds.json", json.dumps(v))
        write(d, name + "_truncated.json", text[: len(text) // 2])
        v = json.loads(text)
        v["meta_tables"][0]["columns"] = []
        write(d, name + "_no_columns.json", json.dumps(v))
        del doc
    write(d, "empty.json", "")
    write(d, "empty_object.json", "{}")
    write(d, "minimal.json", json.dumps({"version": 1, "data_sources": [
        {"uid": "d", "engine": "postgresql", "default_schema": "public"}], "meta_tables": []}))


def gen_policy():
    d = reset("policy")
    with open(os.path.join(ROOT, "corpus", "lint", ".sqlguard.json"), encoding="utf-8") as f:
        text = f.read()
    write(d, "lint.json", text)
    pols = {
        "readme": {"version": 1, "rules": {
            "scope.unused-table": "off",
            "paginate.order-by-required": {"severity": "warning"},
            "func.denied": {"options": {"allow": ["^postgis\\.st_", "^app\\."],
                                        "deny": ["^app\\.admin_"]}}}},
        "deny_only": {"version": 1, "rules": {"func.denied": {"options": {
            "mode": "deny-only", "deny": ["^lower$"]}}}},
        "locked_off": {"version": 1, "rules": {"sql.syntax": "off"}},
        "bad_regex": {"version": 1, "rules": {"func.denied": {"options": {"allow": ["(["]}}}},
        "unknown_rule": {"version": 1, "rules": {"no.such-rule": "error"}},
        "bad_version": {"version": 2, "rules": {}},
        "limits": {"version": 1, "rules": {"limits.bounds": {"options": {
            "max_rows": 10, "statement_timeout_ms": 5}}, "limits.invalid": "warning",
            "params.unused": "off", "style.select-star": "error"}},
        "prefix": {"version": 1, "rules": {"naming.table-prefix": {"options": {
            "prefix": ["^sdk_examples_", "^x"]}}, "scope.unused-table": "error"}},
        "empty": {"version": 1},
        "bounds_tight": {"version": 1, "limits": {
            "max_sql_bytes": 40, "max_ast_depth": 3, "max_diagnostics": 1, "max_parameters": 1,
            "max_json_depth": 4, "max_scope_tables": 1, "max_operation_bytes": 300}},
        "bounds_raised": {"version": 1, "limits": {
            "max_rows": 1000000, "max_statement_timeout_ms": 2147483647,
            "max_catalog_tables": 1000000, "max_catalog_bytes": 268435456}},
        "bounds_bad": {"version": 1, "limits": {"max_parameters": 65536}},
        "bounds_sql": {"version": 1, "limits": {"max_sql_bytes": 40}},
        "bounds_catalog": {"version": 1, "limits": {"max_catalog_tables": 3}},
    }
    for name, p in pols.items():
        write(d, name + ".json", json.dumps(p))
    write(d, "truncated.json", text[: len(text) // 2])


if __name__ == "__main__":
    gen_operation()
    gen_sql()
    gen_placeholders()
    gen_catalog()
    gen_policy()
    total = 0
    for dirpath, _, files in os.walk(OUT):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    print("corpus/fuzz: %d bytes" % total)
