/* pgparse.h - pg_query_raw_parse() alone, for the benchmark's parsing floor. */
#ifndef SG_BENCH_PGPARSE_H
#define SG_BENCH_PGPARSE_H

/* Parses `sql` into a raw tree and throws it away; 1 when it parsed. */
int bench_pg_raw_parse(const char *sql);

#endif
