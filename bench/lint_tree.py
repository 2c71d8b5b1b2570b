#!/usr/bin/env python3
"""The lint benchmark on a generated tree: two-worker speed-up and peak memory.

usage: lint_tree.py SQLGUARD OUT_JSON [MEGABYTES] [ROUNDS]

Generates MEGABYTES (default 64) of .sql files of 64 to 960 KiB into a
temporary directory (the migrations of corpus/lint repeated in one file, its
queries in the next, with their findings and suppressions), lints it with --jobs 1 and --jobs 2 (median of
ROUNDS each, default 3, alternating), and reads each run's peak resident
memory and CPU time (user + system) from the kernel (wait4's rusage of that
child, started by the small probe bench/maxrss.c, built as sqlguard_maxrss
beside SQLGUARD or named by $SQLGUARD_MAXRSS). On a loaded machine the wall-clock speed-up says little; the CPU time
of the two-worker run over the one-worker run does not depend on the load
(1.0 is perfect parallel efficiency: no work added by running two workers). Each round
also lints the two halves of the tree (every other file) with two one-worker processes
at once: nothing is shared between them, so one worker's time over theirs is the
speed-up this machine gives two busy cores, the bound for two workers. The constant
for N workers is the peak of the same command with --jobs N on a tree of N query
files of one part (16 KB) each: what does not grow with the files (the process, the
catalog and policy, each worker's stack, parser memory, allocator arena and one part's
text, tokens and trees); the multiple is (peak - constant) / largest file. The peak
over the constant of one small file (the earlier measure) is reported beside it. Run from the repository root; writes the
numbers to OUT_JSON and removes the tree.
"""
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile


def generate(out, megabytes):
    """Files of corpus/lint's statements, the migrations and the queries apart.

    Real trees keep them apart, and lint reads a file that changes a table's
    shape as a migration (without the catalog), so each kind gets its own
    files, in turn: the query files get the catalog's column and scope rules.
    """
    paths = sorted(glob.glob("corpus/lint/**/*.sql", recursive=True))
    kinds = ["".join(open(p, encoding="utf-8").read() + "\n" for p in paths
                     if ("/migrations/" in p) == migration) for migration in (True, False)]
    total = files = largest = 0
    while total < megabytes * 1_000_000:
        size = (64 + (files * 37) % 15 * 64) * 1024
        text = kinds[files % 2]
        body = f"-- generated file {files}\n" + text * max(1, size // len(text))
        d = os.path.join(out, f"d{files % 40:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"f{files:05d}.sql"), "w", encoding="utf-8") as f:
            f.write(body)
        total += len(body.encode())
        largest = max(largest, len(body.encode()))
        files += 1
    return files, total, largest


def maxrss_tool(sqlguard):
    """The peak-memory probe built beside the command line (bench/maxrss.c)."""
    tool = os.environ.get("SQLGUARD_MAXRSS") or os.path.join(
        os.path.dirname(os.path.abspath(sqlguard)), "bench", "sqlguard_maxrss")
    if not os.access(tool, os.X_OK):
        sys.exit(f"lint_tree.py: {tool} is not built (cmake --build BUILD --target sqlguard_maxrss, "
                 "or set SQLGUARD_MAXRSS)")
    return tool


def lint_args(sqlguard, tree, jobs):
    return [sqlguard, "lint", "--catalog", "corpus/lint/catalog.json", "--policy",
            "corpus/lint/.sqlguard.json", "--format", "json", "--no-timing", "--jobs", str(jobs),
            tree]


def run_pair(sqlguard, halves):
    """Seconds until both halves are linted by two one-worker processes run at once.

    Nothing is shared between them: their wall clock against one worker's is
    what this machine gives two busy cores, the bound for two workers.
    """
    probes = [subprocess.Popen([maxrss_tool(sqlguard), os.path.join(os.path.dirname(h), "out-" +
                                os.path.basename(h) + ".json")] + lint_args(sqlguard, h, 1),
                               stdout=subprocess.PIPE, text=True) for h in halves]
    seconds = []
    for p in probes:
        out, _ = p.communicate()
        if p.returncode != 0 or int(out.split()[4]) not in (0, 1):
            sys.exit("lint_tree.py: a half's lint failed")
        seconds.append(float(out.split()[3]))
    return max(seconds)


def part_tree(tree, work, jobs):
    """A tree of `jobs` query files of one part each (16 KB of whole lines).

    Linting it costs what does not grow with the files: the process, the
    catalog and the policy, and each worker's own (its stack, the parser's
    per-thread memory, its allocator arena, and a part's text, tokens and
    trees), which a file smaller than a part does not show.
    """
    source = sorted(glob.glob(os.path.join(tree, "*", "*.sql")))[1]
    with open(source, encoding="utf-8") as f:
        text = f.read(16 * 1024)
    text = text[:text.rindex("\n") + 1]
    out = os.path.join(work, f"parts{jobs}")
    os.makedirs(out, exist_ok=True)
    for k in range(jobs):
        with open(os.path.join(out, f"p{k}.sql"), "w", encoding="utf-8") as f:
            f.write(text)
    return out


def split_halves(tree, work):
    """Two trees holding every other file of `tree` (hard links), for run_pair."""
    halves = [os.path.join(work, "half0"), os.path.join(work, "half1")]
    for i, path in enumerate(sorted(glob.glob(os.path.join(tree, "*", "*.sql")))):
        to = os.path.join(halves[i % 2], os.path.relpath(path, tree))
        os.makedirs(os.path.dirname(to), exist_ok=True)
        os.link(path, to)
    return halves


def run(sqlguard, tree, jobs):
    """(seconds, peak RSS in KiB, statements, CPU seconds) of one lint run.

    The run is started by a small probe process, not forked from this one: a
    child forked from the interpreter would count the interpreter's resident
    pages in its own peak (the kernel keeps the highest across exec).
    """
    args = lint_args(sqlguard, tree, jobs)
    out_path = os.path.join(os.path.dirname(tree), "out.json")
    probe = subprocess.run([maxrss_tool(sqlguard), out_path] + args, check=True,
                           capture_output=True, text=True)
    maxrss, user, system, seconds, code = probe.stdout.split()
    if int(code) not in (0, 1):
        sys.exit(f"lint_tree.py: lint exited {code}")
    return float(seconds), int(maxrss), summary_statements(out_path), float(user) + float(system)


def summary_statements(path):
    """The report's statement count, read from its summary at the end of the file.

    The report of the whole tree is hundreds of megabytes; there is no need
    to load it all.
    """
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 4096))
        tail = f.read().decode("utf-8", "replace")
    key = tail.rindex('"summary"')
    summary, _ = json.JSONDecoder().raw_decode(tail, tail.index("{", key))
    return summary["statements"]


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
        small_file = min(run(sqlguard, small, j)[1] for j in (1, 2) for _ in range(2))
        constant = {j: min(run(sqlguard, part_tree(tree, work, j), j)[1] for _ in range(3))
                    for j in (1, 2)}
        halves = split_halves(tree, work)
        run(sqlguard, tree, 2)  # warm the page cache
        one, two, pair = [], [], []
        for _ in range(rounds):
            one.append(run(sqlguard, tree, 1))
            two.append(run(sqlguard, tree, 2))
            pair.append(run_pair(sqlguard, halves))
        med1, med2 = statistics.median(r[0] for r in one), statistics.median(r[0] for r in two)
        med_pair = statistics.median(pair)
        cpu1 = statistics.median(r[3] for r in one)
        cpu2 = statistics.median(r[3] for r in two)
        peak1, peak2 = max(r[1] for r in one), max(r[1] for r in two)
        result = {
            "files": files, "bytes": total, "largest_file_bytes": largest,
            "statements": one[0][2],
            "load_average": round(os.getloadavg()[0], 2),
            "one_worker_seconds": round(med1, 3), "two_workers_seconds": round(med2, 3),
            "speedup": round(med1 / med2, 3),
            "two_processes_seconds": round(med_pair, 3),
            "speedup_two_processes": round(med1 / med_pair, 3),
            "one_worker_cpu_seconds": round(cpu1, 3), "two_workers_cpu_seconds": round(cpu2, 3),
            "cpu_two_over_one": round(cpu2 / cpu1, 3),
            "peak_rss_kib_one_worker": peak1, "peak_rss_kib_two_workers": peak2,
            "constant_rss_kib_one_worker": constant[1],
            "constant_rss_kib_two_workers": constant[2],
            "small_file_rss_kib": small_file,
            "peak_over_largest_one_worker": round((peak1 - constant[1]) * 1024 / largest, 2),
            "peak_over_largest_two_workers": round((peak2 - constant[2]) * 1024 / largest, 2),
            "peak_over_largest_two_workers_small_file_constant":
                round((peak2 - small_file) * 1024 / largest, 2),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with open(out_json, "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
