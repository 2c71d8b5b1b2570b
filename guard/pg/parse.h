/*
 * parse.h - the bridge to PostgreSQL's parser.
 *
 * sg__parse_walk() parses compiled SQL with libpg_query's raw parser and, when
 * the text holds exactly one DML statement, walks it once into facts. It is
 * the only entry into code that sees PostgreSQL's node types; callers get
 * parser-free facts and, on a syntax error, a message and an offset.
 */
#ifndef SG_PARSE_H
#define SG_PARSE_H

#include "util/arena.h"
#include "facts/facts.h"

typedef struct sg__parse_error {
    const char *message; /* NULL when the text parsed */
    long offset;         /* byte offset into the parsed text, or -1 */
} sg__parse_error;

/*
 * Parses the NUL-terminated `sql` and fills *facts (statement count and kind
 * always; relations, parameters, functions, ... when there is exactly one DML
 * statement). With `held` (lint), the DML query that EXPLAIN, PREPARE, COPY
 * (query) TO or DECLARE CURSOR holds is walked as the statement, and
 * facts->wrapper names the statement around it. Returns 0 on success,
 * including a syntax error reported through *err, and -1 when memory ran out.
 */
int sg__parse_walk(sg__arena *arena, const char *sql, unsigned max_depth, bool held,
                   sg__facts *facts, sg__parse_error *err);

/* PostgreSQL reports a syntax error's place in characters, 1-based: the byte
 * offset of that place in the UTF-8 text `sql`, or -1 when there is none. */
long sg__pg_cursor_offset(const char *sql, int cursorpos);

/* Walker entry, implemented in walker.c: `raw_stmt` is a PostgreSQL Node *. */
int sg__walk_statement(sg__arena *arena, void *raw_stmt, unsigned max_depth, sg__facts *facts);

/* The kind of a raw statement (a PostgreSQL Node *; NULL: SG_STMT_NONE), for
 * the statement itself and for the queries of its WITH list. */
sg__stmt_kind sg__statement_kind(const void *raw_stmt);

/*
 * How the walker treats a node of PostgreSQL NodeTag `tag`; every tag has
 * exactly one class. Only the classes NOTE and RAW ever reach PostgreSQL's
 * raw_expression_tree_walker, which ends the process on a type it does not
 * know; test_walker checks every tag against it.
 */
typedef enum {
    SG__TAG_UNSUPPORTED = 0, /* recorded in facts->unsupported, never looked into */
    SG__TAG_OWN,             /* the walker visits the node's children itself */
    SG__TAG_NOTE,            /* the walker records facts, then PostgreSQL's walker descends */
    SG__TAG_RAW              /* PostgreSQL's walker descends; nothing to record */
} sg__tag_class;
sg__tag_class sg__walker_tag_class(int tag);

#endif
