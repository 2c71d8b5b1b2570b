#!/usr/bin/python3
"""Validates a SARIF log against the SARIF 2.1.0 JSON schema kept in tests/.

usage: validate_sarif.py SCHEMA.json LOG.sarif

Besides the schema, checks what GitHub code scanning needs of each result
that the schema leaves optional: a rule id that the driver lists, a level, a
message text, and a location with an artifact URI and a 1-based start line.
Exit status 0 when the log is valid, 1 with the reasons otherwise.
"""
import json
import sys

import jsonschema


def github_problems(log):
    problems = []
    for r, run in enumerate(log.get("runs") or []):
        driver = run["tool"]["driver"]
        rules = [rule["id"] for rule in driver.get("rules", [])]
        if len(rules) != len(set(rules)):
            problems.append(f"runs[{r}]: driver rule ids are not unique")
        for i, res in enumerate(run.get("results") or []):
            where = f"runs[{r}].results[{i}]"
            rid = res.get("ruleId")
            if rid not in rules:
                problems.append(f"{where}: ruleId {rid!r} is not among the driver's rules")
            elif "ruleIndex" in res and rules[res["ruleIndex"]] != rid:
                problems.append(f"{where}: ruleIndex does not point at {rid!r}")
            if res.get("level") not in ("error", "warning", "note"):
                problems.append(f"{where}: level {res.get('level')!r}")
            if not res.get("message", {}).get("text"):
                problems.append(f"{where}: no message text")
            locs = res.get("locations") or []
            if not locs:
                problems.append(f"{where}: no location")
                continue
            phys = locs[0].get("physicalLocation", {})
            uri = phys.get("artifactLocation", {}).get("uri", "")
            if not uri or "\\" in uri:
                problems.append(f"{where}: artifact uri {uri!r}")
            if phys.get("region", {}).get("startLine", 0) < 1:
                problems.append(f"{where}: no 1-based startLine")
            if "primaryLocationLineHash" not in res.get("partialFingerprints", {}):
                problems.append(f"{where}: no partialFingerprints.primaryLocationLineHash")
    return problems


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        log = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    for e in errors:
        path = "/".join(str(p) for p in e.absolute_path)
        print(f"{argv[2]}: schema: at /{path}: {e.message}", file=sys.stderr)
    problems = github_problems(log) if not errors else []
    for p in problems:
        print(f"{argv[2]}: {p}", file=sys.stderr)
    if errors or problems:
        return 1
    results = sum(len(run.get("results") or []) for run in log.get("runs") or [])
    print(f"{argv[2]}: valid SARIF 2.1.0 ({results} results)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
