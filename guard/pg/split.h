/*
 * split.h - statements and comments of a SQL text, as byte spans.
 *
 * The parser-free face of libpg_query's statement splitter and scanner, and
 * the boundary scan that stands in for them where they fail: lint cuts a
 * file into statements and finds its comments through these calls and never
 * sees a libpg_query or protobuf type.
 */
#ifndef SG_PG_SPLIT_H
#define SG_PG_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* Bytes [start, end) of the text. */
typedef struct sg__span {
    size_t start, end;
} sg__span;

/* A token of the text as PostgreSQL's scanner reads it. */
typedef struct sg__sql_token {
    size_t start, end; /* bytes [start, end) of the text */
    bool comment;      /* a double-dash or slash-star comment */
} sg__sql_token;

/*
 * The tokens of the NUL-terminated `sql` (`len` bytes), in text order, in
 * *tokens (allocated in `arena`, *count of them). Returns 0, 1 when the
 * scanner rejects the text (an unterminated quote or comment; *tokens NULL),
 * or -1 when memory ran out.
 */
int sg__sql_scan(sg__arena *arena, const char *sql, size_t len, sg__sql_token **tokens,
                 size_t *count);

/* sg__sql_scan() that also tells, when the scanner rejects the text, whether
 * it did so at the text's last character or its end (*at_end): the text may
 * then be a cut through a longer statement rather than a mistake. */
int sg__sql_scan_part(sg__arena *arena, const char *sql, size_t len, sg__sql_token **tokens,
                      size_t *count, bool *at_end);

/*
 * Where the statements of the NUL-terminated `sql` (`len` bytes) lie, as
 * the parser finds them, in *stmts (allocated in `arena`, *count of them). A
 * span runs from the statement's first byte to its end (the semicolon not
 * included) and may include comments and blanks. Returns 0, 1 when the text
 * does not parse (*stmts NULL: see sg__sql_split_fallback()), or -1 when
 * memory ran out. When the text does not parse, *at_end tells whether the
 * parser stopped at its last character or its end, as sg__sql_scan_part().
 */
int sg__sql_split_part(sg__arena *arena, const char *sql, size_t len, sg__span **stmts,
                       size_t *count, bool *at_end);

/*
 * The statements of `sql` (`len` bytes) cut without libpg_query, for text
 * the parser does not read (boundary.c): a scan that knows quotes, E''
 * escapes, dollar quotes, comments, parentheses and psql's backslash
 * commands finds the semicolons that end statements (the text is read as
 * sg__sql_blank_psql() leaves it: COPY data, if any, is blanks), so that one bad
 * statement does not take the others with it. Spans as sg__sql_split_part(), in
 * *stmts; coarse tokens (comments, and lexemes of the rest) in *tokens, or
 * none when `tokens` is NULL (they take several times the text's size); both
 * allocated in `arena`. Returns 0, or -1 when memory ran out.
 */
int sg__sql_split_fallback(sg__arena *arena, const char *sql, size_t len, sg__span **stmts,
                           size_t *nstmts, sg__sql_token **tokens, size_t *ntokens);

/* What psql reads in a script that is not SQL: a backslash command (the
 * rest of its line), the data lines after COPY ... FROM STDIN, or the ':' of
 * a variable psql puts its value in place of (:name, :'name', :"name"). */
typedef struct sg__psql_span {
    size_t start, end;
    bool ends_query; /* \g and its kinds: the statement before it is sent */
    bool variable;   /* the ':' of a variable */
    /* Liquibase's `--changeset author:id` line, which ends the changeset
     * before it whether or not its last statement has a semicolon */
    bool changeset;
    bool command; /* a backslash command (`\set`, `\gset`, `\if`, ...) */
} sg__psql_span;

/* The places of the psql commands of `sql` that read another file (`\i`,
 * `\ir`, `\include`, `\include_relative`), as the boundary scan finds psql's
 * commands (never in literals, comments or COPY data): *at (in `arena`),
 * *count of them. Returns 0, or -1 when memory ran out. */
int sg__sql_psql_includes(sg__arena *arena, const char *sql, size_t len, size_t **at,
                          size_t *count);

/*
 * Blanks what is psql's and not SQL out of the `len` bytes at `sql`, in
 * place, as the boundary scan finds it: backslash commands and COPY ... FROM
 * STDIN data become blanks (line breaks kept, so every offset and line stays
 * where it was), and a command that sends the query before it (\g, \gset,
 * \gexec, ...) starts with a semicolon instead; a variable's ':' becomes
 * '_' before a name (:tbl reads as the identifier _tbl; where only a value
 * can stand, after a comparison operator, LIMIT or OFFSET, `:id` reads as the
 * parameter $1 and blanks) and a blank before a quote (:'v' as the literal
 * 'v'). In a file of sqlc's queries (a comment
 * `-- name: Name :one`, ...), `@name` is a parameter and reads as `$1`
 * followed by blanks. A migration tool's placeholder `${name}` (Flyway,
 * Liquibase) reads as the identifier `__name_`. *blanked counts the spans;
 * *script (when not NULL) says whether a backslash command other than those
 * pg_dump writes (`\connect`, `\restrict`, `\unrestrict`) is among them: the
 * text is a psql script, which no application sends. A text without a
 * backslash, a variable, STDIN or `${` is not scanned. Returns 0, or -1 when
 * memory ran out.
 */
int sg__sql_blank_psql(sg__arena *arena, char *sql, size_t len, size_t *blanked, bool *script);

/* What a comment says of a migration tool's file (`s`, n bytes, the whole
 * comment): UP or DOWN, the start of goose's and sql-migrate's `-- +goose
 * Up` / `-- +migrate Down`, dbmate's `-- migrate:up` / `-- migrate:down`,
 * node-pg-migrate's `-- Up Migration` / `-- Down Migration`, Play's `-- !Ups`
 * / `-- !Downs` or shmig's `-- ==== UP ====` / `-- ==== DOWN ====` sections
 * (the word complete; dashes and blanks after `--` skipped), or DOWN for
 * tern's `---- create above / drop below ----`; DUMP, pg_dump's `-- PostgreSQL database
 * dump`, which heads every database pg_dump and pg_dumpall write; OTHER,
 * another marker that makes the file a migration's (Liquibase's
 * `--liquibase formatted sql` and `-- changeset`, or a section word with
 * more of a name after it); NONE otherwise. */
typedef enum {
    SG__MIGRATION_MARK_NONE = 0,
    SG__MIGRATION_MARK_UP,
    SG__MIGRATION_MARK_DOWN,
    SG__MIGRATION_MARK_OTHER,
    SG__MIGRATION_MARK_DUMP
} sg__migration_mark;

sg__migration_mark sg__migration_marker(const char *s, size_t n);

/*
 * The first place at or after byte `want` where the boundary scan of `sql`
 * (`len` bytes, starting where a statement may start) ends a statement with
 * a semicolon: the byte after that semicolon; `len` when there is none. The
 * cuts are those sg__sql_split_fallback() makes; nothing is allocated.
 */
size_t sg__sql_next_cut(const char *sql, size_t len, size_t want);

#endif
