#!/usr/bin/env python3
"""A differential campaign with SQLsmith against sqlguard (see fuzz/README.md, "SQLsmith").

SQLsmith (Debian package `sqlsmith`) generates random statements over the tables it finds in
a database. This script builds that database from the catalog's first data source (its
tables, keys and some rows) plus decoys the catalog does not list, lets SQLsmith generate
statements in batches (`--dry-run`, one seed per batch), turns each statement into operations
under several scopes, checks them all in stream mode (`sqlguard check --ndjson`), and judges
every allowed verdict twice:

- executed: its compiled SQL runs on PostgreSQL as a role holding exactly the scope's table
  privileges (USAGE on the catalog's schemas; SELECT for read; SELECT, INSERT, UPDATE, DELETE
  for write) and EXECUTE only on the allowed functions plus the functions behind pg_catalog's
  operators and casts and the hash functions of IN lists (EXECUTE and SELECT on catalog tables and views are revoked from PUBLIC
  in the campaign's database), under search_path pg_catalog, pg_temp, with a
  statement_timeout, in a transaction that is rolled back. 42501 (insufficient privilege) is a
  finding; other errors are counted by SQLSTATE.
- static: an extraction independent of the guard reads libpg_query's JSON parse tree of the
  compiled SQL (fuzz/sqlsmith_pgjson): every RangeVar must be a scoped physical table
  (schema-qualified, as compiled SQL is) or a CTE name, every write target a table scoped
  write, and, with a function list, every function call an allowed one (unqualified or
  pg_catalog's). A disagreement is a finding.

Findings go to --findings DIR as NNNN.op.json (the operation, for `sqlguard check`) and
NNNN.finding.json (reason, statement, scope, verdict, what PostgreSQL said); the script exits
1 when there are any, 0 when none, 2 when it could not do its job.

--replay FILE|DIR... skips SQLsmith and judges saved operations (*.op.json) the same way; an
allowed operation's parameters are bound as the executor binds them (text of unknown type).
"""
import argparse
import json
import os
import random
import re
import shlex
import subprocess
import sys
import time
from collections import Counter

try:
    import psycopg2
    import psycopg2.extensions
except ImportError:  # pragma: no cover
    sys.stderr.write('sqlsmith_campaign: python3-psycopg2 is missing (Debian package)\n')
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ROLE_PREFIX = 'sg_smith_'
FN_ROLE = ROLE_PREFIX + 'fn'
# scope roles kept at once (see drop_scope_roles)
MAX_SCOPE_ROLES = 200
GEN_ROLE = ROLE_PREFIX + 'gen'
SEARCH_PATH = 'pg_catalog, pg_temp'  # the executors' (README), under which statements run
DML = {'InsertStmt': 'insert', 'UpdateStmt': 'update', 'DeleteStmt': 'delete',
       'MergeStmt': 'merge'}
KINDS = dict(DML, SelectStmt='select')

# Tables the catalog does not list, made to look like the ones it does: a plain secret, the
# catalog's names in the wrong schema, a lower-case twin of a quoted name, a schema the
# scoped roles cannot use, and a view over a catalog table.
DECOYS = """
CREATE TABLE public.secret (uid uuid PRIMARY KEY, payload text NOT NULL);
CREATE TABLE public.sdk_examples_entry (uid uuid PRIMARY KEY, account_uid uuid, amount numeric);
CREATE TABLE ledger.sdk_examples_account (uid uuid PRIMARY KEY, account_code varchar(64),
                                          name text);
CREATE TABLE public.sdk_examples_audit (uid uuid PRIMARY KEY, account_uid uuid, action text);
CREATE SCHEMA hidden;
CREATE TABLE hidden.vault (id int PRIMARY KEY, payload text);
CREATE TABLE hidden.sdk_examples_account (uid uuid PRIMARY KEY, account_code varchar(64));
CREATE VIEW public.secret_view AS SELECT uid, payload FROM public.sdk_examples_secret;
INSERT INTO public.secret SELECT gen_random_uuid(), 'decoy ' || i FROM generate_series(1, 5) i;
INSERT INTO public.sdk_examples_entry SELECT gen_random_uuid(), gen_random_uuid(), i
  FROM generate_series(1, 5) i;
INSERT INTO ledger.sdk_examples_account SELECT gen_random_uuid(), 'DECOY' || i, 'decoy'
  FROM generate_series(1, 5) i;
INSERT INTO public.sdk_examples_audit SELECT gen_random_uuid(), NULL, 'decoy'
  FROM generate_series(1, 5) i;
INSERT INTO hidden.vault SELECT i, 'vault ' || i FROM generate_series(1, 5) i;
INSERT INTO hidden.sdk_examples_account SELECT gen_random_uuid(), 'HIDDEN' || i
  FROM generate_series(1, 5) i;
"""

# Rows for the catalog's tables, so that reads and writes meet data.
SEED_ROWS = """
INSERT INTO public.sdk_examples_account (uid, account_code, name, region)
  SELECT gen_random_uuid(), 'ACC' || i, 'Account ' || i, (ARRAY['US', 'EU', 'APAC'])[1 + i % 3]
  FROM generate_series(1, 12) i;
INSERT INTO public.sdk_examples_account_limit (uid, account_uid, limit_type, currency)
  SELECT gen_random_uuid(), a.uid, t, c FROM public.sdk_examples_account a,
         (VALUES ('daily', 'USD'), ('monthly', 'EUR')) v(t, c);
INSERT INTO public.sdk_examples_counterparty (uid, name)
  SELECT gen_random_uuid(), 'Counterparty ' || i FROM generate_series(1, 8) i;
INSERT INTO public.sdk_examples_secret (uid, payload)
  SELECT gen_random_uuid(), 'top secret ' || i FROM generate_series(1, 4) i;
INSERT INTO ledger.sdk_examples_entry (uid, account_uid, amount)
  SELECT gen_random_uuid(), a.uid, (random() * 1000)::numeric(10, 2)
  FROM public.sdk_examples_account a, generate_series(1, 3);
INSERT INTO public."Sdk_Examples_Audit" (uid, account_uid, action)
  SELECT gen_random_uuid(), a.uid, 'login' FROM public.sdk_examples_account a;
"""


def qi(name):
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def array_literal(items):
    """A JSON array as the executor sends it: a PostgreSQL array literal, NULL for null."""
    out = []
    for v in items:
        if v is None:
            out.append('NULL')
        elif isinstance(v, list):
            out.append(array_literal(v))
        else:
            t = param_text(v)
            out.append('"%s"' % t.replace('\\', '\\\\').replace('"', '\\"'))
    return '{%s}' % ','.join(out)


def param_text(value):
    """A verdict's parameter as the executor sends it: NULL, or its text (an array literal
    for an array, JSON text for an object, true/false for a boolean)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, list):
        return array_literal(value)
    return json.dumps(value)


def log(msg):
    sys.stderr.write(msg + '\n')
    sys.stderr.flush()


class Pgjson:
    """fuzz/sqlsmith_pgjson: libpg_query's split and parse, without sqlguard."""

    def __init__(self, path):
        self.path = path
        self.proc = subprocess.Popen([path, 'parse'], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding='utf-8')

    def split(self, text):
        out = subprocess.run([self.path, 'split'], input=text, capture_output=True,
                             text=True, encoding='utf-8', check=False)
        if out.returncode != 0:
            raise RuntimeError('sqlsmith_pgjson split: ' + out.stderr.strip())
        return [json.loads(line) for line in out.stdout.splitlines() if line]

    def parse(self, sql):
        """The parse tree as a dict, or a string saying why there is none."""
        self.proc.stdin.write(json.dumps(sql) + '\n')
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError('sqlsmith_pgjson parse ended')
        try:
            tree = json.loads(line)
        except RecursionError:
            return 'parse tree too deep to read'
        if 'error' in tree:
            return 'does not parse: ' + tree['error']
        return tree

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def walk(node, visit, path=()):
    """Calls visit(obj, path) on every JSON object; path holds the keys above it."""
    stack = [(node, path)]
    while stack:
        n, p = stack.pop()
        if isinstance(n, dict):
            visit(n, p)
            for k, v in n.items():
                stack.append((v, p + (k,)))
        elif isinstance(n, list):
            for v in n:
                stack.append((v, p))


def tree_facts(tree):
    """What a statement names, read from libpg_query's JSON: relations, CTE names, write
    targets, function calls, qualified operators, SELECT INTO."""
    facts = {'rels': [], 'ctes': set(), 'writes': [], 'funcs': [], 'ops': [], 'into': False}

    def rv(r):
        return (r.get('catalogname'), r.get('schemaname'), r.get('relname'))

    def visit(obj, path):
        if 'relname' in obj and isinstance(obj['relname'], str):
            if 'lockedRels' not in path and 'intoClause' not in path:
                facts['rels'].append(rv(obj))
        if 'CommonTableExpr' in obj:
            facts['ctes'].add(obj['CommonTableExpr'].get('ctename'))
        for stmt in DML:
            if stmt in obj and isinstance(obj[stmt].get('relation'), dict):
                facts['writes'].append(rv(obj[stmt]['relation']))
        if 'intoClause' in obj:
            facts['into'] = True
        if 'FuncCall' in obj:
            facts['funcs'].append(tuple(s.get('String', {}).get('sval', '')
                                        for s in obj['FuncCall'].get('funcname', [])))
        if 'A_Expr' in obj:
            name = obj['A_Expr'].get('name', [])
            if len(name) > 1:
                facts['ops'].append(tuple(s.get('String', {}).get('sval', '') for s in name))

    walk(tree, visit)
    return facts


def statement_kind(tree):
    stmts = tree.get('stmts', [])
    if len(stmts) != 1:
        return None
    for key in stmts[0].get('stmt', {}):
        return KINDS.get(key)
    return None


class Campaign:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        with open(args.catalog, encoding='utf-8') as f:
            catalog = json.load(f)
        self.ds = catalog['data_sources'][0]
        self.tables = [t for t in catalog['meta_tables']
                       if t['data_source_uid'] == self.ds['uid']]
        self.by_uid = {t['uid']: t for t in self.tables}
        self.by_name = {(t['schema'], t['physical_table_name']): t for t in self.tables}
        self.funcs = None  # allowed function names, or None: functions not judged
        self.gen_funcs = None  # the functions SQLsmith may call in D and P batches
        self.roles = {}
        self.results = open(args.results, 'w', encoding='utf-8') if args.results else None
        self.role_serial = 0
        self.counts = Counter()
        self.exec_errors = Counter()
        self.error_samples = {}  # SQLSTATE -> the first message
        self.denied_by = Counter()  # operations a rule's error denied (one may have several)
        self.findings = []
        self.seeds = []
        os.makedirs(args.findings, exist_ok=True)
        for n in os.listdir(args.findings):  # a previous run's
            if n.endswith(('.op.json', '.finding.json')):
                os.remove(os.path.join(args.findings, n))
        self.pgjson = Pgjson(args.pgjson)
        # SQLsmith writes names unquoted: a catalog name that is not lower case, such as
        # public.Sdk_Examples_Audit, would fold to another table. Quote those as it should.
        self.requote = []
        for t in self.tables:
            schema, name = t['schema'], t['physical_table_name']
            if name != name.lower() or schema != schema.lower():
                pattern = r'(?<![\w."])%s\.%s(?![\w"])' % (re.escape(schema), re.escape(name))
                self.requote.append((re.compile(pattern), '%s.%s' % (qi(schema), qi(name))))

    # ---- the database -------------------------------------------------------------------

    def admin_dsn(self, dbname):
        return psycopg2.extensions.make_dsn(self.args.dsn, dbname=dbname)

    def setup(self):
        a = self.args
        self.funcs = self.load_funcs()
        base = psycopg2.connect(self.admin_dsn('postgres'))
        base.autocommit = True
        with base.cursor() as c:
            self.drop_all(c)  # a previous run's
            for db in (a.db, a.db + '_plain'):
                c.execute('CREATE DATABASE %s' % qi(db))
                c.execute("ALTER DATABASE %s SET log_statement = 'none'" % qi(db))
            # SQLsmith reads pg_proc unqualified: for this role it reads a view that lists
            # only the allowed functions, so that more of its statements pass the guard
            c.execute('CREATE ROLE %s SUPERUSER LOGIN' % qi(GEN_ROLE))
            c.execute('ALTER ROLE %s SET search_path = information_schema, pg_catalog'
                      % qi(GEN_ROLE))
        base.close()
        # the catalog's tables alone, for SQLsmith to generate from
        plain = psycopg2.connect(self.admin_dsn(a.db + '_plain'))
        plain.autocommit = True
        with plain.cursor() as c:
            c.execute(self.schema_sql())
            self.gen_view(c)
        plain.close()
        self.conn = psycopg2.connect(self.admin_dsn(a.db))
        self.conn.autocommit = True
        with self.conn.cursor() as c:
            c.execute(self.schema_sql())
            c.execute(DECOYS)
            c.execute(SEED_ROWS)
            c.execute('ANALYZE')
            self.gen_view(c)
        self.conn.autocommit = False
        self.setup_functions()

    def teardown(self):
        """Drops the databases and roles setup() made."""
        self.conn.close()
        if self.results is not None:
            self.results.close()
        base = psycopg2.connect(self.admin_dsn('postgres'))
        base.autocommit = True
        with base.cursor() as c:
            self.drop_all(c)
        base.close()

    def drop_all(self, cur):
        """The campaign's databases, then its roles (the cluster's), which have privileges
        in those databases only."""
        for db in (self.args.db, self.args.db + '_plain'):
            cur.execute('DROP DATABASE IF EXISTS %s WITH (FORCE)' % qi(db))
        cur.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s",
                    (ROLE_PREFIX.replace('_', '\\_') + '%',))
        for (r,) in cur.fetchall():
            cur.execute('DROP ROLE %s' % qi(r))

    def gen_view(self, cur):
        """information_schema.pg_proc: pg_catalog's functions the guard lets a statement call,
        which the generating role reads for pg_catalog.pg_proc. SQLsmith's --exclude-catalog
        leaves information_schema's relations out of its statements."""
        if self.gen_funcs is None:
            cur.execute("SELECT DISTINCT proname FROM pg_catalog.pg_proc "
                        "WHERE pronamespace = 'pg_catalog'::regnamespace ORDER BY 1")
            self.gen_funcs = self.probe_functions([n for (n,) in cur.fetchall()])
            self.counts['generation_functions'] = len(self.gen_funcs)
        cur.execute("CREATE VIEW information_schema.pg_proc AS SELECT * FROM pg_catalog.pg_proc "
                    "WHERE pronamespace = 'pg_catalog'::regnamespace AND proname = ANY(%s)",
                    (self.gen_funcs,))

    def probe_functions(self, names):
        """The names the guard lets a statement call (no func.denied for a call of each).
        This only steers what SQLsmith generates; the judges never use it."""
        ops = [{'operation': 'select', 'sql': 'SELECT pg_catalog.%s()' % qi(n).replace('%', '%%'),
                'parameters': {}, 'scope': {'data_source_uid': self.ds['uid'], 'tables': []},
                'limits': {'max_rows': 1, 'statement_timeout_ms': 1000}} for n in names]
        return [n for n, v in zip(names, self.check(ops))
                if not any(d.get('rule') == 'func.denied' for d in v.get('diagnostics', []))]

    def schema_sql(self):
        out = []
        for schema in sorted({t['schema'] for t in self.tables}):
            if schema != 'public':
                out.append('CREATE SCHEMA %s;' % qi(schema))
        for t in self.tables:
            cols = []
            for c in t['columns']:
                col = '%s %s' % (qi(c['name']), c['type'])
                if c.get('nullable') is False:
                    col += ' NOT NULL'
                if 'default' in c:
                    col += ' DEFAULT ' + c['default']
                cols.append(col)
            if t.get('primary_key'):
                cols.append('PRIMARY KEY (%s)' % ', '.join(qi(k) for k in t['primary_key']))
            for u in t.get('unique') or []:
                cols.append('UNIQUE (%s)' % ', '.join(qi(k) for k in u))
            out.append('CREATE TABLE %s.%s (%s);' % (qi(t['schema']),
                                                      qi(t['physical_table_name']),
                                                      ', '.join(cols)))
        for t in self.tables:
            for fk in t.get('foreign_keys') or []:
                ref = next(r for r in self.tables if r['physical_table_name'] == fk['references'])
                out.append('ALTER TABLE %s.%s ADD FOREIGN KEY (%s) REFERENCES %s.%s (%s)%s;' % (
                    qi(t['schema']), qi(t['physical_table_name']),
                    ', '.join(qi(k) for k in fk['columns']),
                    qi(ref['schema']), qi(ref['physical_table_name']),
                    ', '.join(qi(k) for k in fk['referenced_columns']),
                    ' ON DELETE ' + fk['on_delete'] if fk.get('on_delete') else ''))
        return '\n'.join(out)

    def load_funcs(self):
        a = self.args
        if a.funcs:
            with open(a.funcs, encoding='utf-8') as f:
                text = f.read()
        elif a.funcs_cmd:  # empty: none
            text = subprocess.run(shlex.split(a.funcs_cmd), capture_output=True, text=True,
                                  check=True).stdout
        else:
            return None
        allowed = set()
        for line in text.splitlines():
            parts = line.split('\t')
            if len(parts) >= 2 and parts[1] == 'allowed':
                allowed.add(parts[0])
            elif line.strip() and (len(parts) < 2 or parts[1] not in ('allowed', 'denied')):
                raise RuntimeError('function list: unreadable line %r' % line)
        if not allowed:
            raise RuntimeError('function list: no allowed function')
        return allowed

    def setup_functions(self):
        """EXECUTE only on the allowed functions and on the functions behind pg_catalog's
        operators and casts, the hash functions PostgreSQL checks for an IN list of more than
        eight values, and on the types' output and input functions (not the
        reg* types' input): an allowed SQL function that PostgreSQL inlines
        (quote_literal(anyelement) is quote_literal($1::text)) has EXECUTE checked on the
        I/O conversions of its body, which the statement never names; no SELECT on
        catalog tables and views."""
        with self.conn.cursor() as c:
            c.execute('CREATE ROLE %s NOLOGIN' % qi(FN_ROLE))
            c.execute('REVOKE SELECT ON ALL TABLES IN SCHEMA pg_catalog, information_schema '
                      'FROM PUBLIC')
            if self.funcs is not None:
                c.execute('REVOKE EXECUTE ON ALL ROUTINES IN SCHEMA pg_catalog, '
                          'information_schema FROM PUBLIC')
                c.execute("""
                    SELECT p.oid::regprocedure::text FROM pg_proc p
                    WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname = ANY(%s)
                    UNION SELECT oprcode::regprocedure::text FROM pg_operator
                    WHERE oprnamespace = 'pg_catalog'::regnamespace AND oprcode <> 0
                    UNION SELECT castfunc::regprocedure::text FROM pg_cast WHERE castfunc <> 0
                    UNION SELECT ap.amproc::regprocedure::text FROM pg_amproc ap
                    JOIN pg_opfamily f ON f.oid = ap.amprocfamily
                    JOIN pg_am m ON m.oid = f.opfmethod
                    WHERE m.amname = 'hash' AND f.opfnamespace = 'pg_catalog'::regnamespace
                    UNION SELECT typoutput::regprocedure::text FROM pg_type WHERE typoutput <> 0
                    UNION SELECT typinput::regprocedure::text FROM pg_type
                    WHERE typinput <> 0 AND typname !~ '^_?reg' AND typname <> 'aclitem'
                    """, (sorted(self.funcs),))
                routines = [r for (r,) in c.fetchall()]
                for i in range(0, len(routines), 500):
                    c.execute('GRANT EXECUTE ON ROUTINE %s TO %s'
                              % (', '.join('pg_catalog.' + r for r in routines[i:i + 500]),
                                 qi(FN_ROLE)))
                self.counts['granted_routines'] = len(routines)
        self.conn.commit()

    def role_for(self, scope):
        key = tuple(sorted((t['meta_table_uid'], t['access']) for t in scope['tables']))
        if key in self.roles:
            return self.roles[key]
        if len(self.roles) >= MAX_SCOPE_ROLES:
            self.drop_scope_roles()
        self.role_serial += 1
        role = '%s%d' % (ROLE_PREFIX, self.role_serial)
        schemas = sorted({t['schema'] for t in self.tables} | {'public'})
        sql = ['CREATE ROLE %s NOLOGIN IN ROLE %s' % (qi(role), qi(FN_ROLE)),
               'GRANT USAGE ON SCHEMA %s TO %s' % (', '.join(qi(s) for s in schemas), qi(role))]
        for uid, access in key:
            t = self.by_uid.get(uid)
            if t is None:  # a replayed operation's unknown table: the guard denies it anyway
                continue
            sql.append('GRANT %s ON %s.%s TO %s' % (
                'SELECT, INSERT, UPDATE, DELETE' if access == 'write' else 'SELECT',
                qi(t['schema']), qi(t['physical_table_name']), qi(role)))
        with self.conn.cursor() as c:
            c.execute(';'.join(sql))
        self.conn.commit()
        self.roles[key] = role
        return role

    def drop_scope_roles(self):
        """Drops the scope roles made so far: every role's grant is an entry in the ACL of a
        table and a schema, and a catalog row holds some hundreds of them before it is too
        big (8160 bytes) for its page."""
        with self.conn.cursor() as c:
            for role in self.roles.values():
                c.execute('DROP OWNED BY %s; DROP ROLE %s' % (qi(role), qi(role)))
        self.conn.commit()
        self.roles.clear()

    # ---- operations ---------------------------------------------------------------------

    def scopes(self, facts):
        """Several scopes for one statement: (name, [(table, access)])."""
        named, written = [], set()
        for _, schema, name in facts['rels']:
            t = self.by_name.get((schema, name))
            if t and t not in named:
                named.append(t)
        for _, schema, name in facts['writes']:
            t = self.by_name.get((schema, name))
            if t:
                written.add(t['uid'])
        r = self.rng
        one = r.choice(named or self.tables)
        cands = [
            ('read-all', [(t, 'read') for t in self.tables]),
            ('write-all', [(t, 'write') for t in self.tables]),
            ('exact', [(t, 'write' if t['uid'] in written else 'read') for t in named]),
            ('random', [(t, r.choice(('read', 'write')))
                        for t in r.sample(self.tables, r.randint(1, len(self.tables)))]),
            ('one', [(one, 'write' if one['uid'] in written else r.choice(('read', 'write')))]),
        ]
        seen, out = set(), []
        for name, tables in cands:
            key = tuple(sorted((t['uid'], a) for t, a in tables))
            if key not in seen:
                seen.add(key)
                out.append((name, tables))
        return out

    def operation(self, kind, sql, tables):
        return {
            'operation': kind,
            # a literal % of SQLsmith's (the modulo operator) is %% in psycopg's style
            'sql': sql.replace('%', '%%'),
            'parameters': {},
            'scope': {'data_source_uid': self.ds['uid'],
                      'tables': [{'meta_table_uid': t['uid'], 'alias': 't%d' % i,
                                  'access': a} for i, (t, a) in enumerate(tables)]},
            'limits': {'max_rows': 50, 'statement_timeout_ms': self.args.timeout_ms},
        }

    def check(self, ops):
        """Verdicts of `sqlguard check --ndjson`, one per operation, in order."""
        text = ''.join(json.dumps(op) + '\n' for op in ops)
        cmd = [self.args.sqlguard, 'check', '--ndjson', '--catalog', self.args.catalog]
        if self.args.policy:
            cmd += ['--policy', self.args.policy]
        out = subprocess.run(cmd, input=text, capture_output=True,
                             text=True, encoding='utf-8', check=False)
        lines = out.stdout.splitlines()
        if out.returncode not in (0, 1) or len(lines) != len(ops):
            raise RuntimeError('sqlguard check --ndjson: exit %d, %d verdicts for %d '
                               'operations: %s' % (out.returncode, len(lines), len(ops),
                                                   out.stderr.strip()[:2000]))
        return [json.loads(line) for line in lines]

    # ---- judging one allowed verdict ----------------------------------------------------

    def static_check(self, op, verdict):
        """Disagreements between the verdict and an independent reading of its compiled
        SQL, as strings (none: agreement)."""
        sql = verdict.get('compiled_sql')
        if not isinstance(sql, str):
            return ['allowed without compiled SQL']
        tree = self.pgjson.parse(sql)
        if isinstance(tree, str):
            return ['compiled SQL ' + tree]
        if len(tree.get('stmts', [])) != 1:
            return ['compiled SQL holds %d statements' % len(tree.get('stmts', []))]
        bad = []
        path = verdict.get('search_path', SEARCH_PATH)
        if path != SEARCH_PATH:  # what both judges assume
            bad.append('the verdict asks for search_path %r' % path)
        f = tree_facts(tree)
        scoped = {}
        for t in op['scope']['tables']:
            m = self.by_uid.get(t['meta_table_uid'])
            if m:
                key = (m['schema'], m['physical_table_name'])
                scoped[key] = 'write' if t['access'] == 'write' or \
                    scoped.get(key) == 'write' else 'read'
        if f['into']:
            bad.append('SELECT INTO in an allowed statement')
        for cat, schema, name in f['rels']:
            shown = '.'.join(x for x in (cat, schema, name) if x)
            if cat:
                bad.append('relation %s is database-qualified' % shown)
            elif schema is None:
                if name not in f['ctes']:
                    bad.append('relation %s is unqualified and no CTE: under search_path '
                               'pg_catalog, pg_temp it is not a scoped table' % shown)
            elif (schema, name) not in scoped:
                bad.append('relation %s is not a scoped table' % shown)
        for cat, schema, name in f['writes']:
            shown = '.'.join(x for x in (cat, schema, name) if x)
            if cat or schema is None or scoped.get((schema, name)) != 'write':
                bad.append('write target %s is not a table scoped write' % shown)
        if self.funcs is not None:
            for fn in f['funcs']:
                if len(fn) == 1 and fn[0] in self.funcs:
                    continue
                if len(fn) == 2 and fn[0] == 'pg_catalog' and fn[1] in self.funcs:
                    continue
                bad.append('function %s is not in the allow-list' % '.'.join(fn))
        for opname in f['ops']:
            if len(opname) != 2 or opname[0] != 'pg_catalog':
                bad.append('operator %s is not pg_catalog\'s' % '.'.join(opname))
        return bad

    def execute(self, op, verdict):
        """Runs the compiled SQL as the scope's role; (ok, sqlstate, message)."""
        role = self.role_for(op['scope'])
        sql = verdict['compiled_sql']
        params = verdict.get('parameters') or []
        conn = self.conn
        try:
            with conn.cursor() as c:
                c.execute('SET LOCAL ROLE %s; SET LOCAL search_path = %s; '
                          'SET LOCAL statement_timeout = %d'
                          % (qi(role), SEARCH_PATH, self.args.timeout_ms))
            if params:
                # Bound as the executor binds them: text of unknown type, each one's type
                # inferred by PostgreSQL from where its $n stands.
                with conn.cursor() as c:
                    # a prepared statement outlives the rollback of a failed run
                    c.execute('DEALLOCATE ALL; PREPARE sg_replay AS ' + sql)
                    c.execute('EXECUTE sg_replay(%s)' % ', '.join(['%s'] * len(params)),
                              [param_text(v) for v in params])
                    if c.description:
                        c.fetchmany(op['limits']['max_rows'] + 1)
            elif op['operation'] == 'select':
                with conn.cursor(name='smith') as c:
                    c.execute(sql)
                    c.fetchmany(op['limits']['max_rows'] + 1)
            else:
                with conn.cursor() as c:
                    c.execute(sql)
                    if c.description:
                        c.fetchmany(op['limits']['max_rows'] + 1)
            result = (True, None, None)
        except psycopg2.Error as e:
            if conn.closed:
                result = (False, 'connection', str(e).strip())
            else:
                result = (False, e.pgcode or 'client', (e.pgerror or str(e)).strip())
        if conn.closed:
            self.conn = psycopg2.connect(self.admin_dsn(self.args.db))
            self.conn.autocommit = False
        else:
            conn.rollback()
        return result

    def judge(self, op, verdict, origin):
        """Both checks of one verdict; records findings."""
        errors = [d for d in verdict.get('diagnostics', []) if d.get('severity') == 'error']
        if bool(verdict.get('allowed')) == bool(errors):
            self.finding('verdict', 'allowed is %s with %d error diagnostics'
                         % (verdict.get('allowed'), len(errors)), op, verdict, origin)
        if not verdict.get('allowed'):
            for rule in sorted({d.get('rule') for d in errors}):
                self.denied_by[rule] += 1
            if self.results is not None:
                json.dump({'origin': origin, 'denied': sorted({d.get('rule') for d in errors})},
                          self.results)
                self.results.write('\n')
            return
        self.counts['allowed'] += 1
        if self.args.sabotage:
            # both judges are told the scope is empty: every allowed statement that touches a
            # table must then be a finding of each
            op = dict(op, scope=dict(op['scope'], tables=[]))
        bad = self.static_check(op, verdict)
        self.counts['static_checked'] += 1
        if bad:
            self.finding('static', '; '.join(bad), op, verdict, origin)
        if not isinstance(verdict.get('compiled_sql'), str):
            return
        started = time.monotonic()
        ok, state, message = self.execute(op, verdict)
        self.counts['executed'] += 1
        if self.results is not None:
            json.dump({'origin': origin, 'ok': ok, 'sqlstate': state,
                       'message': message and message.splitlines()[0][:300],
                       'ms': round((time.monotonic() - started) * 1000, 1)}, self.results)
            self.results.write('\n')
        if ok:
            self.counts['executed_ok'] += 1
            return
        self.exec_errors[state] += 1
        self.error_samples.setdefault(state, message.splitlines()[0][:200])
        if state == '42501':
            self.finding('privilege', message, op, verdict, origin,
                         {'sqlstate': state, 'message': message})
        elif state == 'connection':
            self.finding('server', 'the server connection was lost: ' + message, op, verdict,
                         origin, {'sqlstate': None, 'message': message})

    def finding(self, reason, detail, op, verdict, origin, postgres=None):
        n = len(self.findings) + 1
        record = {'reason': reason, 'detail': detail, 'origin': origin, 'operation': op,
                  'verdict': verdict, 'postgres': postgres}
        self.findings.append(record)
        base = os.path.join(self.args.findings, '%04d' % n)
        with open(base + '.op.json', 'w', encoding='utf-8') as f:
            json.dump(op, f, indent=2)
            f.write('\n')
        with open(base + '.finding.json', 'w', encoding='utf-8') as f:
            json.dump(record, f, indent=2)
            f.write('\n')
        if not self.args.sabotage:
            log('FINDING %04d [%s] %s (%s)' % (n, reason, detail[:300], origin))

    # ---- the loops ----------------------------------------------------------------------

    def judge_batch(self, items):
        """items: (operation, origin). Checks them in one stream and judges each verdict."""
        if not items:
            return
        verdicts = self.check([op for op, _ in items])
        self.counts['operations'] += len(items)
        for (op, origin), v in zip(items, verdicts):
            self.judge(op, v, origin)

    def smith_batch(self, seed, mode, count):
        a = self.args
        dsn = self.admin_dsn(a.db + '_plain' if mode in 'pP' else a.db)
        if mode.isupper():
            dsn = psycopg2.extensions.make_dsn(dsn, user=GEN_ROLE)
        cmd = [a.sqlsmith, '--target=' + dsn, '--dry-run',
               '--max-queries=%d' % count, '--seed=%d' % seed]
        if mode != 'c':
            cmd.append('--exclude-catalog')

        out = subprocess.run(cmd, capture_output=True, check=False, timeout=600)
        if out.returncode != 0:
            raise RuntimeError('sqlsmith exit %d: %s' % (out.returncode,
                                                         out.stderr.decode()[-2000:]))
        return self.pgjson.split(out.stdout.decode('utf-8', 'replace'))

    def run(self):
        a = self.args
        start = time.monotonic()
        batch = 0
        while self.counts['statements'] < a.statements:
            if a.seconds and time.monotonic() - start >= a.seconds:
                break
            seed = a.seed + batch
            mode = a.mix[batch % len(a.mix)]
            want = min(a.batch, a.statements - self.counts['statements'])
            stmts = self.smith_batch(seed, mode, want)
            self.counts['batches_' + mode] += 1
            self.seeds.append(seed)
            items = []
            for i, sql in enumerate(stmts):
                self.counts['statements'] += 1
                for pattern, quoted in self.requote:
                    sql = pattern.sub(quoted, sql)
                tree = self.pgjson.parse(sql)
                kind = None if isinstance(tree, str) else statement_kind(tree)
                self.counts['kind_' + (kind or 'unparsed')] += 1
                facts = tree_facts(tree) if kind else {'rels': [], 'writes': []}
                origin = {'seed': seed, 'mode': mode, 'index': i,
                          'statement': sql}
                for name, tables in self.scopes(facts):
                    items.append((self.operation(kind or 'select', sql, tables),
                                  dict(origin, scope=name)))
            self.judge_batch(items)
            batch += 1
            if a.progress and batch % a.progress == 0:
                log(self.progress(time.monotonic() - start))
        self.counts['batches'] = batch
        return time.monotonic() - start

    def replay(self, paths):
        start = time.monotonic()
        files = []
        for p in paths:
            if os.path.isdir(p):
                files += sorted(os.path.join(p, n) for n in os.listdir(p)
                                if n.endswith('.op.json'))
            else:
                files.append(p)
        items = []
        for path in files:
            with open(path, encoding='utf-8') as f:
                items.append((json.load(f), {'file': os.path.relpath(path, ROOT)}))
        self.counts['statements'] = len(items)
        self.judge_batch(items)
        return time.monotonic() - start

    def progress(self, elapsed):
        c = self.counts
        return ('%d statements, %d operations, %d allowed, %d executed (%d ok), %d findings, '
                '%.0f s' % (c['statements'], c['operations'], c['allowed'], c['executed'],
                            c['executed_ok'], len(self.findings), elapsed))

    def report(self, elapsed):
        out = subprocess.run([self.args.sqlsmith, '--version'], capture_output=True,
                             text=True, check=False)
        version = (out.stdout.strip() or out.stderr.strip()).splitlines()[0]
        pkg = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'sqlsmith'],
                             capture_output=True, text=True, check=False).stdout.strip()
        classes = Counter()
        for state, n in self.exec_errors.items():
            classes[state[:2] if state and state[0].isalnum() and len(state) == 5
                    else state] += n
        rep = {
            'sqlsmith': '%s (Debian %s)' % (version, pkg or '?'),
            'seed': self.args.seed, 'seeds': [self.seeds[0], self.seeds[-1]]
            if self.seeds else [],
            'functions': 'judged (%d allowed names, %d routines granted)'
            % (len(self.funcs), self.counts['granted_routines']) if self.funcs is not None
            else 'not judged (no function list)',
            'duration_s': round(elapsed, 1),
            'counts': dict(sorted(self.counts.items())),
            'denied_by_rule': dict(self.denied_by.most_common()),
            'errors_by_sqlstate': dict(self.exec_errors.most_common()),
            'errors_by_class': dict(classes.most_common()),
            'error_samples': dict(sorted(self.error_samples.items())),
            # executor start checks table and EXECUTE privileges before any row is read: ok,
            # and errors of other classes than 42 (syntax or access rule), met that check
            'privilege_checked': self.counts['executed_ok'] + sum(
                n for st, n in self.exec_errors.items()
                if st and len(st) == 5 and not st.startswith('42')),
            'findings': len(self.findings),
            'findings_by_reason': dict(Counter(f['reason'] for f in self.findings)),
        }
        return rep


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--dsn', help='libpq connection string of a superuser (any database)')
    p.add_argument('--pg-state', help="a state file of tests/pg/cluster.sh instead of --dsn")
    p.add_argument('--sqlguard', required=True, help='the sqlguard command line')
    p.add_argument('--pgjson', required=True, help='fuzz/sqlsmith_pgjson of the build')
    p.add_argument('--catalog', default=os.path.join(ROOT, 'corpus', 'catalog.json'))
    p.add_argument('--policy', default=os.path.join(HERE, 'sqlsmith_policy.json'),
                   help="the policy of the checks ('' for none)")
    p.add_argument('--funcs', help='function list: name<TAB>allowed|denied<TAB>category lines')
    p.add_argument('--funcs-cmd', help='a command printing the function list')
    p.add_argument('--sqlsmith', default='sqlsmith')
    p.add_argument('--db', default='sg_smith', help='the database to (re)create')
    p.add_argument('--statements', type=int, default=1000, help='stop after this many')
    p.add_argument('--seconds', type=float, default=0, help='or after this long (0: no bound)')
    p.add_argument('--seed', type=int, default=None, help='first SQLsmith seed (default: time)')
    p.add_argument('--batch', type=int, default=200, help='statements per SQLsmith run')
    p.add_argument('--mix', default='DPDPdpc',
                   help='batch i generates from mix[i %% len]: d the database with decoys, p '
                   "the catalog's tables alone, c the decoys and pg_catalog's relations; "
                   'D and P as d and p, calling only allowed functions')
    p.add_argument('--timeout-ms', type=int, default=1000, help='statement_timeout')
    p.add_argument('--findings', default='sqlsmith-findings', help='directory for findings')
    p.add_argument('--report', help='write the figures as JSON here too')
    p.add_argument('--progress', type=int, default=0, help='a progress line every N batches')
    p.add_argument('--keep', action='store_true',
                   help='keep the databases and roles afterwards (to look into findings)')
    p.add_argument('--sabotage', action='store_true',
                   help='a check of the judges themselves: judge every allowed verdict as if '
                   'its scope were empty; exit 0 only when both judges then report findings')
    p.add_argument('--results', metavar='FILE',
                   help='one JSON line per operation: its rules when denied, else how it ran')
    p.add_argument('--replay', nargs='+', metavar='PATH',
                   help='judge saved *.op.json operations instead of running SQLsmith')
    a = p.parse_args()
    if a.pg_state:
        with open(a.pg_state, encoding='utf-8') as f:
            m = re.search(r"^SQLGUARD_TEST_DSN='(.*)'$", f.read(), re.M)
        if not m:
            p.error('no SQLGUARD_TEST_DSN in ' + a.pg_state)
        a.dsn = m.group(1)
    if not a.dsn:
        p.error('--dsn or --pg-state is required')
    if not a.mix or set(a.mix) - set('dpcDP'):
        p.error('--mix takes the letters d, p, c, D and P')
    if a.seed is None:
        a.seed = int(time.time()) % 1000000 * 1000
    sys.setrecursionlimit(20000)

    try:
        camp = Campaign(a)
        camp.setup()
        elapsed = camp.replay(a.replay) if a.replay else camp.run()
        camp.pgjson.close()
        if not a.keep:
            camp.teardown()
    except (RuntimeError, OSError, subprocess.SubprocessError, psycopg2.Error) as e:
        log('sqlsmith_campaign: ' + str(e))
        return 2
    rep = camp.report(elapsed)
    print(json.dumps(rep, indent=2))
    if a.report:
        with open(a.report, 'w', encoding='utf-8') as f:
            json.dump(rep, f, indent=2)
            f.write('\n')
    if a.sabotage:
        fired = {f['reason'] for f in camp.findings}
        ok = {'static', 'privilege'} <= fired
        log('sqlsmith_campaign: sabotaged judges %s (findings: %s)'
            % ('fired' if ok else 'DID NOT FIRE', ', '.join(sorted(fired)) or 'none'))
        return 0 if ok else 1
    if camp.findings:
        log('sqlsmith_campaign: %d findings in %s' % (len(camp.findings), a.findings))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
