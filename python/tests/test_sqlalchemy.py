"""A catalog from SQLAlchemy models: the tutorial tables, as Core and as declarative."""
import json

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import declarative_base

import sqlguard
from conftest import (ACCOUNT_UID, COUNTERPARTY_UID, LIMIT_UID, SEED_DS, SEED_OPS,
                      build_operation, seed_op)
from sqlguard.sqlalchemy import catalog_from_metadata, pg_type_name

UIDS = {"sdk_examples_account": ACCOUNT_UID, "sdk_examples_account_limit": LIMIT_UID,
        "sdk_examples_counterparty": COUNTERPARTY_UID}
IDENTIFIERS = {"sdk_examples_account": "sdk_examples.Account",
               "sdk_examples_account_limit": "sdk_examples.AccountLimit",
               "sdk_examples_counterparty": "sdk_examples.Counterparty"}
UUID_DEFAULT = sa.text("gen_random_uuid()")


def core_metadata():
    md = sa.MetaData()
    sa.Table("sdk_examples_account", md,
             sa.Column("uid", postgresql.UUID(as_uuid=True), primary_key=True,
                       server_default=UUID_DEFAULT),
             sa.Column("account_code", sa.String(64), nullable=False, unique=True),
             sa.Column("name", sa.String(255), nullable=False),
             sa.Column("region", sa.String(32), nullable=False),
             comment="Tutorial accounts used as parent rows for governed related tables.")
    sa.Table("sdk_examples_account_limit", md,
             sa.Column("uid", postgresql.UUID(as_uuid=True), primary_key=True,
                       server_default=UUID_DEFAULT),
             sa.Column("account_uid", postgresql.UUID(as_uuid=True),
                       sa.ForeignKey("sdk_examples_account.uid", ondelete="RESTRICT"),
                       nullable=False),
             sa.Column("limit_type", sa.String(64), nullable=False),
             sa.Column("currency", sa.String(3), nullable=False),
             comment="Account limit records keyed to the owning tutorial account.")
    sa.Table("sdk_examples_counterparty", md,
             sa.Column("uid", postgresql.UUID(as_uuid=True), primary_key=True,
                       server_default=UUID_DEFAULT),
             sa.Column("name", sa.Text, nullable=False))
    # a table no operation is scoped to stays out of the catalog
    sa.Table("sdk_examples_audit", md, sa.Column("id", sa.Integer, primary_key=True))
    return md


Base = declarative_base()


class Account(Base):
    __tablename__ = "sdk_examples_account"
    __table_args__ = {"comment": "Tutorial accounts used as parent rows for governed related "
                                 "tables."}
    uid = sa.Column(postgresql.UUID(as_uuid=True), primary_key=True, server_default=UUID_DEFAULT)
    account_code = sa.Column(sa.String(64), nullable=False, unique=True)
    name = sa.Column(sa.String(255), nullable=False)
    region = sa.Column(sa.String(32), nullable=False)


class AccountLimit(Base):
    __tablename__ = "sdk_examples_account_limit"
    __table_args__ = {"comment": "Account limit records keyed to the owning tutorial account."}
    uid = sa.Column(postgresql.UUID(as_uuid=True), primary_key=True, server_default=UUID_DEFAULT)
    account_uid = sa.Column(postgresql.UUID(as_uuid=True),
                            sa.ForeignKey(Account.uid, ondelete="RESTRICT"), nullable=False)
    limit_type = sa.Column(sa.String(64), nullable=False)
    currency = sa.Column(sa.String(3), nullable=False)


class Counterparty(Base):
    __tablename__ = "sdk_examples_counterparty"
    uid = sa.Column(postgresql.UUID(as_uuid=True), primary_key=True, server_default=UUID_DEFAULT)
    name = sa.Column(sa.Text, nullable=False)


def normalised(meta_table):
    """The fields a model determines; the registration's namespace and labels are not."""
    t = {k: v for k, v in meta_table.items() if k not in ("namespace", "labels")}
    t.setdefault("unique", [])
    t.setdefault("foreign_keys", [])
    return t


def declarative_catalog():
    # mapped classes as keys work as well as table names
    return catalog_from_metadata(Base, data_source_uid=SEED_DS,
                                 uids={Account: ACCOUNT_UID, AccountLimit: LIMIT_UID,
                                       Counterparty: COUNTERPARTY_UID},
                                 identifiers=IDENTIFIERS)


@pytest.mark.parametrize("build", [
    lambda: catalog_from_metadata(core_metadata(), data_source_uid=SEED_DS, uids=UIDS,
                                  identifiers=IDENTIFIERS),
    declarative_catalog,
], ids=["core", "declarative"])
def test_models_give_the_seed_catalog(build, catalog_dict):
    made = build()
    assert made["data_sources"] == catalog_dict["data_sources"]
    assert [normalised(t) for t in made["meta_tables"]] == [
        normalised(t) for t in catalog_dict["meta_tables"]]


@pytest.mark.parametrize("build", [
    lambda: catalog_from_metadata(core_metadata(), data_source_uid=SEED_DS, uids=UIDS),
    declarative_catalog,
], ids=["core", "declarative"])
def test_a_catalog_from_models_judges_as_the_seed_catalog(build, catalog):
    from_models = sqlguard.Catalog.from_dict(build())
    ops = [seed_op(n) for n in SEED_OPS]
    # and operations the column rules judge: an insert leaving out a NOT NULL column,
    # a conflict target that is no key, an unknown column
    scope = dict(data_source_uid=SEED_DS, tables=[(ACCOUNT_UID, "a", "write")], max_rows=10,
                 statement_timeout_ms=100)
    ops += [
        build_operation("insert", "INSERT INTO sdk_examples_account (account_code, name) "
                        "VALUES (%(c)s, %(n)s)", {"c": "X", "n": "Y"}, **scope),
        build_operation("insert", "INSERT INTO sdk_examples_account (account_code, name, region)"
                        " VALUES ('a', 'b', 'c') ON CONFLICT (name) DO NOTHING", **scope),
        build_operation("select", "SELECT nope FROM sdk_examples_account ORDER BY uid", **scope),
    ]
    verdicts = []
    for op in ops:
        a, b = catalog.check(op), from_models.check(op)
        assert json.loads(a.to_json()) == json.loads(b.to_json())
        verdicts.append(a)
    assert [v.allowed for v in verdicts] == [True, True, False, False, False, False]
    assert [v.diagnostics[0].rule for v in verdicts[3:]] == [
        "insert.not-null-missing", "conflict.target-not-unique", "column.unknown"]


def test_types_defaults_and_keys():
    md = sa.MetaData(schema="app")
    sa.Table("parent", md, sa.Column("id", sa.BigInteger, primary_key=True),
             sa.Column("code", sa.String(10)), sa.Column("b", sa.Integer),
             sa.UniqueConstraint("code", "b"))
    sa.Table("child", md,
             sa.Column("id", sa.Integer, sa.Identity(always=True), primary_key=True),
             sa.Column("parent_id", sa.BigInteger, sa.ForeignKey("app.parent.id",
                                                                  ondelete="cascade"),
                       nullable=False),
             sa.Column("status", sa.String(8), nullable=False, server_default="new's"),
             sa.Column("created", sa.DateTime(timezone=True), server_default=sa.func.now()),
             sa.Column("amount", sa.Numeric(12, 2)),
             sa.Column("tags", postgresql.ARRAY(sa.Text)),
             sa.Column("doc", postgresql.JSONB),
             sa.Column("double", sa.Integer, sa.Computed("amount * 2")),
             sa.Column("slug", sa.String(20)),
             sa.Index("child_slug", "slug", unique=True),
             sa.Index("child_partial", "status", unique=True, postgresql_where=sa.text("false")))
    made = catalog_from_metadata(md, data_source_uid="ds", uids={"app.parent": "p",
                                                                  "child": "c"},
                                 schema_default="public")
    parent, child = made["meta_tables"]
    assert parent["schema"] == "app" and parent["unique"] == [["code", "b"]]
    assert parent["columns"][0] == {"name": "id", "type": "bigint", "nullable": False,
                                    "default": "nextval('parent_id_seq'::regclass)"}
    cols = {c["name"]: c for c in child["columns"]}
    assert cols["id"]["default"] == "generated always as identity"
    assert cols["status"]["default"] == "'new''s'"
    assert cols["created"] == {"name": "created", "type": "timestamp with time zone",
                               "nullable": True, "default": "now()"}
    assert cols["amount"]["type"] == "numeric(12, 2)"
    assert cols["tags"]["type"] == "text[]" and cols["doc"]["type"] == "jsonb"
    assert cols["double"]["default"] == "generated always as (amount * 2) stored"
    assert child["unique"] == [["slug"]]
    assert child["foreign_keys"] == [{"columns": ["parent_id"], "references": "parent",
                                      "referenced_columns": ["id"], "on_delete": "CASCADE"}]
    # the library accepts every type name and default the models produced
    cat = sqlguard.Catalog.from_dict(made)
    assert cat.table_count == 2
    assert pg_type_name(sa.Enum("a", "b", name="Mood")) == '"Mood"'


def test_unknown_uid_keys_and_bad_metadata_are_errors():
    with pytest.raises(ValueError, match="sdk_examples_nope"):
        catalog_from_metadata(core_metadata(), data_source_uid=SEED_DS,
                              uids={"sdk_examples_nope": "x"})
    with pytest.raises(TypeError):
        catalog_from_metadata(object(), data_source_uid=SEED_DS, uids={})


def test_mapped_style_models():
    orm = pytest.importorskip("sqlalchemy.orm")
    if not hasattr(orm, "mapped_column"):
        pytest.skip("SQLAlchemy %s has no Mapped[...] declarative style (2.0)" % sa.__version__)
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

    class Base2(DeclarativeBase):
        pass

    class Counterparty2(Base2):
        __tablename__ = "sdk_examples_counterparty"
        uid: Mapped[str] = mapped_column(postgresql.UUID, primary_key=True,
                                         server_default=UUID_DEFAULT)
        name: Mapped[str] = mapped_column(sa.Text)

    made = catalog_from_metadata(Base2, data_source_uid=SEED_DS,
                                 uids={Counterparty2: COUNTERPARTY_UID})
    assert made["meta_tables"][0]["columns"][1] == {"name": "name", "type": "text",
                                                    "nullable": False}
