#!/usr/bin/env python3
"""The layering rules of the source tree, checked from its #include lines.

- guard/include/ holds the public API; the command line (guard/cli/) and the
  fuzz targets include only public headers (plus their own and the system's).
- Only the PostgreSQL side (guard/pg/) includes libpg_query, protobuf-c or
  PostgreSQL's server headers (the fuzz targets' independent oracle may use
  libpg_query's public JSON output, never sqlguard's internals).
- Rules include core headers; nothing in guard/ includes a header of rules/;
  no rule reads cJSON.
- No two source files depend on each other in a circle: a file depends on
  another when it calls a function the other defines (read from the object
  files with nm). Rules are reached through the registry's data table, not by
  calls, so the core calling the registry and a rule calling the core is no
  circle.

Usage: layers.py SOURCE_DIR [OBJECT_FILE...]. Prints one line per violation;
exit 1 if any.
"""
import os
import re
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
PG_HEADERS = re.compile(r'^(pg_query|protobuf-c/|postgres|nodes/|parser/|utils/|lib/)')


def sources(root, top):
    for base, _, names in os.walk(os.path.join(root, top)):
        for n in sorted(names):
            if n.endswith(('.c', '.h')):
                yield os.path.relpath(os.path.join(base, n), root)


def includes(root, path):
    with open(os.path.join(root, path), encoding='utf-8') as f:
        return INCLUDE.findall(f.read())


def resolve(root, path, name, search):
    """The tree file a quoted include names, or None (a system header)."""
    for d in [os.path.dirname(path)] + search:
        cand = os.path.normpath(os.path.join(d, name))
        if os.path.isfile(os.path.join(root, cand)):
            return cand
    return None


def search_dirs(path):
    if path.startswith('guard/cli/'):
        return ['guard/include']
    if path.startswith('fuzz/'):
        return ['guard/include', 'fuzz']
    return ['guard/include', 'guard', 'rules']


def call_graph(objects):
    """source object -> objects whose functions it calls."""
    defined, undefined = {}, {}
    for obj in objects:
        out = subprocess.run(['nm', '--defined-only', '-g', obj], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in 'T':
                defined[parts[2]] = obj
        out = subprocess.run(['nm', '--undefined-only', obj], capture_output=True,
                             text=True, check=True).stdout
        undefined[obj] = {line.split()[-1] for line in out.splitlines() if line.strip()}
    return {obj: {defined[s] for s in syms if s in defined and defined[s] != obj}
            for obj, syms in undefined.items()}


def short(obj):
    """guard/util/arena.c from .../CMakeFiles/x.dir/guard/util/arena.c.o"""
    m = re.search(r'\.dir/(.*)\.o$', obj)
    return m.group(1) if m else obj


def main(root, objects):
    problems = []
    files = [p for top in ('guard', 'rules', 'fuzz') for p in sources(root, top)]
    graph = {}
    for path in files:
        edges = set()
        for kind, name in includes(root, path):
            target = resolve(root, path, name, search_dirs(path)) if kind == '"' else None
            if PG_HEADERS.match(name) and not path.startswith('guard/pg/'):
                if not (path.startswith('fuzz/') and name == 'pg_query.h'):
                    problems.append(f'{path}: includes <{name}> outside the PostgreSQL side')
            if path.startswith(('guard/cli/', 'fuzz/')) and target and not (
                    target.startswith('guard/include/') or
                    os.path.dirname(target) == os.path.dirname(path)):
                problems.append(f'{path}: includes private header {target}')
            if path.startswith('guard/') and target and target.startswith('rules/'):
                problems.append(f'{path}: the core includes a rules header {target}')
            if path.startswith('rules/') and name.startswith('cjson/'):
                problems.append(f'{path}: a rule reads cJSON')
            if target:
                edges.add(target)
        graph[path] = edges

    deps = call_graph(objects) if objects else {}
    # strongly connected components (Tarjan) over the .c files
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in deps.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(deps):
        if v not in index:
            visit(v)
    for comp in comps:
        problems.append('files depend on each other in a circle: ' + ', '.join(short(c) for c in comp))

    for p in problems:
        print('layers: ' + p)
    if not problems:
        print(f'layers: {len(files)} files read, {len(deps)} objects, no circle, layers kept')
    return 1 if problems else 0


if __name__ == '__main__':
    # ctest hands each target's objects over as one ';'-separated argument
    objs = [o for arg in sys.argv[2:] for o in arg.split(';') if o]
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else '.', objs))
