#!/usr/bin/env node
// Peer (a): node-sql-parser's whiteListCheck in table mode, PostgreSQL dialect.
//
// For each benchmark operation (prepare.py's output) the whitelist holds the
// scope: a table scoped read allows `select::(null|public)::NAME`, one scoped
// write allows `(select|insert|update|delete)::(null|public)::NAME`. The SQL
// has its placeholders replaced by literals (node-sql-parser accepts neither
// psycopg's %(name)s nor, everywhere, $n). whiteListCheck parses the SQL,
// lists the tables it touches and throws when one is not whitelisted.
//
// Timed in process after start-up and warm-up: batches of 100 checks for
// SECONDS per operation (default 1.0), median over batches. Prints one JSON
// object: {"peer": "node-sql-parser", "version", "operations": [{"name",
// "median_us", "verdict", "agrees"}]}.
//
// usage: node node_sql_parser_peer.js PEER_OPS.json [SECONDS]
'use strict';
const fs = require('fs');
const { Parser } = require('node-sql-parser/build/postgresql');
const version = require('node-sql-parser/package.json').version;

const ops = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const seconds = process.argv[3] ? Number(process.argv[3]) : 1.0;
const parser = new Parser();
const opt = { database: 'PostgresQL', type: 'table' };

function esc(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

function check(sql, whiteList) {
  try {
    parser.whiteListCheck(sql, whiteList, opt);
    return { verdict: 'allowed' };
  } catch (e) {
    const denied = /authority = /.test(e.message);
    return { verdict: denied ? 'denied' : 'error', message: e.message.slice(0, 200) };
  }
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const out = [];
for (const op of ops) {
  const whiteList = op.scope.map(t => (t.access === 'write' ? '(select|insert|update|delete)' : 'select') +
    '::(null|' + esc(t.schema) + ')::' + esc(t.name));
  const first = check(op.sql, whiteList);
  if (first.verdict === 'error') {
    out.push({ name: op.name, median_us: null, verdict: 'error', message: first.message, agrees: false });
    continue;
  }
  for (let i = 0; i < 200; i++) check(op.sql, whiteList);
  const batches = [];
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < end || batches.length < 5) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) check(op.sql, whiteList);
    batches.push(Number(process.hrtime.bigint() - t0) / 100 / 1e3);
  }
  out.push({ name: op.name, median_us: median(batches), verdict: first.verdict,
             message: first.message || null, agrees: (first.verdict === 'allowed') === op.allowed });
}
process.stdout.write(JSON.stringify({ peer: 'node-sql-parser', version, operations: out }) + '\n');
