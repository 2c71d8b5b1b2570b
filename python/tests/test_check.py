"""The binding's check, lint and errors against the seed catalog and operations."""
import decimal
import json
import os

import pytest

import sqlguard
from conftest import ACCOUNT_UID, EXAMPLES, ROOT, SEED_DS, build_operation, seed_op

INSERT_SQL = ("INSERT INTO sdk_examples_account\n    (account_code, name, region)\nVALUES\n"
              "    (%(account_code)s, %(name)s, %(region)s)\n"
              "ON CONFLICT (account_code) DO UPDATE SET\n    name = EXCLUDED.name,\n"
              "    region = EXCLUDED.region\nRETURNING uid, account_code, name, region\n")
SELECT_SQL = ("SELECT uid, account_code, name, region\nFROM sdk_examples_account\n"
              "WHERE (%(region)s IS NULL OR region = %(region)s)\nORDER BY account_code\n"
              "LIMIT %(limit)s\n")


def sdk_insert():
    return build_operation("insert", INSERT_SQL,
                           {"account_code": "ACME", "name": "Acme Capital", "region": "US"},
                           data_source_uid=SEED_DS, tables=[(ACCOUNT_UID, "accounts", "write")],
                           max_rows=100, statement_timeout_ms=15000)


def sdk_select(region="US"):
    return build_operation("select", SELECT_SQL, {"region": region, "limit": 50},
                           data_source_uid=SEED_DS, tables=[(ACCOUNT_UID, "accounts", "read")],
                           max_rows=50, statement_timeout_ms=15000)


def test_sdk_built_operations_are_the_seed_operations():
    assert sdk_insert() == seed_op("insert_account")
    assert sdk_select() == seed_op("select_accounts")


def test_seed_insert_is_allowed(catalog):
    v = catalog.check(sdk_insert())
    assert v.allowed is True
    assert v.operation == "insert"
    assert v.diagnostics == []
    assert v.compiled_sql.startswith("INSERT INTO public.sdk_examples_account\n")
    assert "VALUES\n    ($1, $2, $3)\n" in v.compiled_sql
    assert v.parameters == ["ACME", "Acme Capital", "US"]
    assert v.parameter_names == ["account_code", "name", "region"]
    assert v.search_path == "pg_catalog, pg_temp"
    assert v.sql == INSERT_SQL
    (t,) = v.tables
    assert (t.meta_table_uid, t.alias, t.schema, t.name, t.declared, t.required) == (
        ACCOUNT_UID, "accounts", "public", "sdk_examples_account", "write", "write")


def test_seed_select_binds_a_repeated_name_once(catalog):
    v = catalog.check(sdk_select())
    assert v.allowed
    assert "WHERE ($1 IS NULL OR region = $1)" in v.compiled_sql
    assert v.parameters == ["US", 50]
    assert v.parameter_names == ["region", "limit"]
    assert catalog.check(sdk_select(region=None)).parameters == [None, 50]


def test_parameters_keep_the_numbers_the_executor_binds(catalog):
    # the executor binds a number's text as written; a float that would change it
    # (1e400 is inf, the long fraction 0.1) comes back as a decimal.Decimal
    text = json.dumps(build_operation(
        "select", "SELECT uid FROM sdk_examples_account WHERE region = %(r)s AND "
        "%(a)s::numeric > 0 AND %(b)s::numeric > 0 AND %(c)s::numeric > 0 ORDER BY uid",
        {"r": "US", "a": 1, "b": 2, "c": 3}, data_source_uid=SEED_DS,
        tables=[(ACCOUNT_UID, "accounts", "read")], max_rows=50, statement_timeout_ms=1000))
    text = text.replace('"a": 1', '"a": 1e400').replace('"b": 2',
                        '"b": 0.1000000000000000055511151231257827').replace('"c": 3', '"c": 1.5')
    v = catalog.check(text)
    assert v.allowed, v.diagnostics
    assert v.parameters == ["US", decimal.Decimal("1e400"),
                            decimal.Decimal("0.1000000000000000055511151231257827"), 1.5]
    assert isinstance(v.parameters[3], float)


def test_seed_denied_operation_places_its_diagnostic(catalog):
    v = catalog.check(seed_op("denied_join_secret"))
    assert not v.allowed
    (d,) = v.diagnostics
    assert d.rule == "scope.table-not-declared"
    assert d.severity == "error"
    assert "public.sdk_examples_secret" in d.message
    assert (d.line, d.column) == (3, 6)
    assert v.sql.encode()[d.offset:].startswith(b"sdk_examples_secret")


def test_text_bytes_and_dict_give_the_same_verdict(catalog):
    path = EXAMPLES / "ops" / "denied_join_secret.json"
    verdicts = [catalog.check(path.read_text()), catalog.check(path.read_bytes()),
                catalog.check(json.loads(path.read_text()))]
    assert len({v.to_json() for v in verdicts}) == 1


def test_to_json_is_the_contract_verdict(catalog):
    out = json.loads(catalog.check(seed_op("denied_join_secret")).to_json())
    assert out["allowed"] is False
    assert out["diagnostics"][0]["location"] == {"offset": 69, "line": 3, "column": 6}
    out = json.loads(catalog.check(sdk_insert()).to_json())
    assert out["allowed"] is True and out["parameters"] == ["ACME", "Acme Capital", "US"]
    assert out["parameter_names"] == ["account_code", "name", "region"]


def test_positional_parameters_have_no_names(catalog):
    op = build_operation("select", "SELECT uid FROM sdk_examples_account WHERE region = %s "
                         "ORDER BY uid", ["US"], data_source_uid=SEED_DS,
                         tables=[(ACCOUNT_UID, "a", "read")], max_rows=5,
                         statement_timeout_ms=100)
    v = catalog.check(op)
    assert v.allowed and v.parameters == ["US"] and v.parameter_names is None


def test_a_policy_changes_severities(catalog):
    op = build_operation("select", "SELECT uid FROM sdk_examples_account",
                         data_source_uid=SEED_DS, tables=[(ACCOUNT_UID, "a", "read")],
                         max_rows=5, statement_timeout_ms=100)
    assert [d.rule for d in catalog.check(op).diagnostics] == ["paginate.order-by-required"]
    lenient = sqlguard.Policy.from_dict(
        {"version": 1, "rules": {"paginate.order-by-required": "warning"}})
    v = catalog.check(op, lenient)
    assert v.allowed and [(d.rule, d.severity) for d in v.diagnostics] == [
        ("paginate.order-by-required", "warning")]
    assert catalog.check(op, policy=lenient).allowed


def test_truncated_diagnostics_are_told(catalog):
    op = build_operation("select", "SELECT * FROM sdk_examples_account WHERE name = 'x'",
                         data_source_uid=SEED_DS, tables=[(ACCOUNT_UID, "a", "read")],
                         max_rows=5, statement_timeout_ms=100)
    v = catalog.check(op)
    assert not v.diagnostics_truncated and len(v.diagnostics) > 1
    one = sqlguard.Policy.from_dict({"version": 1, "limits": {"max_diagnostics": 1}})
    v = catalog.check(op, one)
    assert v.diagnostics_truncated and len(v.diagnostics) == 1
    assert v.diagnostics[0].severity == "error"
    assert json.loads(v.to_json())["diagnostics_truncated"] is True


def test_policy_limits_bound_the_catalog():
    tight = sqlguard.Policy.from_dict({"version": 1, "limits": {"max_catalog_tables": 1}})
    with pytest.raises(sqlguard.Error):
        sqlguard.Catalog.load(EXAMPLES / "catalog.json", policy=tight)


def test_catalog_queries(catalog):
    assert catalog.table_count == 3
    assert catalog.data_sources == [(SEED_DS, "public")]
    assert catalog.tables[0] == (ACCOUNT_UID, SEED_DS, "public", "sdk_examples_account")


def test_the_verdict_keeps_its_catalog_alive(catalog_dict):
    cat = sqlguard.Catalog.from_dict(catalog_dict)
    v = cat.check(seed_op("insert_account"))
    del cat
    assert v.tables[0].name == "sdk_examples_account"


def test_lint_sql(catalog):
    diags = sqlguard.lint_sql("SELECT uid FROM sdk_examples_account;\n"
                              "DELETE FROM sdk_examples_account;\n", catalog)
    assert [(d.rule, d.severity, d.line) for d in diags] == [
        ("paginate.order-by-required", "warning", 1), ("dml.missing-where", "warning", 2)]
    diags = sqlguard.lint_sql("SELECT * FROM nowhere ORDER BY 1", catalog)
    assert ("scope.table-not-declared", "error") in [(d.rule, d.severity) for d in diags]
    # without a catalog the scope rules are skipped
    assert "scope.table-not-declared" not in [d.rule for d in
                                              sqlguard.lint_sql("SELECT 1 FROM nowhere")]
    strict = sqlguard.lint_sql("SELECT uid FROM sdk_examples_account", catalog, profile="strict")
    assert [(d.rule, d.severity) for d in strict] == [("paginate.order-by-required", "error")]
    assert sqlguard.lint_sql("SELECT * FROM (", None)[0].rule == "sql.syntax"
    suppressed = "-- sqlguard-disable-next-line style.select-star\nSELECT * FROM t ORDER BY 1\n"
    assert "style.select-star" not in [d.rule for d in sqlguard.lint_sql(suppressed)]


# ---- bad input: exceptions or deny verdicts, never a crash ---------------------------------

def test_bad_json_and_bad_operations_are_deny_verdicts(catalog):
    for text in ["not json", "", "{", "[]", '{"operation": 1}', b"\xff\xfe", "null"]:
        v = catalog.check(text)
        assert not v.allowed
        assert v.diagnostics[0].rule == "op.invalid"
        assert v.diagnostics[0].line is None
    op = sdk_insert()
    op["sql"] = "INSERT INTO sdk_examples_account VALUES (%(missing)s"
    assert not catalog.check(op).allowed


def test_wrong_types_are_invalid_argument_errors(catalog):
    for bad in [5, None, ["select"], 3.5, object()]:
        with pytest.raises(sqlguard.InvalidArgumentError) as info:
            catalog.check(bad)
        assert isinstance(info.value, TypeError) and info.value.code == -2
        assert info.value.name == "EINVAL"
    with pytest.raises(sqlguard.InvalidArgumentError):
        catalog.check(sdk_insert(), policy="strict")
    with pytest.raises(sqlguard.InvalidArgumentError):
        catalog.check({"operation": "select", "parameters": {"at": object()}})
    with pytest.raises(sqlguard.InvalidArgumentError):
        catalog.check({"operation": "select", "parameters": {"x": float("nan")}})
    with pytest.raises(sqlguard.InvalidArgumentError):
        catalog.check("SELECT '\udc80'")
    with pytest.raises(sqlguard.InvalidArgumentError):
        sqlguard.lint_sql("SELECT 1", profile="lenient")
    with pytest.raises(TypeError):
        sqlguard.Catalog()


def test_bad_catalogs_and_policies_raise_with_the_place(tmp_path, catalog_dict):
    with pytest.raises(sqlguard.CatalogError) as info:
        sqlguard.Catalog.from_dict({"version": 1, "data_sources": [], "meta_tables": [{}]})
    assert info.value.code == -4 and "uid" in str(info.value)
    with pytest.raises(sqlguard.CatalogError):
        sqlguard.Catalog.from_json("{")
    with pytest.raises(sqlguard.FileError) as info:
        sqlguard.Catalog.load(tmp_path / "missing.json")
    assert isinstance(info.value, OSError) and "missing.json" in str(info.value)
    with pytest.raises(sqlguard.PolicyError) as info:
        sqlguard.Policy.from_dict({"version": 1, "rules": {"no.such-rule": "off"}})
    assert "no.such-rule" in str(info.value)
    with pytest.raises(sqlguard.PolicyError):
        sqlguard.Policy.from_dict({"version": 1, "rules": {"scope.table-not-declared": "off"}})
    with pytest.raises(sqlguard.InvalidArgumentError):
        sqlguard.Catalog.load("bad\0path")
    # a file name that is not UTF-8: the error names it as os.fsdecode() does
    odd = os.fsdecode(bytes(tmp_path) + b"/bad\xff.json")
    for load in (sqlguard.Catalog.load, sqlguard.Policy.load):
        with pytest.raises(sqlguard.FileError) as info:
            load(odd)
        assert "bad\udcff.json" in str(info.value)
    with open(os.fsencode(odd), "w") as f:
        f.write('{"data_sources": 1}')
    with pytest.raises(sqlguard.CatalogError) as info:
        sqlguard.Catalog.load(odd)
    assert "bad\udcff.json" in str(info.value) and "data_sources" in str(info.value)
    with pytest.raises(sqlguard.InvalidArgumentError):
        sqlguard.Catalog.from_dict([catalog_dict])
    (tmp_path / "policy.json").write_text('{"version": 1, "rules": {"style.select-star": "off"}}')
    assert isinstance(sqlguard.Policy.load(tmp_path / "policy.json"), sqlguard.Policy)
    assert issubclass(sqlguard.CatalogError, sqlguard.Error)
    assert sqlguard.CatalogError.code == -4


def test_huge_input_is_denied_within_its_bounds(catalog):
    big = sdk_select()
    big["sql"] = "SELECT uid FROM sdk_examples_account WHERE name = '" + "x" * (2 << 20) + "'"
    v = catalog.check(big)
    assert not v.allowed
    assert v.diagnostics[0].rule in ("op.invalid", "limits.bounds")
    deep = "[" * 100000 + "]" * 100000
    v = catalog.check('{"operation": "select", "parameters": ' + deep + "}")
    assert not v.allowed and v.diagnostics[0].rule == "op.invalid"
    many = sdk_select()
    many["parameters"] = {f"p{i}": i for i in range(70000)}
    assert not catalog.check(many).allowed


def test_version():
    info = sqlguard.version()
    assert info["version"] == sqlguard.__version__ == sqlguard._sqlguard.HEADER_VERSION
    assert info["abi"] == 0 and info["pg_version"].startswith("15.")


def test_type_hints_ship_with_the_package():
    import pathlib
    pkg = pathlib.Path(sqlguard.__file__).parent
    assert (pkg / "py.typed").exists()
    stub = (pkg / "_sqlguard.pyi").read_text()
    assert "class Verdict" in stub and "def allowed(self) -> bool" in stub
    assert ROOT.exists()
