"""A sqlguard catalog from SQLAlchemy metadata.

catalog_from_metadata() turns the tables of a MetaData (Core Table objects, or
the tables declarative models map, SQLAlchemy 1.4's classic style and 2.0's
Mapped[...] style alike, since both end in Table objects) into the catalog
JSON object of the contract, with every column's PostgreSQL type as
PostgreSQL's dialect writes it, nullability, server defaults, the primary key,
unique keys and foreign keys. A project checks its operations against its own
models in unit tests:

    catalog = sqlguard.Catalog.from_dict(catalog_from_metadata(
        Base.metadata, data_source_uid=DS, uids={"sdk_examples_account": ACCOUNT_UID}))
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from sqlalchemy import Computed, Identity, Index, MetaData, Table, UniqueConstraint
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.elements import ClauseElement, TextClause
from sqlalchemy.types import BigInteger, Integer, SmallInteger

__all__ = ["catalog_from_metadata", "table_from_sqlalchemy", "pg_type_name"]

_DIALECT = postgresql.dialect()


def _lower_unquoted(text: str) -> str:
    """PostgreSQL folds unquoted names to lower case; quoted parts keep theirs."""
    out, quoted = [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        out.append(ch if quoted else ch.lower())
    return "".join(out)


def pg_type_name(column_type: Any) -> str:
    """A column type as PostgreSQL's dialect writes it in DDL, e.g. 'varchar(64)'."""
    return _lower_unquoted(column_type.compile(dialect=_DIALECT))


def _sql_of(arg: Any) -> str:
    if isinstance(arg, TextClause):
        return arg.text
    if isinstance(arg, ClauseElement):
        return str(arg.compile(dialect=_DIALECT, compile_kwargs={"literal_binds": True}))
    # a plain string server default is a string literal in DDL
    return "'" + str(arg).replace("'", "''") + "'"


def _autoincrement_column(table: Table) -> Any:
    # public in 2.0, private in 1.4
    col = getattr(table, "autoincrement_column", None)
    return col if col is not None else getattr(table, "_autoincrement_column", None)


_SERIAL_TYPES = (SmallInteger, BigInteger, Integer)


def _default_of(table: Table, col: Any) -> Optional[str]:
    """The column's default as PostgreSQL would report it, or None."""
    computed = getattr(col, "computed", None)
    if isinstance(computed, Computed):
        return f"generated always as ({_sql_of(computed.sqltext)}) stored"
    identity = getattr(col, "identity", None)
    if isinstance(identity, Identity):
        kind = "always" if identity.always else "by default"
        return f"generated {kind} as identity"
    if col.server_default is not None and hasattr(col.server_default, "arg"):
        return _sql_of(col.server_default.arg)
    # PostgreSQL's dialect makes an integer autoincrement primary key SERIAL:
    # a sequence default the server fills in
    if (col is _autoincrement_column(table) and col.server_default is None
            and isinstance(col.type, _SERIAL_TYPES) and col.default is None):
        return f"nextval('{table.name}_{col.name}_seq'::regclass)"
    return None


def _unique_keys(table: Table) -> List[List[str]]:
    keys: List[List[str]] = []
    for c in table.constraints:
        if isinstance(c, UniqueConstraint):
            keys.append([col.name for col in c.columns])
    for ix in table.indexes:
        # a unique index on plain columns is a unique key (ON CONFLICT infers it);
        # a partial or expression index is not one of the table's keys
        if (isinstance(ix, Index) and ix.unique
                and ix.dialect_options["postgresql"]["where"] is None
                and ix.expressions and all(getattr(e, "table", None) is table
                                           for e in ix.expressions)):
            keys.append([col.name for col in ix.columns])
    out: List[List[str]] = []
    for k in keys:
        if k and k not in out:
            out.append(k)
    return out


def _foreign_keys(table: Table, schema_default: str) -> List[Dict[str, Any]]:
    out = []
    for fk in sorted(table.foreign_key_constraints, key=lambda c: [e.parent.name for e in c.elements]):
        target = fk.elements[0].column.table
        target_schema = target.schema or schema_default
        own_schema = table.schema or schema_default
        entry: Dict[str, Any] = {
            "columns": [e.parent.name for e in fk.elements],
            "references": target.name if target_schema == own_schema
            else f"{target_schema}.{target.name}",
            "referenced_columns": [e.column.name for e in fk.elements],
        }
        if isinstance(fk.name, str) and fk.name:
            entry["name"] = fk.name
        if fk.ondelete:
            entry["on_delete"] = fk.ondelete.upper()
        if fk.onupdate:
            entry["on_update"] = fk.onupdate.upper()
        out.append(entry)
    return out


def table_from_sqlalchemy(table: Table, *, uid: str, data_source_uid: str,
                          schema_default: str = "public",
                          identifier: Optional[str] = None) -> Dict[str, Any]:
    """One catalog meta table (contract section 2) from a SQLAlchemy Table."""
    columns = []
    for col in table.columns:
        entry: Dict[str, Any] = {"name": col.name, "type": pg_type_name(col.type),
                                 "nullable": bool(col.nullable)}
        default = _default_of(table, col)
        if default is not None:
            entry["default"] = default
        columns.append(entry)
    meta: Dict[str, Any] = {"uid": uid}
    if identifier:
        meta["identifier"] = identifier
    if table.comment:
        meta["description"] = table.comment
    meta.update({
        "data_source_uid": data_source_uid,
        "schema": table.schema or schema_default,
        "physical_table_name": table.name,
        "columns": columns,
        "primary_key": [col.name for col in table.primary_key.columns],
        "unique": _unique_keys(table),
        "foreign_keys": _foreign_keys(table, schema_default),
    })
    return meta


def _table_key(key: Any) -> str:
    """A uids key: a table name, "schema.name", a Table or a mapped class."""
    table = getattr(key, "__table__", key)
    if isinstance(table, Table):
        return table.fullname
    if isinstance(key, str):
        return key
    raise TypeError(f"uids keys are table names, Tables or mapped classes, not {key!r}")


def catalog_from_metadata(metadata: Union[MetaData, Any], *, data_source_uid: str,
                          uids: Mapping[Any, str], schema_default: str = "public",
                          identifiers: Optional[Mapping[Any, str]] = None,
                          engine: str = "postgresql") -> Dict[str, Any]:
    """The catalog JSON object of the tables in `metadata` that `uids` names.

    metadata: a MetaData, or a declarative base (its .metadata).
    uids: {table name, "schema.name", Table or mapped class: MetaTable uid}. Tables
    it does not name are left out (a metadata often holds tables no operation is
    scoped to); a key that names no table of the metadata is a ValueError.
    identifiers: optional {same keys: the MetaTable's identifier}.
    Pass the result to sqlguard.Catalog.from_dict(), or json.dump() it.
    """
    md = metadata if isinstance(metadata, MetaData) else getattr(metadata, "metadata", None)
    if not isinstance(md, MetaData):
        raise TypeError("metadata must be a SQLAlchemy MetaData or a declarative base")
    wanted = {_table_key(k): v for k, v in uids.items()}
    names = {_table_key(k): v for k, v in (identifiers or {}).items()}
    tables: Iterable[Table] = md.tables.values()
    meta_tables = []
    found = set()
    for table in tables:
        for key in (table.fullname, table.name):
            if key in wanted:
                found.add(key)
                meta_tables.append(table_from_sqlalchemy(
                    table, uid=wanted[key], data_source_uid=data_source_uid,
                    schema_default=schema_default,
                    identifier=names.get(table.fullname) or names.get(table.name)))
                break
    unknown = sorted(set(wanted) - found)
    if unknown:
        raise ValueError(f"uids names tables the metadata does not have: {', '.join(unknown)}")
    return {
        "version": 1,
        "data_sources": [{"uid": data_source_uid, "engine": engine,
                          "default_schema": schema_default}],
        "meta_tables": meta_tables,
    }
