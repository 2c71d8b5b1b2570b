/*
 * rules.h - what the rule files share with each other.
 *
 * Each rule file defines its descriptor (`const sg__rule sg__rule_<name>`);
 * registry.c lists them. Everything a rule needs from the core comes through
 * check/rule.h.
 */
#ifndef SG_RULES_RULES_H
#define SG_RULES_RULES_H

#include "check/rule.h"

/* True when paginate.order-by-required reports this statement's top-level
 * select (it runs under the policy and the select needs an ORDER BY it does
 * not have): paginate.limit-without-order-by then stays silent about that
 * level. */
bool sg__paginate_top_reported(const sg__rule_ctx *ctx);

/* True when the order of the statement's top-level select's rows cannot
 * matter: it provably returns at most one row (paginate_order_by_required.c
 * says when), or only rows alike (every output a constant or a parameter),
 * or none (WHERE FALSE, EXPLAIN's): it needs no ORDER BY, and no unique
 * one. */
bool sg__paginate_order_moot(const sg__rule_ctx *ctx);

/* Whether query level `level` (not the top-level select) picks nothing
 * arbitrary by its LIMIT: a key lookup of one catalog table (at most one row
 * of it passes, for each row of the items it reads from outside), or a
 * select of one whose outputs are all columns its WHERE pins to one value
 * (paginate_order_by_required.c). */
bool sg__paginate_level_picks_nothing(const sg__rule_ctx *ctx, int level);
/* True when the top-level WHERE pins `column` of the top-level FROM item
 * bound to `relation` to one value, as a key lookup's columns are. */
bool sg__paginate_column_pinned(const sg__rule_ctx *ctx, long relation, const char *column);
/* Whether the target list of query level `level` (-1: of the top-level
 * select) calls no set-returning or unknown function outside aggregates'
 * arguments: no such call repeats its rows. */
bool sg__paginate_target_sets_none(const sg__rule_ctx *ctx, int level);
/* The query level of top-level FROM item `item` when it is a sub-select or
 * WITH query (facts->levels), else NULL. */
const sg__level *sg__paginate_item_level(const sg__rule_ctx *ctx, const sg__from_item *item);

/* ---- params.c ---- */

/* Parameter $n as the caller wrote it (`%(name)s`, `%s number 2`, `$3`), in
 * the diagnostics' arena; NULL when memory ran out. */
const char *sg__param_display_name(const sg__rule_ctx *ctx, int n);
/* Parameter $n's bound value: 1 with *t its text as the executor binds it
 * (NULL for a NULL value), 0 when it has none here (lint, or a value
 * missing: params.missing's), -1 when memory ran out. */
int sg__param_bound_text(const sg__rule_ctx *ctx, int n, const char **t);

/* ---- func_names.c: values PostgreSQL reads as names (for func.denied) ---- */

/* Whether the argument `a`, a string or a parameter read as a text search
 * object's name, is a plain name (any other argument: no). 1, 0, or -1 when
 * memory ran out. */
int sg__ts_arg_plain(const sg__rule_ctx *ctx, const sg__funcarg *a);
/* The argument of call `fn` (one of f->funcs) that PostgreSQL reads as a
 * text search configuration (or ts_lexize's dictionary), or NULL. */
const sg__funcarg *sg__ts_config_arg(const sg__rule_ctx *ctx, const sg__funcref *fn);
/* Whether that argument `a` can name only what the pinned search path
 * finds. 1, 0, or -1 when memory ran out. */
int sg__ts_config_plain(const sg__rule_ctx *ctx, const sg__funcref *fn, const sg__funcarg *a);
/* Reports a parameter read as a configuration that also meets another
 * value; 0, or -1 when memory ran out. */
int sg__ts_check_parameters(const sg__rule_ctx *ctx);
/* Reports the reads and writes of scoped columns whose type looks names up
 * where a string or parameter may meet them; 0, or -1 when memory ran out. */
int sg__check_name_typed_columns(const sg__rule_ctx *ctx);

/* ---- columns.c: what a column reference names ---- */

/* A column index for the system columns (ctid, xmin, ...), and for none. */
enum { SG_SYSTEM_COLUMN = -1, SG_NO_COLUMN = -2 };

/* The scoped table behind facts->relations[relation]; NULL for a relation
 * outside the scope (or no scope at all). */
const sg__meta_table *sg__relation_scoped(const sg__rule_ctx *ctx, long relation);

/* The same, when the catalog lists its columns; NULL otherwise. */
const sg__meta_table *sg__relation_table(const sg__rule_ctx *ctx, long relation);

/* The type of column `name` of the scoped table behind relation `relation`
 * as the catalog gives it, read; NULL when not known. */
const sg__pgtype *sg__relation_column_type(const sg__rule_ctx *ctx, long relation,
                                           const char *name);

/* The scoped table a name selected from a relation's row (`t.f`,
 * `s.t.f`, `(t).f`) reads, when the catalog lists its columns; NULL for any
 * other row, a relation outside the scope, a schema that is not the table's
 * own, or a table whose columns the catalog does not list. */
const sg__meta_table *sg__field_table(const sg__rule_ctx *ctx, const sg__field_ref *r);
/* Whether field reference `r` surely names a field of its row (else `(x).f`
 * may be the call f(x): attribute notation). */
bool sg__field_names_column(const sg__rule_ctx *ctx, const sg__field_ref *r);

/* The type of column `c` of `t` as the catalog writes it, when its input
 * looks names up in the catalogs (regclass, regproc, ..., aclitem, arrays of
 * them); NULL otherwise. */
const char *sg__column_names_type(const sg__meta_table *t, long c);
/* The first column of `t` of such a type, or -1: its row's input reads
 * names too. */
long sg__table_names_column(const sg__meta_table *t);

/* Whether `name` is a column of `t` as the catalog lists it, or one of the
 * system columns every table has (tableoid, ctid, xmin, xmax, cmin, cmax). */
bool sg__table_has_column(const sg__meta_table *t, const char *name);

/* The index in t->columns of the column `name` names when an alias renames
 * the first `renamed` columns to `renames` (none: 0), SG_SYSTEM_COLUMN or
 * SG_NO_COLUMN. */
long sg__table_column(const sg__meta_table *t, const char *const *renames, size_t renamed,
                      const char *name);

typedef enum {
    SG_RES_UNDECIDED = 0, /* what the text and the catalog tell is not enough */
    SG_RES_FOUND,         /* a column of source `source` (table/column when a catalog table's) */
    SG_RES_AMBIGUOUS,     /* sources `source` and `other` both have it */
    SG_RES_MISSING,       /* no source in sight has it, nor is one so named */
    SG_RES_WHOLE_ROW,     /* the whole row of source `source` */
    SG_RES_OUTPUT         /* ORDER BY / GROUP BY naming an output column */
} sg__res_status;

typedef struct sg__resolved {
    sg__res_status status;
    long source, other; /* indexes into facts->sources, or -1 */
    int level;          /* FOUND, AMBIGUOUS: the level that decided */
    const sg__meta_table *table;
    long column; /* index into table->columns, or SG_SYSTEM_COLUMN / SG_NO_COLUMN */
} sg__resolved;

/* Resolves an unqualified name (facts->columns entry with a name); returns
 * out->status. */
int sg__resolve_name(const sg__rule_ctx *ctx, const sg__column_ref *ref, sg__resolved *out);

/* The column a GROUP BY key names: the key itself, or, for a bare name no
 * input column surely has, the output's column it stands for
 * (sg__order_key.alt_column). */
sg__order_key sg__group_key(const sg__rule_ctx *ctx, const sg__order_key *k);

/* The relation (index into facts->relations) whose column `column` a plain
 * column reference of the top-level SELECT names: `qualifier.column` through
 * the FROM item so named, an unqualified one (at `location`) as resolved.
 * 1 when it is a catalog relation's column of that name (no alias column list
 * renaming it), -1 when surely none, 0 when undecided. */
int sg__top_column(const sg__rule_ctx *ctx, const char *qualifier, const char *column, int location,
                   long *relation);

/* Whether source s has a column `name`: 1 surely, -1 surely not, 0 when the
 * text and the catalog cannot tell (an aliased join's item counts 0: its
 * operands answer). */
int sg__source_provides(const sg__rule_ctx *ctx, const sg__source *s, const char *name);

/* The catalog table and column (*column) that the plain column reference
 * at `location` resolves to (an unqualified name, or `t.c` of a relation),
 * or NULL (a column of a sub-select, WITH query or function, or undecided). */
const sg__meta_table *sg__column_at(const sg__rule_ctx *ctx, int location, long *column);

/* The catalog table whose column `name` source s surely has (*column its
 * index; a user column), or NULL. */
const sg__meta_table *sg__source_table_column(const sg__rule_ctx *ctx, const sg__source *s,
                                              const char *name, long *column);

/* Whether source `s` is in sight of a reference that sees the sources
 * [first, end) of its level: an aliased join's operand only from within
 * that join, a join's alias only from outside it. */
static inline bool sg__source_in_sight(const sg__source *s, size_t first, size_t end)
{
    bool within = end < s->hidden_end || (end == s->hidden_end && first >= s->hidden_first);
    return (!s->hidden_end || within) && (!s->visible_from || end >= s->visible_from);
}
/* The source named `name` in sight from `level` (its own sources in sight
 * [first, end)), or -1. */
long sg__find_source(const sg__rule_ctx *ctx, int level, size_t first, size_t end,
                     const char *name);

#endif
