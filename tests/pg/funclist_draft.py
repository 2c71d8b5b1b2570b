#!/usr/bin/env python3
"""Draft entries for rules/funclist.c from a PostgreSQL cluster's pg_proc.

    funclist_draft.py DSN [rules/funclist.c]

Prints one table line per distinct function name of pg_catalog, in strcmp
order, with its flags from prokind and proretset and a guessed class. Given
the table file, prints only the names the table lacks (what a new PostgreSQL
version added).

This is a draft generator, nothing more. It recognises support routines from
the catalogs (type input/output functions, aggregate, access method and
planner support, anything taking or returning `internal`, trigger functions,
descriptions such as "implementation of + operator") and guesses
SG_FC_INTERNAL for a name all of whose overloads are such; every other name is
printed as SG_FC_ALLOWED with a REVIEW comment, to be read and classified by
hand. The guesses are wrong both ways: array_cat and starts_with are
documented although their descriptions call them operators'
implementations, and most REVIEW names end up denied. The committed table is
the source of truth, and test_proclist checks it against the server's
pg_proc.
"""
import re
import subprocess
import sys

QUERY = r"""
WITH support AS (
    SELECT typinput AS f FROM pg_type UNION SELECT typoutput FROM pg_type
    UNION SELECT typreceive FROM pg_type UNION SELECT typsend FROM pg_type
    UNION SELECT typmodin FROM pg_type UNION SELECT typmodout FROM pg_type
    UNION SELECT typanalyze FROM pg_type UNION SELECT typsubscript FROM pg_type
    UNION SELECT prosupport FROM pg_proc UNION SELECT amhandler FROM pg_am
), helper AS (
    SELECT aggtransfn AS f FROM pg_aggregate UNION SELECT aggfinalfn FROM pg_aggregate
    UNION SELECT aggcombinefn FROM pg_aggregate UNION SELECT aggserialfn FROM pg_aggregate
    UNION SELECT aggdeserialfn FROM pg_aggregate UNION SELECT aggmtransfn FROM pg_aggregate
    UNION SELECT aggminvtransfn FROM pg_aggregate UNION SELECT aggmfinalfn FROM pg_aggregate
)
SELECT p.proname, p.prokind, p.proretset,
       p.oid IN (SELECT f FROM support)
         OR p.prorettype IN ('internal'::regtype, 'trigger'::regtype, 'event_trigger'::regtype,
                             'language_handler'::regtype, 'fdw_handler'::regtype,
                             'index_am_handler'::regtype, 'table_am_handler'::regtype,
                             'tsm_handler'::regtype)
         OR 'internal'::regtype = ANY (p.proargtypes)
         OR coalesce(d.description, '') ~ '(selectivity|support|^I/O|^hash$|^less-equal-greater$)',
       p.oid IN (SELECT f FROM helper) OR coalesce(d.description, '') ~ '^implementation of '
FROM pg_proc p
LEFT JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass
WHERE p.pronamespace = 'pg_catalog'::regnamespace
ORDER BY p.proname COLLATE "C"
"""


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[2])
    out = subprocess.run(["psql", sys.argv[1], "-X", "-At", "-F", "\t", "-c", QUERY],
                         check=True, capture_output=True, text=True).stdout
    known = set()
    if len(sys.argv) == 3:
        with open(sys.argv[2], encoding="utf-8") as f:
            known = set(re.findall(r'^\s*\{"([A-Za-z0-9_]+)",', f.read(), re.M))
    names = {}
    for line in out.splitlines():
        name, kind, retset, support, helper = line.split("\t")
        entry = names.setdefault(name, {"flags": set(), "user": False})
        if kind == "a":
            entry["flags"].add("SG_FN_AGGREGATE")
        if kind == "w":
            entry["flags"].add("SG_FN_WINDOW")
        if retset == "t":
            entry["flags"].add("SG_FN_SETOF")
        # an overload that is neither support routine nor operator or
        # aggregate helper is one a user may mean to call
        if support != "t" and helper != "t":
            entry["user"] = True
    for name, entry in names.items():
        if name in known:
            continue
        flags = " | ".join(sorted(entry["flags"])) or "SG_FN_SCALAR"
        if entry["user"]:
            print(f'    {{"{name}", {flags}, SG_FC_ALLOWED}}, /* REVIEW */')
        else:
            print(f'    {{"{name}", {flags}, SG_FC_INTERNAL}},')


if __name__ == "__main__":
    main()
