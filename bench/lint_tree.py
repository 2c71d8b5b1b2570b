#!/usr/bin/env python3
"""The lint benchmark on a generated tree: two-worker speed-up and peak memory.

usage: lint_tree.py SQLGUARD OUT_JSON [MEGABYTES] [ROUNDS]

Generates MEGABYTES (default 64) of .sql files of 64 to 960 KiB into a
temporary directory (each the statements of corpus/lint repeated, with their
findings and suppressions), lints it with --jobs 1 and --jobs 2 (median of
ROUNDS each, default 3, alternating), and reads each run's peak resident
memory and CPU time (user + system) from the kernel (wait4's rusage of that
child). On a loaded machine the wall-clock speed-up says little; the CPU time
of the two-worker run over the one-worker run does not depend on the load
(1.0 is perfect parallel efficiency: no work added by running two workers). The constant is
the peak of the same command on a tree of one small file; the multiple is
(peak - constant) / largest file. Run from the repository root; writes the
numbers to OUT_JSON and removes the tree.
"""
import glob
import json
import os
import shutil
import statistics
import sys
import tempfile
import time


def generate(out, megabytes):
    text = "".join(open(p, encoding="utf-8").read() + "\n"
                   for p in sorted(glob.glob("corpus/lint/**/*.sql", recursive=True)))
    total = files = largest = 0
    while total < megabytes * 1_000_000:
        size = (64 + (files * 37) % 15 * 64) * 1024
        body = f"-- generated file {files}\n" + text * max(1, size // len(text))
        d = os.path.join(out, f"d{files % 40:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"f{files:05d}.sql"), "w", encoding="utf-8") as f:
            f.write(body)
        total += len(body.encode())
        largest = max(largest, len(body.encode()))
        files += 1
    return files, total, largest


def run(sqlguard, tree, jobs):
    """(seconds, peak RSS in KiB, statements, CPU seconds) of one lint run."""
    args = [sqlguard, "lint", "--catalog", "corpus/lint/catalog.json", "--policy",
            "corpus/lint/.sqlguard.json", "--format", "json", "--no-timing", "--jobs", str(jobs),
            tree]
    out_path = os.path.join(os.path.dirname(tree), "out.json")
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.execv(sqlguard, args)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"lint_tree.py: lint exited {code}")
    with open(out_path) as f:
        statements = json.load(f)["summary"]["statements"]
    return seconds, usage.ru_maxrss, statements, usage.ru_utime + usage.ru_stime


def main():
    sqlguard, out_json = sys.argv[1], sys.argv[2]
    megabytes = float(sys.argv[3]) if len(sys.argv) > 3 else 64
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    work = tempfile.mkdtemp(prefix="sqlguard-lint-bench-")
    try:
        tree = os.path.join(work, "tree")
        files, total, largest = generate(tree, megabytes)
        small = os.path.join(work, "small")
        os.makedirs(small)
        shutil.copy("corpus/lint/queries/accounts.sql", small)
        constant = min(run(sqlguard, small, j)[1] for j in (1, 2) for _ in range(2))
        run(sqlguard, tree, 2)  # warm the page cache
        one, two = [], []
        for _ in range(rounds):
            one.append(run(sqlguard, tree, 1))
            two.append(run(sqlguard, tree, 2))
        med1, med2 = statistics.median(r[0] for r in one), statistics.median(r[0] for r in two)
        cpu1 = statistics.median(r[3] for r in one)
        cpu2 = statistics.median(r[3] for r in two)
        peak1, peak2 = max(r[1] for r in one), max(r[1] for r in two)
        result = {
            "files": files, "bytes": total, "largest_file_bytes": largest,
            "statements": one[0][2],
            "load_average": round(os.getloadavg()[0], 2),
            "one_worker_seconds": round(med1, 3), "two_workers_seconds": round(med2, 3),
            "speedup": round(med1 / med2, 3),
            "one_worker_cpu_seconds": round(cpu1, 3), "two_workers_cpu_seconds": round(cpu2, 3),
            "cpu_two_over_one": round(cpu2 / cpu1, 3),
            "peak_rss_kib_one_worker": peak1, "peak_rss_kib_two_workers": peak2,
            "constant_rss_kib": constant,
            "peak_over_largest_one_worker": round((peak1 - constant) * 1024 / largest, 2),
            "peak_over_largest_two_workers": round((peak2 - constant) * 1024 / largest, 2),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with open(out_json, "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
