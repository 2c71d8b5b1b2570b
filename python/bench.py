#!/usr/bin/python3
"""Checks per second from Python on the seed operations, next to the C call.

For each seed operation: catalog.check() on the operation's JSON text (what a
gateway holding the text does) and on the dict (what build_operation()
returns: json.dumps is then part of the cost), batches of 1000 for SECONDS
(default 1.0), median per check. Run it with the package importable (an
installed venv, or PYTHONPATH=<build>/python/lib after tests/run.sh) and
compare with bench/sqlguard_bench's "full check" column for the same library.

usage: bench.py [SECONDS] [--json-allocator]
"""
import json
import pathlib
import statistics
import sys
import time

import sqlguard

ROOT = pathlib.Path(__file__).resolve().parents[1] / "corpus" / "examples"


def per_check(fn, seconds):
    batches = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(batches) < 5:
        t0 = time.perf_counter()
        for _ in range(1000):
            fn()
        batches.append((time.perf_counter() - t0) / 1000)
    return statistics.median(batches)


def main():
    seconds = float(next((a for a in sys.argv[1:] if not a.startswith("--")), 1.0))
    if "--json-allocator" in sys.argv:
        sqlguard.install_json_allocator()
    catalog = sqlguard.Catalog.load(ROOT / "catalog.json")
    print(f"{'operation':<22} {'text µs':>9} {'dict µs':>9} {'checks/s (text)':>16}")
    for name in ("insert_account", "select_accounts", "denied_join_secret"):
        text = (ROOT / "ops" / f"{name}.json").read_text()
        op = json.loads(text)
        t_text = per_check(lambda: catalog.check(text), seconds)
        t_dict = per_check(lambda: catalog.check(op), seconds)
        print(f"{name:<22} {t_text * 1e6:9.2f} {t_dict * 1e6:9.2f} {1 / t_text:16,.0f}")


if __name__ == "__main__":
    main()
