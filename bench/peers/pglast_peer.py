#!/usr/bin/python3
"""Peer (b): a table-scope check with pglast, in two variants.

For each benchmark operation (prepare.py's output): parse the SQL (pglast wraps
libpg_query, PostgreSQL's parser, as sqlguard does), collect the relations
(RangeVars) and CTE names, then compare with the scope: every relation that is
not a CTE must be a scoped table (an unqualified name lives in the default
schema "public"), the target of INSERT/UPDATE/DELETE/MERGE must be scoped
write, and there must be exactly one statement. No placeholder, function,
pagination or limits checks: sqlguard does more.

- "ast" (the straightforward way): pglast.parse_sql, which builds pglast's
  Python AST objects, and a recursive walk over their slots.
- "json" (the fastest way we found): pglast.parser.parse_sql_json, json.loads,
  and a recursive walk over the dicts.

Timed in process after start-up and warm-up: batches of 100 checks for
SECONDS per operation (default 1.0), median over batches. Prints one JSON
object: {"peer": "pglast", "version": ..., "variants": {"ast": [...],
"json": [...]}} with per operation {"name", "median_us", "verdict", "agrees"}.

usage: pglast_peer.py PEER_OPS.json [SECONDS]
"""
import json
import statistics
import sys
import time

import pglast
from pglast import ast, parse_sql
from pglast.parser import parse_sql_json

DEFAULT_SCHEMA = "public"
WRITES = (ast.InsertStmt, ast.UpdateStmt, ast.DeleteStmt, ast.MergeStmt)


def walk(node, rels, ctes):
    if isinstance(node, tuple):
        for child in node:
            walk(child, rels, ctes)
        return
    if not isinstance(node, ast.Node):
        return
    if isinstance(node, ast.RangeVar):
        rels.append(node)
    elif isinstance(node, ast.CommonTableExpr):
        ctes.add(node.ctename)
    for attr in node.__slots__:
        child = getattr(node, attr)
        if isinstance(child, (ast.Node, tuple)):
            walk(child, rels, ctes)


def scope_check(sql, read, write):
    """True when allowed, else a string saying why not."""
    stmts = parse_sql(sql)
    if len(stmts) != 1:
        return "not exactly one statement"
    stmt = stmts[0].stmt
    rels, ctes = [], set()
    walk(stmt, rels, ctes)
    for rv in rels:
        if rv.catalogname:
            return f"database-qualified {rv.relname}"
        schema = rv.schemaname or DEFAULT_SCHEMA
        if rv.schemaname is None and rv.relname in ctes:
            continue
        if (schema, rv.relname) not in read:
            return f"{schema}.{rv.relname} not in scope"
    if isinstance(stmt, WRITES):
        target = stmt.relation
        if (target.schemaname or DEFAULT_SCHEMA, target.relname) not in write:
            return f"{target.relname} not scoped write"
    return True


def walk_json(node, rels, ctes):
    if isinstance(node, dict):
        for key, child in node.items():
            if key == "RangeVar":
                rels.append(child)
            elif key == "CommonTableExpr":
                ctes.add(child["ctename"])
            if isinstance(child, (dict, list)):
                walk_json(child, rels, ctes)
    elif isinstance(node, list):
        for child in node:
            walk_json(child, rels, ctes)


WRITE_KEYS = ("InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt")


def scope_check_json(sql, read, write):
    """As scope_check, over libpg_query's JSON."""
    stmts = json.loads(parse_sql_json(sql))["stmts"]
    if len(stmts) != 1:
        return "not exactly one statement"
    stmt = stmts[0]["stmt"]
    rels, ctes = [], set()
    walk_json(stmt, rels, ctes)
    (kind, body), = stmt.items()
    if kind in WRITE_KEYS:
        rels.append(body["relation"])  # a RangeVar* field: JSON without the node wrapper
    for rv in rels:
        if rv.get("catalogname"):
            return f"database-qualified {rv['relname']}"
        schema = rv.get("schemaname")
        if schema is None and rv["relname"] in ctes:
            continue
        if ((schema or DEFAULT_SCHEMA), rv["relname"]) not in read:
            return f"{schema or DEFAULT_SCHEMA}.{rv['relname']} not in scope"
    if kind in WRITE_KEYS:
        target = body["relation"]
        if (target.get("schemaname") or DEFAULT_SCHEMA, target["relname"]) not in write:
            return f"{target['relname']} not scoped write"
    return True


def bench(ops, check, seconds):
    out = []
    for op in ops:
        read = {(t["schema"], t["name"]) for t in op["scope"]}
        write = {(t["schema"], t["name"]) for t in op["scope"] if t["access"] == "write"}
        sql = op["sql"]
        try:
            verdict = check(sql, read, write)
        except pglast.parser.ParseError as e:
            out.append({"name": op["name"], "median_us": None, "verdict": "error",
                        "message": str(e), "agrees": False})
            continue
        for _ in range(200):
            check(sql, read, write)
        batches = []
        end = time.perf_counter() + seconds
        while time.perf_counter() < end or len(batches) < 5:
            t0 = time.perf_counter()
            for _ in range(100):
                check(sql, read, write)
            batches.append((time.perf_counter() - t0) / 100)
        allowed = verdict is True
        out.append({"name": op["name"], "median_us": statistics.median(batches) * 1e6,
                    "verdict": "allowed" if allowed else "denied",
                    "message": None if allowed else verdict,
                    "agrees": allowed == op["allowed"]})
    return out


def main():
    ops = json.load(open(sys.argv[1]))
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    variants = {"ast": bench(ops, scope_check, seconds),
                "json": bench(ops, scope_check_json, seconds)}
    print(json.dumps({"peer": "pglast", "version": pglast.__version__, "variants": variants}))


if __name__ == "__main__":
    main()
