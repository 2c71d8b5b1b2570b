/*
 * facts.h - what a statement does, as flat records free of any parser type.
 *
 * The walker fills one sg__facts per check by visiting the parse tree once;
 * the rules read only these records. Locations are byte offsets into the
 * compiled SQL (-1 when the parser gave none); the diagnostic layer maps them
 * back to the caller's text.
 */
#ifndef SG_FACTS_H
#define SG_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

typedef enum {
    SG_STMT_NONE = 0, /* nothing parsed (syntax error, empty input) */
    SG_STMT_SELECT,
    SG_STMT_INSERT,
    SG_STMT_UPDATE,
    SG_STMT_DELETE,
    SG_STMT_MERGE,
    SG_STMT_OTHER /* anything else: DDL, utility, transaction control, ... */
} sg__stmt_kind;

const char *sg__stmt_kind_name(sg__stmt_kind kind);

/* How a relation reference is used. A reference can carry several bits. */
enum {
    SG_USE_READ = 1u << 0,
    SG_USE_WRITE = 1u << 1,  /* target of INSERT/UPDATE/DELETE/MERGE */
    SG_USE_LOCK = 1u << 2,   /* row-locked by FOR UPDATE/SHARE */
    SG_USE_DELETE = 1u << 3, /* with WRITE: rows deleted (DELETE, MERGE ... THEN DELETE) */
    SG_USE_UPDATE = 1u << 4  /* with WRITE: rows updated (UPDATE, MERGE ... THEN UPDATE, ON
                              * CONFLICT DO UPDATE) */
};

/*
 * A relation named in the statement that is not a CTE reference: a physical
 * relation the rules must resolve. catalog and schema are NULL when absent.
 * Names are exactly as PostgreSQL sees them (folded, de-quoted, decoded).
 */
typedef struct sg__relref {
    const char *catalog;
    const char *schema;
    const char *name;
    int location;
    unsigned use; /* SG_USE_* */
    int in_cte;   /* index into ctes of the innermost enclosing CTE, or -1 */
} sg__relref;

/* A WITH-list entry. */
typedef struct sg__cte {
    const char *name;
    int location;
    bool recursive;      /* defined in a WITH RECURSIVE list */
    sg__stmt_kind kind;  /* SELECT, or the DML kind of a data-modifying CTE */
    int depth;           /* nesting of WITH lists: 0 for the top statement's */
    unsigned references; /* how many relation references bound to it */
    int level;           /* a SELECT's: its query level (facts->levels), else -1 */
} sg__cte;

/* A $n in the tree. */
typedef struct sg__paramref {
    int number;
    int location;
    bool isolated; /* its value meets no other value (walk.h's `isolated`) */
} sg__paramref;

typedef enum {
    SG_FUNC_CALL = 0,    /* f(...) anywhere, FROM included */
    SG_FUNC_CAST,        /* a cast to a type that resolves names from strings (reg*) */
    SG_FUNC_OPERATOR,    /* OPERATOR(schema.op): an operator outside pg_catalog */
    SG_FUNC_TABLESAMPLE, /* TABLESAMPLE method */
    /* COLLATE schema.name, or an operator class or collation of an ON
     * CONFLICT arbiter's column, outside pg_catalog */
    SG_FUNC_CATALOG_OBJECT,
    /* the type regconfig or regdictionary (text search objects, whose input
     * looks a name up and whose output names the object): a cast, with
     * args[0] its operand, or a type name elsewhere (a column definition
     * list) with no args, converting a value the text does not show */
    SG_FUNC_TS_OBJECT
} sg__func_kind;

/* What the walker could read of one argument of a call. The rules parse the
 * text; the walker never judges what a constant means. */
typedef enum {
    SG_ARG_OTHER = 0, /* a parameter, an expression, NULL, a named argument */
    SG_ARG_NUMBER,    /* an integer or decimal constant: text as written, a unary
                       * minus folded in as a leading '-' */
    SG_ARG_STRING,    /* a string constant: text is its value */
    SG_ARG_COLUMN,    /* a plain column reference: text is its name (the last part) */
    SG_ARG_ARRAY      /* ARRAY[...] of integer constants: text is them, comma-separated */
} sg__funcarg_kind;

typedef struct sg__funcarg {
    sg__funcarg_kind kind;
    const char *text; /* NULL for SG_ARG_OTHER */
    /* The type the argument is cast to once at its top (`1::bigint`,
     * `CAST('x' AS date)`, `date 'x'`, `t.c::xid`), as PostgreSQL names it,
     * the last part of the name; NULL when not cast, "" for a cast the
     * walker does not describe (a schema other than pg_catalog, a type
     * modifier, an array). */
    const char *cast;
    int param; /* the $n the argument is (cast or not), else 0 */
    /* the argument is a `||` expression (text, an array, jsonb, bits or a
     * tsvector) or a `->>` or `#>>` (text): never a number */
    bool concatenation;
    int location; /* of the argument's expression, -1 when it has none */
    /* SG_ARG_OTHER of a call whose work the rules bound (func.resource-bound):
     * the text the expression makes is at most `text_chars` characters plus
     * the bound values of text_params (a parameter once per use), columns
     * counting as one; text_bounded false when nothing bounds it (a call
     * that can make text longer than its arguments) */
    bool text_bounded;
    bool text_grows; /* not bounded, and made by the statement (may_grow) */
    /* A time zone argument (AT TIME ZONE, timezone(), date_trunc's third,
     * make_timestamptz's seventh): whether the walker could read it whole
     * (no sub-select with a FROM, no window call, column references that
     * are never combined: `a.x || b.y` could make a name of each pair, not
     * too deep), the places of its column references and the names of the
     * calls it makes, which the rules judge. */
    bool zone; /* this argument is a time zone's name */
    bool values_only;
    bool values_whole; /* read whole (values_only but for the rows it combines) */
    const int *value_columns;
    size_t value_column_count;
    const char *const *value_calls;
    size_t value_call_count;
    size_t text_chars;
    const int *text_params;
    size_t text_param_count;
    /* which of text_params are read as numbers (in arithmetic, abs, round,
     * ...): a value written with an exponent prints all its digits */
    const bool *text_param_numeric;
    /* SG_ARG_OTHER of repeat, lpad, rpad or format: the expression is no
     * stored length (`length(col)`, plus or minus at most 1000), so its value
     * is the caller's to choose (`$1 + 0`, `(SELECT $1::int)`, a sub-select's
     * column, `greatest(length(c), $1)`, `ARRAY[$1, 'x']`) */
    bool caller_value;
    /* SG_ARG_OTHER of repeat that is a stored length: the place of the
     * column whose length it is (the rules tell whether it is a table's) */
    int stored_column;
} sg__funcarg;

typedef struct sg__funcref {
    const char *catalog; /* NULL unless the name had three parts */
    const char *schema;  /* NULL when unqualified */
    const char *name;
    int location;
    sg__func_kind kind;
    bool has_over;          /* window call: f(...) OVER (...) */
    bool in_top_targetlist; /* directly in the top-level SELECT's target list */
    /* SG_FUNC_CALL: the query level whose plain SELECT's target list (or
     * DISTINCT ON or ORDER BY, whose set-returning calls add rows as the
     * list's do) holds it (at any depth of calls), or -1 */
    int targetlist_level;
    int parent; /* index of the innermost call whose arguments hold
                 * this one, or -1 */
    /* SG_FUNC_CAST to regclass of a relation's own tableoid system column
     * (`t.tableoid::regclass`, or unqualified where every FROM item of the
     * level is a relation): it can name only that relation or its partitions */
    bool of_tableoid;
    /* SG_FUNC_CALL: the call's value meets no other value in type resolution
     * (an output item of the statement itself, or cast at once to a type
     * that resolves no names): see walk.h's `isolated` */
    bool isolated;
    /* SG_FUNC_TS_OBJECT: the cast is the first argument of the call `parent`
     * itself (a text search function's configuration, where its value meets
     * no other value) */
    bool first_arg;
    /* SG_FUNC_CALL: the arguments in order (none for f(*)) */
    const sg__funcarg *args;
    size_t arg_count;
    /* the SQL keyword the call is spelled as (CURRENT_ROLE is current_user()),
     * for messages; NULL for a call written as one */
    const char *keyword;
    /* SG_FUNC_CALL: which argument of the call `parent` this call is (0 for
     * the first), or -1 when it stands deeper in one */
    int parent_arg;
} sg__funcref;

/* Something the walker does not understand, or refuses to look into. */
typedef struct sg__unsupported {
    const char *what;
    int location;
} sg__unsupported;

/* A column compared with a literal: `col = 'x'`, `42 < col`, `col LIKE 'a%'`. */
typedef struct sg__literal_cmp {
    int location;   /* of the literal */
    bool is_string; /* a string literal, else a number */
    /* in a WHERE, HAVING or JOIN ... ON clause (MERGE's join condition, ON
     * CONFLICT DO UPDATE's WHERE) of its query level, where it filters
     * rows; not in a select list, a SET or VALUES list, ORDER BY, ... */
    bool in_predicate;
    bool regex;      /* the operator matches a regular expression (~, ~*, !~, !~*) */
    bool is_integer; /* a number written as an integer, `integer` its value */
    long long integer;
    /* in the recursive term of a WITH RECURSIVE query (its UNION's right
     * operand), where a number usually bounds the recursion's depth */
    bool in_recursive_term;
} sg__literal_cmp;

/* Where a query level has LIMIT/OFFSET/FETCH but no ORDER BY. */
typedef struct sg__unordered_limit {
    /* the LIMIT/OFFSET/FETCH keyword of a subquery's clause; for the top
     * level, and where the value has no place, the value's (or -1):
     * top.limit_location has the keyword */
    int location;
    bool top;    /* the statement's own top-level SELECT */
    bool placed; /* location moved to the keyword */
    int level;   /* the query level whose clause it is */
    /* an OFFSET without LIMIT or FETCH (or with LIMIT ALL or NULL): the
     * constant 0 (offset_zero), or the $n it is, cast or not (offset_param;
     * the rules read its bound value), else neither */
    bool offset_only, offset_zero;
    int offset_param;
} sg__unordered_limit;

/* An item of the top-level SELECT's FROM clause, a join's operands counted
 * one by one: a relation, or anything else (a CTE reference, a subquery, a
 * function, an aliased join), which has relation -1. */
typedef struct sg__from_item {
    long relation;        /* index into relations, or -1 */
    const char *name;     /* the name columns are qualified with: the alias,
                           * else the relation's name; NULL when unnamed */
    bool renames_columns; /* an alias with a column list: `AS t(a, b)` */
    int child_level;      /* a sub-select: its query level (facts->levels), else -1 */
    bool hidden;          /* an operand of an aliased join: its name names it only
                           * inside that join's ON */
    bool nullable;        /* on the nullable side of an outer join: its columns are
                           * NULL in the rows the join adds */
    bool in_full_join;    /* ... of a FULL join, which adds rows of its own besides */
    /* a function WITH ORDINALITY whose arguments read no row (constants,
     * parameters and calls over them): the name of its ordinality column,
     * which numbers the one set of rows it returns, and the name that
     * qualifies it (the alias, else the function's); NULL otherwise */
    const char *ordinality;
    const char *ordinality_qualifier;
    /* a function in FROM of one call (not ROWS FROM of several) of
     * pg_catalog's function, unqualified or qualified so: its name, whose
     * rows the rules tell (one, but for a set-returning function); NULL
     * otherwise */
    const char *function;
} sg__from_item;

/* A conjunct of the top-level WHERE (or, in facts->level_pins, of the WHERE
 * of a sub-select whose FROM is one relation), reached through AND only, that
 * compares a plain column with `=` to a value in either order: a parameter or a
 * non-NULL constant, cast or not (`col = $1`, `t.col = 'x'`, `42 = col`,
 * `col = $1::uuid`), or an expression of such values with operators,
 * casts, calls of pg_catalog's functions (without aggregates or windows)
 * and the SQL value keywords (`CURRENT_DATE`), which names no column and
 * holds no sub-select: `col = upper($1)`, `day = $1::date - 1`; or a
 * scalar sub-select that reads nothing of the statement around it. */
typedef struct sg__column_pin {
    const char *qualifier; /* `t` of `t.col`; NULL when unqualified */
    const char *column;
    /* The type the value is cast to at its top, as sg__funcarg.cast says
     * it, except that a type modifier (`varchar(64)`) is kept: NULL when
     * not cast. */
    const char *cast;
    int location; /* of the column reference */
    bool outer;   /* in an outer join's ON, or in an ON on the nullable side of
                   * one: rows the outer join adds have NULL there */
    /* the functions an expression value calls (their last names; the SQL
     * value keywords as "current_date", "current_timestamp", ...) and every
     * type it casts to, `cast` too, as sg__funcarg.cast says them */
    const char *const *calls;
    size_t call_count;
    const char *const *casts;
    size_t cast_count;
    /* The type the column itself is cast to (`uid::text = $1`), as
     * sg__funcarg.cast says it; NULL when the column stands bare. */
    const char *column_cast;
    int level; /* the query level whose WHERE holds it */
    /* The value is a scalar sub-select that reads nothing of the statement
     * around it (`id = (SELECT l.owner_id FROM l WHERE l.id = $1)`): one
     * value, of its own type, which the rules compare with the column's. */
    bool subselect;
    /* level_pins only: the value is a column of an item outside the level,
     * `t.c` (`WHERE users.id = p.user_id` in a LATERAL sub-select): one value
     * for each row of t. Both NULL otherwise. */
    const char *outer_qualifier, *outer_column;
} sg__column_pin;

/* A conjunct `a.x = b.y` of two plain columns, uncast, reached through AND
 * only, in the top-level WHERE or in the ON of a join of the top-level FROM:
 * where y's item holds at most one row, x's rows that pass number at most one
 * when x is all of a unique key. An outer join's ON pins only its nullable
 * side (`may_pin`); an inner join's ON and the WHERE pin either. */
typedef struct sg__column_link {
    const char *qualifier[2]; /* NULL when unqualified */
    const char *column[2];
    int location[2]; /* of each column reference */
    bool may_pin[2]; /* side i may be pinned through side 1 - i */
    bool outer;      /* in an outer join's ON, or in an ON on the nullable side of one */
} sg__column_link;

/* An ORDER BY item of the top-level SELECT that is a plain column: `col`,
 * `t.col`, or an output column (by name or position) whose expression is
 * one; then the output's reference. */
typedef struct sg__order_key {
    const char *qualifier; /* NULL when unqualified */
    const char *column;
    int location; /* of the column reference */
    /* A bare GROUP BY name, which PostgreSQL reads as an input column first,
     * that also names an output that is a plain column (`GROUP BY acc` for
     * `account_uid AS acc`): that column, taken when no input column has the
     * name; alt_column NULL otherwise. */
    const char *alt_qualifier;
    const char *alt_column;
    int alt_location;
    /* The same for a bare GROUP BY name of an output that is an expression
     * (`left(region, 0) AS region ... GROUP BY region`): that output's id
     * (as in group_outputs), taken when no input column has the name; 0
     * otherwise. */
    size_t alt_output;
} sg__order_key;

/* A type the statement names: `x::t`, CAST(x AS t), a typed literal `t 'x'`,
 * a column definition list of a function in FROM (`AS x(a int)`), an XMLTABLE
 * column, XMLSERIALIZE(... AS t). Names are as PostgreSQL sees them: folded
 * unless quoted, and the SQL-standard spellings (`integer`, `double
 * precision`, `timestamp with time zone`, ...) already as pg_catalog.int4,
 * pg_catalog.float8, pg_catalog.timestamptz. For `t[]` the name is the
 * element type's. */
typedef struct sg__typeref {
    const char *catalog; /* NULL unless the name had three parts */
    const char *schema;  /* NULL when unqualified */
    const char *name;
    int location;
    bool array;          /* written with [] (or ARRAY) */
    bool resolves_names; /* a reg* type: func.denied judges the cast */
    /* the $n a cast of this type converts directly (`$1::jsonb`, `CAST($1 AS
     * int[])`), and that $n's place; 0 and -1 otherwise */
    int param, param_location;
    /* a type that pads every value to its length, char(n) (bpchar) or
     * bit(n): n, times SG_PAD_ELEMENTS for an array of it; 0 otherwise */
    unsigned long long pad;
} sg__typeref;

/* The elements an array of a padding type counts for: the array's are not
 * known before it runs. */
enum { SG_PAD_ELEMENTS = 10000 };

/* Where the row lies that a name is selected from, as far as the walker
 * could tell without the catalog. */
typedef enum {
    SG_ROW_UNKNOWN = 0, /* an expression, a column (of composite type, or not), a
                         * source whose columns the text does not tell */
    SG_ROW_RELATION,    /* a relation reference: its columns are the catalog's */
    SG_ROW_COLUMNS      /* a sub-select, CTE, VALUES list, or function with a column
                         * list, whose output columns the text names */
} sg__row_kind;

/*
 * A name selected from a row: the last name of a qualified column reference
 * (`t.f`, `s.t.f`, `t.c.f`) or a field selection `(expr).f`. PostgreSQL reads
 * it as a field when the row has one of that name, and otherwise as a call
 * f(row) of a one-argument function: `(42::bigint).pg_advisory_lock` and
 * `t.pg_sleep`-style spellings run functions. The rules decide which.
 */
typedef struct sg__field_ref {
    const char *name;
    int location; /* of the reference or the field selection */
    int call;     /* the innermost call whose arguments hold it (facts->funcs), or -1 */
    sg__row_kind row;
    long relation; /* SG_ROW_RELATION: index into relations */
    /* SG_ROW_RELATION through `schema.table.f`: the schema written, which must
     * be the relation's for the name to be its column; NULL otherwise */
    const char *schema;
    /* SG_ROW_COLUMNS: the row's names, column_count of them (all of them
     * when complete); SG_ROW_RELATION: the names an alias gives the first
     * column_count columns (`FROM t AS x(a, b)`), none without */
    const char *const *columns;
    size_t column_count;
    bool complete;
    bool isolated;   /* as SG_COLREF_ISOLATED */
    bool xml_place;  /* as SG_COLREF_XML_PLACE */
    bool poly_place; /* as SG_COLREF_POLY_PLACE */
    bool meets;      /* as SG_COLREF_MEETS */
    bool returning;  /* as SG_COLREF_RETURNING */
    long source;     /* the FROM item selected from (an index into sources), or -1 */
    /* `a.f` where no FROM item (nor CTE, target or EXCLUDED) named a is in
     * sight at any level: PostgreSQL reads a only as a range variable, and
     * fails ("missing FROM-clause entry"); the name a, else NULL */
    const char *missing_item;
    /* `(a).f`: the one-part name a, which PostgreSQL reads as a column first
     * (of any item in sight, at any level) and as a whole row only when no
     * column has the name; the walker records `a` at `location` as a column
     * reference too. NULL otherwise. */
    const char *bare_row;
} sg__field_ref;

/* The arbiter an INSERT's ON CONFLICT names by its columns:
 * `ON CONFLICT (a, b)`. Not judgeable when it names a constraint instead, an
 * expression, or a partial index's predicate (WHERE). */
typedef struct sg__conflict_target {
    long relation; /* the INSERT's target, an index into relations */
    int location;  /* of the column list */
    bool judgeable;
    const char **columns; /* judgeable: the column names, count of them */
    size_t count;
} sg__conflict_target;

/* What an INSERT gives values to: the columns of its list, or, without one,
 * the first `width` columns of the table. */
typedef struct sg__insert {
    long relation;        /* the target, an index into relations */
    int location;         /* of the target's name */
    bool listed;          /* a column list was written */
    const char **columns; /* listed: the column names, count of them */
    size_t count;
    long width; /* not listed: values per row (0 for DEFAULT VALUES), -1
                 * when unknown (a `*` in the source) */
    /* VALUES rows: by position among the values (the list's columns, else
     * the table's), whether some row gives DEFAULT there; NULL otherwise */
    const bool *defaulted;
    size_t defaulted_count;
    /* the statement inserts one row: a VALUES list of one row, or DEFAULT
     * VALUES */
    bool one_row;
} sg__insert;

/* A value an INSERT or UPDATE writes to a column of its target, recorded
 * when a RETURNING item that reads the row written calls a function the
 * rules bound (func.resource-bound): one per VALUES row and column, per
 * SET item. */
typedef struct sg__written_value {
    long relation;    /* the target, an index into relations */
    const char *name; /* NULL: the column at `position` (an INSERT without a list) */
    /* with name NULL, SIZE_MAX: any column (the values of a SELECT, rows
     * past the walker's count, a `*` that moves the positions) */
    size_t position;
    /* the row it goes to: SG_WRITTEN_SET (an UPDATE's SET),
     * SG_WRITTEN_CONFLICT_SET (ON CONFLICT DO UPDATE's), or the INSERT's
     * VALUES row 1, 2, ...; several values of one row to one column (`SET
     * a[1] = x, a[2] = y`) all stand in it */
    int row;
    /* the value, described as a call's argument is (its text bound, its
     * values as a time zone's); NULL when the text does not show it (a
     * SELECT's output, a row assignment from a sub-select) */
    const sg__funcarg *value;
} sg__written_value;
enum { SG_WRITTEN_SET = 0, SG_WRITTEN_CONFLICT_SET = -1 };

/*
 * Name resolution of unqualified column names, `*` and `t.*`, as parse
 * analysis does it: the FROM items of every query level (sources), which
 * levels enclose which and how much of the enclosing level each sees, the
 * joins that merge columns (USING, NATURAL), and every reference waiting to
 * be resolved against them. The walker records what the text says; the
 * rules, which have the catalog, resolve (rules/columns.c).
 */
typedef struct sg__source {
    int level;        /* the query level whose FROM clause holds it */
    const char *name; /* the name that qualifies its columns; NULL when unnamed */
    sg__row_kind row; /* RELATION: the catalog's columns, the first
                       * column_count renamed to `columns`; COLUMNS:
                       * `columns`; UNKNOWN: anything */
    long relation;    /* RELATION: index into relations */
    const char *const *columns;
    size_t column_count;
    /* COLUMNS: `columns` are all the row's columns (no `*` in the sub-select,
     * every output named as PostgreSQL names it) */
    bool complete;
    /* The item of an aliased join: it names the join's columns for
     * qualified references, and adds none of its own to unqualified ones
     * (its operands, recorded after it, provide them), unless its alias
     * renames them (`AS j(a, b)`): then `renames`. */
    bool join_alias;
    bool renames;
    /* INSERT's EXCLUDED: visible only in ON CONFLICT DO UPDATE */
    bool excluded;
    /* an operand of a JOIN: unqualified names reach it through the join,
     * whose columns are the user columns only (no ctid, xmin, ...) */
    bool in_join;
    /* an operand of an aliased join (or of one nested in it), whose alias
     * hides its name from everything outside the join: in sight only of a
     * reference made within it (its ON, its LATERAL operands), the join's
     * sources being [hidden_first, hidden_end) (sg__source_in_sight); 0, 0
     * when not hidden */
    size_t hidden_first, hidden_end;
    /* a join's alias: in sight only of a reference that sees the sources up
     * to this index (not of the join's own operands); 0: of every one */
    size_t visible_from;
    /* No relation: the columns whose text the statement's own expressions
     * may make long (a parameter, repeat, an aggregate gathering rows), and
     * whether any column may be (func.resource-bound's max_work) */
    const char *const *grown;
    const int *grown_params; /* per grown name: the $n whose value it is (cast or
                              * not), which bounds it, or 0 */
    /* per grown name: that value alone (one value for the statement), not
     * beside stored columns (`code || $1 || name`: a value of each row) */
    const bool *grown_alone;
    size_t grown_count;
    bool grows_all;
    int grows_all_param; /* grows_all: the $n whose elements its values are
                          * (unnest(%(a)s)), or 0 */
    /* No relation: the columns that pass a table's column on as it is
     * (stored data), and whether all of them do; worked out, as `grown`,
     * only for a statement whose rules ask */
    const char *const *stored;
    size_t stored_count;
    bool all_stored;
    /* A plain sub-select or WITH query, where the statement has time zone
     * arguments: its outputs that are expressions (`lower(a.region)`, a
     * CASE), by name, each described as a time zone argument at its own
     * level would be (values_only, value_columns, value_calls), for the
     * rules to judge as one */
    const char *const *zone_names;
    const sg__funcarg *zone_values;
    size_t zone_count;
    /* a sub-select's or WITH query's: the query level it is (facts->levels), else -1 */
    int child_level;
    bool in_full_join; /* an operand (at any depth) of a FULL join, which adds rows */
} sg__source;

/* A query level: the level around it (-1 for none) and which of the
 * sources in facts->sources it sees there: indexes [first, end). */
typedef struct sg__level {
    int parent;
    size_t first, end;
    /* a plain SELECT: no set operation, GROUP BY or VALUES; with FROM or not,
     * and a LIMIT of the constant 0 or 1 (no WITH TIES) */
    bool plain, has_from, limit_one;
    /* the $n a plain select's LIMIT (or FETCH FIRST) is, cast or not, when it
     * is one (no WITH TIES); else 0: the rules read its bound value */
    int limit_param;
    /* Output names whose values together are distinct in every row (a
     * plain select's GROUP BY, DISTINCT ON or DISTINCT columns, each an
     * output), or none */
    const char *const *keys;
    size_t key_count;
    /* keys[k] for bit k: a bare GROUP BY name whose output is an
     * expression, which is the key only where no input column of the level
     * has the name (PostgreSQL groups by the input column first) */
    unsigned long long keys_input_first;
    /* the keys are a row_number() output and its partition's columns, which
     * a set-returning call of the target list would repeat (the rules tell) */
    bool keys_rownum;
    /* A plain select whose FROM is one relation, named as itself (no alias
     * column list): that item's index in sources; else -1. Its WHERE's pins
     * are in facts->level_pins. */
    long only_source;
    /* With only_source and no `*` in the target list: per output, in order,
     * the relation's column it is when a plain column of it (`id`, `u.id AS
     * x`), else NULL; out_count outputs (0 otherwise). out_names: per
     * output, its name when the text gives one (`AS x`, a plain column's),
     * else NULL. */
    const char *const *out_columns;
    const char *const *out_names;
    size_t out_count;
} sg__level;

/* A join that merges its operands' columns of the same name into one: the
 * sources [first, end) of `level` below it, and the names merged (NULL for
 * NATURAL: every name both sides have). */
typedef struct sg__merge {
    int level;
    size_t first, end;
    size_t mid;   /* the right operand's sources start here */
    int location; /* of the right operand, for a diagnostic about the list */
    const char *const *names;
    size_t count;
} sg__merge;

enum {
    SG_COLREF_STAR = 1u << 0,          /* `*` or `t.*` (name NULL) */
    SG_COLREF_SEES_EXCLUDED = 1u << 1, /* in ON CONFLICT DO UPDATE */
    /* a bare name of ORDER BY / GROUP BY / DISTINCT ON, which may name an
     * output column of its level (outputs) rather than an input column */
    SG_COLREF_OUTPUT_NAME = 1u << 2,
    /* a `*` in the select list of EXISTS (...), whose values nobody reads */
    SG_COLREF_UNREAD = 1u << 3,
    /* with SG_COLREF_OUTPUT_NAME, a GROUP BY name: an input column first,
     * the output only when no input column has the name */
    SG_COLREF_INPUT_FIRST = 1u << 4,
    /* a name whose sight the walker cannot tell exactly (MERGE's WHEN
     * clauses see the source, or the source and the target): never placed,
     * judged by every table in sight that could have it */
    SG_COLREF_UNPLACED = 1u << 5,
    /* the reference's value meets no other value in type resolution (walk.h's
     * `isolated`: a whole output item, ORDER BY or GROUP BY item of the
     * statement's own SELECT, a RETURNING item) */
    SG_COLREF_ISOLATED = 1u << 6,
    /* the reference is read as xml in a place of its own: an argument of
     * XMLCONCAT, XMLROOT, XMLSERIALIZE or xmlagg, a content of XMLELEMENT or
     * XMLFOREST, where an xml value meets no other value */
    SG_COLREF_XML_PLACE = 1u << 7,
    /* the reference's value may take the type of a string or parameter it
     * meets, or give it its own: an element of an array constructed where
     * it meets other values (ARRAY[c] || $1, array_agg(c) = $1), or an
     * argument of a function that unifies its polymorphic arguments
     * (array_append, lag, ...). A domain's value keeps the domain there (a
     * scalar comparison, CASE or COALESCE reads it as its base type). */
    SG_COLREF_POLY_PLACE = 1u << 8,
    /* a direct argument of a call that reads a whole row without giving its
     * type to another value (row_to_json, to_jsonb, count, ...) */
    SG_COLREF_ROW_CONSUMED = 1u << 9,
    /* the reference's own value meets other values (not isolated, not a
     * non-unifying call's argument, not a cast's operand): a column of an
     * array of an application's type keeps that type there */
    SG_COLREF_MEETS = 1u << 10,
    /* in the RETURNING list of an INSERT or UPDATE (at any depth), where a
     * column of the target reads the row the statement wrote */
    SG_COLREF_RETURNING = 1u << 11
};

typedef struct sg__column_ref {
    const char *name;      /* NULL for `*` */
    const char *qualifier; /* `t` of `t.*`; NULL otherwise */
    long source;           /* `t.*`: the source t names, -1 when none in sight */
    int location;
    unsigned flags;    /* SG_COLREF_* */
    int level;         /* where the reference stands */
    size_t first, end; /* the sources of its own level in sight */
    /* SG_COLREF_OUTPUT_NAME: whether an output column of the level has the
     * name, and whether the walker could tell every output's name but the
     * `*`s' (when not, any name may be an output's) */
    bool is_output;
    bool outputs_known;
    int call; /* the innermost call whose arguments hold it (facts->funcs), or -1 */
    /* `a.*` where no FROM item (nor CTE, target or EXCLUDED) named a is in
     * sight at any level, as sg__field_ref's */
    const char *missing_item;
} sg__column_ref;

/* A path or polygon the statement makes of a constant or a parameter (a
 * cast to pg_catalog's path or polygon, or an array of them, of a string
 * constant or of a $n, through casts that keep its text): the constant's
 * points, or the $n whose text the rules count them in. */
typedef struct sg__geometry {
    int param;                 /* the $n, or 0 for a constant */
    unsigned long long points; /* a constant's points */
    int location;              /* of the cast's operand */
    bool path;                 /* a path's (else a polygon's) */
} sg__geometry;

/* An output of a query level that stands for more than one copy of the
 * values below it (pg/expand.c): PostgreSQL's planner puts a sub-select's
 * (or a WITH query's) output expression in place of every reference to its
 * column, so `x.s || x.s` over a level that does the same doubles at each
 * level, and the text the output makes is at most its constants'
 * characters and `weight` times its longest other piece (a parameter's
 * value, what a sized call makes; a stored column counts as one character). */
typedef struct sg__expansion {
    unsigned long long weight; /* saturates at SG_EXPANSION_CAP */
    /* the characters of the constants it holds, each copy counted, and 64
     * for each constant's node, saturating at SG_EXPANSION_CAP */
    unsigned long long chars;
    unsigned long long params; /* bit n - 1: $n is among its pieces (n <= 64) */
    bool params_more;          /* a $n above 64 is */
    /* a call that sizes what it makes is among its pieces (repeat, lpad,
     * rpad, array_fill, format, replace, regexp_replace, generate_series) */
    bool sized;
    int location; /* of the output, -1 when it has none */
} sg__expansion;

enum { SG_EXPANSION_CAP_SHIFT = 40 };
#define SG_EXPANSION_CAP (1ULL << SG_EXPANSION_CAP_SHIFT)

/* A subscript of a column a statement writes (`SET doc['k'][3] = ...`,
 * `INSERT INTO t (tags[2]) ...`): the index PostgreSQL may pad up to (a
 * jsonb array fills the gap with nulls). */
typedef struct sg__subscript_write {
    long relation;    /* the target, an index into relations */
    const char *name; /* the column */
    int location;     /* of the subscript */
    /* the index: an integer or string constant's text (a sign folded in),
     * or the $n of a parameter (cast or not), or neither (an expression, a
     * slice) */
    const char *index;
    int param;
} sg__subscript_write;

/* A column a statement writes a value to: an UPDATE's (or ON CONFLICT DO
 * UPDATE's, or MERGE's) SET target, or a column of an INSERT's list or, when
 * none is written, the table's column at `position`. */
typedef struct sg__column_write {
    long relation;    /* the target, an index into relations */
    const char *name; /* NULL: the table's column at `position` (INSERT without a list) */
    size_t position;
    int location; /* of the name; of the value when `value` */
    /* a value written (one per row of a VALUES list), recorded only when it
     * is a parameter; the name itself is a write of its own */
    bool value;
    int param; /* `value`: the $n */
    /* a SET target (an UPDATE's, ON CONFLICT DO UPDATE's or MERGE's UPDATE
     * action's): it changes a row that was there, not one inserted */
    bool set;
    /* ON CONFLICT DO UPDATE SET c = EXCLUDED.c: the value the conflict
     * found in the row when c is an arbiter column, and the place of
     * `EXCLUDED.c` */
    bool from_excluded;
    int excluded_location;
    /* SET c = c (or t.c, t the target): the row's own datum, unchanged */
    bool keeps_value;
    /* SET c = DEFAULT: the column's default, NULL when it has none */
    bool to_default;
    /* the name's write (not `value`): every value the statement writes to
     * the column is a parameter, uncast (`SET c = $1`, each VALUES row's
     * `$n`), so the `value` writes of the column are all it gets */
    bool only_params;
} sg__column_write;

/* A parameter compared with a column: `col = $1`, `$1 <> t.col`, `col IN
 * ($1, $2)`, `col = ANY($1)`, `col BETWEEN $1 AND $2`, the column and the
 * parameter uncast. */
typedef enum {
    SG_PCMP_EQUAL = 0, /* =, IN: the value must be able to equal a column value */
    SG_PCMP_ORDER,     /* <, <=, >, >=, <>, BETWEEN */
    SG_PCMP_ANY        /* = ANY($n): the value is an array of the column's type */
} sg__param_cmp_kind;

typedef struct sg__param_cmp {
    int param;    /* $n */
    int location; /* of the $n */
    sg__param_cmp_kind kind;
    bool qualified; /* the column is facts->fields[ref], else facts->columns[ref] */
    size_t ref;
} sg__param_cmp;

/* An UPDATE or DELETE without WHERE (data-modifying CTEs too): every row of
 * its target. */
typedef struct sg__unfiltered {
    int location;   /* of the target's name */
    long relation;  /* the target, an index into relations */
    bool is_delete; /* else an UPDATE */
} sg__unfiltered;

/* Facts of the top-level SELECT (leaf or set operation) of a statement. */
typedef struct sg__top_select {
    bool is_set_operation; /* UNION / INTERSECT / EXCEPT */
    bool has_from;
    bool has_group_by;
    /* every GROUP BY item is the empty grouping set `()`: one group, one row */
    bool group_empty;
    bool has_having;
    bool has_distinct;
    bool has_order_by;
    bool has_limit;    /* LIMIT / FETCH */
    bool with_ties;    /* FETCH FIRST n ROWS WITH TIES: rows that tie are all returned */
    bool order_random; /* ORDER BY random(): a sample, which has no pages to keep stable */
    /* Every ORDER BY item holds no column anywhere (a sub-select's
     * included), no aggregate or window syntax and is no output position:
     * a constant, a parameter, `(SELECT 1)`, `now()`; the calls those items
     * make, by name (const char *), so the rules can tell an aggregate
     * (`count(1)`) or a volatile call, which do order */
    bool order_without_columns;
    sg__vec order_calls;
    bool has_offset;
    /* an OFFSET other than the constant 0 or NULL: it may skip rows */
    bool offset_skips;
    bool has_locking; /* FOR UPDATE / SHARE at the top level */
    /* The LIMIT / OFFSET / FETCH clause, -1 without one: its first keyword
     * when the level has no ORDER BY (where paginate.order-by-required points);
     * else, sparing a second scan of the text, its first value. */
    int limit_location;
    size_t values_rows; /* rows of a top-level VALUES list, else 0 */
    /* every output of the (plain) select is a constant or a parameter, cast
     * or not: its rows are all alike */
    bool outputs_constant;
    /* every output holds no column, aggregate or window syntax (as
     * order_without_columns's items: `now()`, `(SELECT 1)`), with the calls
     * they make by name (const char *): rows alike unless a call is volatile,
     * an aggregate or returns a set, which the rules tell */
    bool outputs_without_columns;
    sg__vec output_calls;
    bool where_false; /* WHERE FALSE: no rows (a migration tool's verify query) */
    /* ORDER BY items that are plain columns; order_by_exprs counts the
     * other items. */
    sg__vec order_keys; /* sg__order_key */
    size_t order_by_exprs;
    /* What makes each output row distinct on its own, when it is plain
     * columns: the GROUP BY items (no grouping sets, no expressions), and
     * the DISTINCT ON items or, for a plain DISTINCT, the output columns;
     * *_plain false when some item is not a plain column. */
    sg__vec group_keys; /* sg__order_key */
    bool group_plain;
    sg__vec distinct_keys; /* sg__order_key */
    bool distinct_plain;
    /* The items of GROUP BY, DISTINCT (ON) and ORDER BY that are an output
     * column that is an expression (by position, or by its name: `GROUP BY
     * 1`, `ORDER BY d` for `date_trunc(...) AS d`), as that output's
     * 1-based position (size_t); such items count as known too. */
    sg__vec group_outputs;
    sg__vec distinct_outputs;
    sg__vec order_outputs;
    /* A set operation without ALL at any node (its rows are distinct) whose
     * ORDER BY names every output column. */
    bool set_ordered_whole;
    /* An output that is row_number() over no PARTITION BY, or over one of
     * plain columns: its 1-based position (0: none) and the partition's
     * columns, which together with it are distinct in every row (unless a
     * set-returning call of the target list repeats rows: the rules tell). */
    size_t rownum_output;
    sg__vec rownum_keys; /* sg__order_key */
    sg__vec from;        /* sg__from_item, in the order of the text */
    sg__vec pins;        /* sg__column_pin */
    sg__vec links;       /* sg__column_link */
} sg__top_select;

typedef struct sg__facts {
    sg__stmt_kind kind;
    const char *other_name; /* for SG_STMT_OTHER: "CREATE TABLE", ... */
    /* Lint only: the statement walked is the query of EXPLAIN, PREPARE, COPY
     * (query) TO or DECLARE CURSOR, which `wrapper` names ("EXPLAIN", ...) */
    const char *wrapper;
    /* Lint only: `SET search_path` (SESSION or LOCAL): `search_path_set`,
     * with the schemas as a `SET` would write them (each quoted, comma
     * separated; "" for none), or NULL for SET ... TO DEFAULT, RESET and
     * RESET ALL */
    bool search_path_set;
    bool search_path_local; /* SET LOCAL: until the transaction ends */
    const char *search_path;
    /* Lint only: the temporary table or view the statement creates (CREATE
     * TEMP TABLE, ... AS, SELECT ... INTO TEMP, CREATE TEMP VIEW), else NULL:
     * an unqualified name of the statements after it finds that one first */
    const char *temp_created;
    bool temp_on_commit_drop; /* ... created ON COMMIT DROP */
    /* Lint only: the tables a DROP TABLE names unqualified or in pg_temp
     * (const char *), which may end a temporary table; and DISCARD TEMP or
     * ALL, which ends them all */
    sg__vec temp_dropped;
    bool discard_temp;
    /* Lint only: DISCARD ALL, which resets the path as RESET ALL does but
     * is refused inside a transaction block */
    bool discard_all;
    /* Lint only: a transaction statement: BEGIN or START TRANSACTION,
     * COMMIT, END or PREPARE TRANSACTION, ROLLBACK or ABORT, SAVEPOINT,
     * RELEASE [SAVEPOINT], ROLLBACK TO [SAVEPOINT] (SG_TX_NONE otherwise);
     * `tx_savepoint` names the savepoint of the last three, `tx_chain` is
     * COMMIT or ROLLBACK AND CHAIN (a new transaction begins at once) */
    enum {
        SG_TX_NONE = 0,
        SG_TX_BEGIN,
        SG_TX_COMMIT,
        SG_TX_ROLLBACK,
        SG_TX_SAVEPOINT,
        SG_TX_RELEASE,
        SG_TX_ROLLBACK_TO
    } tx;
    const char *tx_savepoint;
    bool tx_chain;
    size_t statement_count; /* statements in the text */
    int statement_location; /* offset of the (first) statement */
    /* an empty statement (`;`) stands before the first one */
    bool leading_empty;

    sg__vec relations;        /* sg__relref */
    sg__vec ctes;             /* sg__cte */
    sg__vec params;           /* sg__paramref */
    sg__vec funcs;            /* sg__funcref */
    sg__vec unsupported;      /* sg__unsupported */
    sg__vec stars;            /* int: locations of `*` / `t.*` in the top-level target list */
    sg__vec literal_cmps;     /* sg__literal_cmp */
    sg__vec unordered_limits; /* sg__unordered_limit */
    sg__vec inserts_without_columns; /* int: locations of INSERT targets without a column list */
    sg__vec unfiltered_writes;       /* sg__unfiltered: UPDATE or DELETE without WHERE */
    sg__vec ddl_relations;           /* sg__relref: the tables and views a DDL statement
                                      * (or SELECT ... INTO) creates, and the new name of
                                      * one it renames; use 0 */

    sg__top_select top; /* valid when kind == SG_STMT_SELECT */
    bool has_into;      /* SELECT ... INTO anywhere */
    /* DDL of any object (not SET, COPY, VACUUM, ...): a migration's, which
     * lint judges its file's DML by (lint/sql.c) */
    bool changes_schema;
    int into_location;
    bool has_current_of;     /* WHERE CURRENT OF cursor */
    int current_of_location; /* of the first one's CURRENT */
    bool depth_exceeded;     /* the walker stopped at max_ast_depth */
    int depth_location;      /* of the innermost located node where it stopped */
    bool incomplete;         /* the walk did not finish (allocation failure) */
    sg__vec types;           /* sg__typeref, in the order the walk met them */
    /* the pads of all of them (sg__typeref.pad) and where the largest is */
    unsigned long long pads;
    int pad_location;
    bool range_casts;       /* a $n cast to a type whose name has "range" in it */
    bool query_casts;       /* a $n cast to a type named tsquery */
    sg__vec fields;         /* sg__field_ref, in the order of their places */
    sg__vec conflicts;      /* sg__conflict_target, one per ON CONFLICT (...) */
    sg__vec inserts;        /* sg__insert, one per INSERT (data-modifying CTEs and MERGE's
                             * INSERT actions too) */
    sg__vec sources;        /* sg__source, every FROM item of every level */
    sg__vec levels;         /* sg__level, by level */
    sg__vec level_pins;     /* sg__column_pin of the levels with an only_source */
    sg__vec merges;         /* sg__merge */
    sg__vec columns;        /* sg__column_ref: unqualified names, `*`, `t.*` */
    sg__vec writes;         /* sg__column_write */
    sg__vec written_values; /* sg__written_value */
    sg__vec param_cmps;     /* sg__param_cmp */
    /* sg__paramref: a $n PostgreSQL reads as a text search query, an operand
     * of @@ or @@@ as it is or cast to text (a cast to tsquery is the type's
     * fact) */
    sg__vec query_params;
    sg__vec geometries; /* sg__geometry */
    /* an operator that may compare two paths' or polygons' edges pairwise
     * (<->, ?#, &&, ~=, and @> or <@ of no point) */
    bool geometry_ops;
    sg__vec subscripts; /* sg__subscript_write */
    sg__vec expansions; /* sg__expansion: outputs of weight 2 or more */
    /* the references of an output lead through more FROM items, one within
     * another, than the walker follows: its expansion is taken as the cap */
    bool expansion_too_deep;
    /* A recursive WITH query whose step makes a column of two or more
     * copies of the columns that grow at each step (`r.s || r.s`, `a ||
     * b` with b the a before): its text doubles at every step (pg/expand.c) */
    const char *doubling_cte;    /* its name, NULL when none */
    const char *doubling_column; /* the column's name, NULL when unnamed */
    int doubling_location;       /* of the step's output */
} sg__facts;

/* Kinds of facts a statement may have none of; a rule declares the ones it
 * reads (sg__rule.needs), and the runner skips it when the statement has
 * none of them (sg__facts_present). */
enum {
    SG_FACT_FUNCS = 1u << 0,            /* funcs */
    SG_FACT_TYPES = 1u << 1,            /* types */
    SG_FACT_CTES = 1u << 2,             /* ctes */
    SG_FACT_UNSUPPORTED = 1u << 3,      /* unsupported, or depth_exceeded */
    SG_FACT_STARS = 1u << 4,            /* stars */
    SG_FACT_LITERAL_CMPS = 1u << 5,     /* literal_cmps */
    SG_FACT_UNORDERED_LIMITS = 1u << 6, /* unordered_limits */
    SG_FACT_INSERTS_BARE = 1u << 7,     /* inserts_without_columns */
    SG_FACT_UNFILTERED = 1u << 8,       /* unfiltered_writes */
    SG_FACT_FIELDS = 1u << 9,           /* fields */
    SG_FACT_COLUMNS = 1u << 10,         /* columns */
    SG_FACT_WRITES = 1u << 11,          /* writes */
    SG_FACT_CONFLICTS = 1u << 12,       /* conflicts */
    SG_FACT_MERGES = 1u << 13,          /* merges */
    SG_FACT_INSERTS = 1u << 14,         /* inserts */
    SG_FACT_PARAM_CMPS = 1u << 15       /* param_cmps */
};

/* The SG_FACT_* bits of the kinds `facts` has at least one of. */
unsigned sg__facts_present(const sg__facts *facts);

/* The $n at byte `location` of the compiled SQL, or NULL. The check sorts
 * facts->params by location before any rule runs. */
const sg__paramref *sg__facts_param_at(const sg__facts *facts, int location);
void sg__facts_sort_params(sg__facts *facts);

#endif
