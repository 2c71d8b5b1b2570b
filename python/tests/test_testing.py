"""sqlguard.testing: assert_allowed / assert_denied and their failure output."""
import pytest

import sqlguard
from conftest import seed_op
from sqlguard.testing import assert_allowed, assert_denied, format_verdict, use_catalog


@pytest.fixture(autouse=True)
def default_catalog(catalog):
    use_catalog(catalog)
    yield
    use_catalog(None)


def test_passing_assertions_return_the_verdict():
    assert assert_allowed(seed_op("insert_account")).allowed
    v = assert_denied(seed_op("denied_join_secret"), rule="scope.table-not-declared")
    assert v.diagnostics[0].rule == "scope.table-not-declared"


def test_a_denied_operation_shows_the_diagnostic_and_a_caret():
    with pytest.raises(AssertionError) as info:
        assert_allowed(seed_op("denied_join_secret"))
    text = str(info.value)
    assert "expected the operation to be allowed" in text
    assert "operation denied (select): 1 error" in text
    assert ("error scope.table-not-declared at 3:6: relation public.sdk_examples_secret is "
            "not in the declared scope") in text
    lines = text.splitlines()
    sql_line = next(i for i, s in enumerate(lines) if s.endswith("JOIN sdk_examples_secret AS s "
                                                                 "ON s.uid = a.uid"))
    caret = lines[sql_line + 1]
    assert caret.index("^") == lines[sql_line].index("sdk_examples_secret")
    assert lines[sql_line].lstrip().startswith("3 | ")


def test_the_caret_counts_characters_and_keeps_tabs(catalog):
    op = seed_op("denied_join_secret")
    op["sql"] = "SELECT a.account_code\nFROM sdk_examples_account AS a,\n\t\"é\" AS s\nORDER BY 1"
    text = format_verdict(catalog.check(op))
    lines = text.splitlines()
    i = next(i for i, s in enumerate(lines) if s.endswith('\t"é" AS s'))
    assert lines[i + 1].endswith("| \t^")


def test_wrong_rule_or_allowed_operation_fails_assert_denied():
    with pytest.raises(AssertionError, match="denied by params.missing"):
        assert_denied(seed_op("denied_join_secret"), rule="params.missing")
    with pytest.raises(AssertionError, match="expected the operation to be denied\n"
                                             "operation allowed \\(insert\\): 0 errors"):
        assert_denied(seed_op("insert_account"))


def test_explicit_catalog_and_policy_win_over_the_default(catalog):
    use_catalog(None)
    with pytest.raises(RuntimeError, match="no catalog"):
        assert_allowed(seed_op("insert_account"))
    op = seed_op("select_accounts")
    op["sql"] = "SELECT uid FROM sdk_examples_account"
    op["parameters"] = {}
    assert_denied(op, rule="paginate.order-by-required", catalog=catalog)
    lenient = sqlguard.Policy.from_dict({"version": 1,
                                         "rules": {"paginate.order-by-required": "off"}})
    assert_allowed(op, catalog=catalog, policy=lenient)
