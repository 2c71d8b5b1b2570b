#!/usr/bin/env python3
"""Builds the peers' input from the benchmark operations.

For every operation in bench/ops, asks `sqlguard check --format json` for the
compiled SQL ($1..$n) and the bound values, and replaces each $n with the SQL
literal of its value (strings quoted with '' doubled, numbers as written,
true/false/null as TRUE/FALSE/NULL), because node-sql-parser does not accept
psycopg placeholders and both peers then parse the same text. The scope is the
operation's declared tables as the catalog resolves them (schema, physical
name, read or write). Writes one JSON array to the path given as argv[3].

usage: prepare.py SQLGUARD CATALOG OUT.json OP.json...
"""
import json
import re
import subprocess
import sys


def literal(value):
    if value is None:
        return "NULL"
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return "'" + json.dumps(value).replace("'", "''") + "'"


def main():
    sqlguard, catalog, out, ops = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    result = []
    for path in ops:
        run = subprocess.run([sqlguard, "check", "--catalog", catalog, "--format", "json", path],
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"prepare: sqlguard failed on {path}: {run.stderr}")
        verdict = json.loads(run.stdout)
        params = verdict["parameters"]
        sql = re.sub(r"\$(\d+)", lambda m: literal(params[int(m.group(1)) - 1]),
                     verdict["compiled_sql"])
        name = path.rsplit("/", 1)[-1].removesuffix(".json")
        result.append({
            "name": name,
            "operation": verdict["operation"],
            "allowed": verdict["allowed"],
            "sql": sql,
            "scope": [{"schema": t["schema"], "name": t["name"], "access": t["declared"]}
                      for t in verdict["tables"]],
        })
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
