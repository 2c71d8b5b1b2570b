"""Shared fixtures: the checkout's seed catalog and operations, and an SDK-style builder."""
import json
import pathlib

import pytest

import sqlguard

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "corpus" / "examples"
SEED_DS = "0b6e3f1c-5d2a-4c8e-9f61-2a7d4e9b1c01"
ACCOUNT_UID = "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01"
LIMIT_UID = "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b02"
COUNTERPARTY_UID = "5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b03"
SEED_OPS = ["insert_account", "select_accounts", "denied_join_secret"]


def build_operation(operation, sql, parameters=None, *, data_source_uid, tables, max_rows=None,
                    statement_timeout_ms=None):
    """What the platform SDK's build_operation() returns: tables are (uid, alias, access)."""
    op = {
        "operation": operation,
        "sql": sql,
        "parameters": {} if parameters is None else parameters,
        "scope": {
            "data_source_uid": data_source_uid,
            "tables": [{"meta_table_uid": uid, "alias": alias, "access": access}
                       for uid, alias, access in tables],
        },
    }
    limits = {}
    if max_rows is not None:
        limits["max_rows"] = max_rows
    if statement_timeout_ms is not None:
        limits["statement_timeout_ms"] = statement_timeout_ms
    if limits:
        op["limits"] = limits
    return op


def seed_op(name):
    return json.loads((EXAMPLES / "ops" / f"{name}.json").read_text())


@pytest.fixture(scope="session")
def catalog():
    return sqlguard.Catalog.load(EXAMPLES / "catalog.json")


@pytest.fixture(scope="session")
def catalog_dict():
    return json.loads((EXAMPLES / "catalog.json").read_text())
