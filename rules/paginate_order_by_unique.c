/*
 * paginate_order_by_unique.c - pages are stable only under a total order.
 *
 * With the catalog's keys known, a paginated select whose top-level ORDER BY
 * does not include every column of some unique key (the primary key or a
 * unique constraint) of a table of its top-level FROM clause can order ties
 * differently from one page to the next, so rows overlap or go missing. An
 * ORDER BY item counts for a table when it names that table's column:
 * qualified by its FROM item, unqualified and resolved to it, or through an
 * output column (by name or position) that is such a column; an item whose
 * table the text and catalog cannot tell counts for every table with a
 * column of its name. Through a FROM item that is no catalog table (a
 * sub-select, a CTE, a function), the keys of the tables the statement reads
 * further in count by name, as they do for the ORDER BY of a set operation
 * (UNION, INTERSECT, EXCEPT). A select that returns at most one row (a key
 * lookup, an aggregate) has no ties, and neither has one whose ORDER BY
 * includes what makes each of its rows distinct: every GROUP BY column,
 * every DISTINCT ON column, every output column of a DISTINCT, every
 * output column of a set operation without ALL, or a row_number() output
 * and its window's PARTITION BY columns (a sub-select's or WITH query's too), or the
 * ordinality column of a function WITH ORDINALITY over values of the statement. A key column the
 * WHERE pins to one value (as a key lookup's are) needs no place in the ORDER BY. A warning: the
 * guard cannot see expressions that are unique. A migration's selects are paged by nobody: it does
 * not run on a migration's statements.
 */
#include "rules.h"

/* Whether a reference qualified with `qualifier` (NULL: bare) names
 * top-level FROM item `item`: by its name, or bare where it is the only
 * FROM item. */
static bool names_item(const sg__top_select *t, const sg__from_item *item, const char *qualifier)
{
    return qualifier ? item->name && strcmp(qualifier, item->name) == 0 : t->from.count == 1;
}

/* Whether order key `k` names, under another name, `column` of the one
 * relation a top-level sub-select or WITH query reads (`FROM (SELECT a.uid
 * AS id ...) t ... ORDER BY t.id`, SQLAlchemy's and TypeORM's labels):
 * qualified with the item's name, or bare where it is the only FROM item. */
static bool renamed_key(const sg__rule_ctx *ctx, const sg__order_key *k, const char *column)
{
    const sg__facts *f = ctx->facts;
    const sg__top_select *t = &f->top;
    for (size_t i = 0; i < t->from.count; i++) {
        const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, i);
        if (item->relation >= 0 || item->child_level < 0 ||
            (size_t)item->child_level >= f->levels.count || item->renames_columns ||
            !names_item(t, item, k->qualifier))
            continue;
        const sg__level *l = &SG__VEC_AT(f->levels, sg__level, (size_t)item->child_level);
        for (size_t o = 0; o < l->out_count; o++)
            if (l->out_names[o] && l->out_columns[o] && strcmp(l->out_names[o], k->column) == 0)
                return strcmp(l->out_columns[o], column) == 0;
    }
    return false;
}

/* Whether the ORDER BY names `column` of the relation (index into
 * facts->relations) of a top-level FROM item; relation -1: of a table read
 * further in, which only an item not bound to a top-level table can name. */
static bool ordered_by(const sg__rule_ctx *ctx, long relation, const char *column)
{
    const sg__top_select *t = &ctx->facts->top;
    for (size_t i = 0; i < t->order_keys.count; i++) {
        const sg__order_key *k = &SG__VEC_AT(t->order_keys, sg__order_key, i);
        if (relation < 0 && renamed_key(ctx, k, column))
            return true;
        if (strcmp(k->column, column) != 0)
            continue;
        long of;
        int found = sg__top_column(ctx, k->qualifier, k->column, k->location, &of);
        if (found == 0 || (found == 1 ? of == relation : relation < 0))
            return true;
    }
    return false;
}

/* Whether two plain columns of the top level are surely the same column. */
static bool same_column(const sg__rule_ctx *ctx, const sg__order_key *a, const sg__order_key *b)
{
    if (strcmp(a->column, b->column) != 0)
        return false;
    if (!a->qualifier && !b->qualifier)
        return true; /* one name, resolved in one scope */
    if (a->qualifier && b->qualifier)
        return strcmp(a->qualifier, b->qualifier) == 0;
    /* with one FROM item at the top level, an unqualified column is that
     * item's (a sub-select's or a CTE's as much as a table's) */
    const sg__top_select *t = &ctx->facts->top;
    const char *qualifier = a->qualifier ? a->qualifier : b->qualifier;
    if (t->from.count == 1) {
        const sg__from_item *only = &SG__VEC_AT(t->from, sg__from_item, 0);
        if (only->name && strcmp(only->name, qualifier) == 0)
            return true;
    }
    long ra, rb;
    return sg__top_column(ctx, a->qualifier, a->column, a->location, &ra) == 1 &&
           sg__top_column(ctx, b->qualifier, b->column, b->location, &rb) == 1 && ra == rb;
}

/* Whether the ORDER BY includes every column of `keys` and every output
 * column of `outputs` (by position or name). */
static bool orders_all(const sg__rule_ctx *ctx, const sg__vec *keys, const sg__vec *outputs)
{
    const sg__top_select *t = &ctx->facts->top;
    for (size_t i = 0; i < keys->count; i++) {
        sg__order_key k = sg__group_key(ctx, &SG__VEC_AT(*keys, sg__order_key, i));
        bool found = false;
        for (size_t j = 0; k.alt_output && j < t->order_outputs.count && !found; j++)
            found = k.alt_output == SG__VEC_AT(t->order_outputs, size_t, j);
        for (size_t j = 0; k.column && j < t->order_keys.count && !found; j++)
            found = same_column(ctx, &k, &SG__VEC_AT(t->order_keys, sg__order_key, j));
        if (!found)
            return false;
    }
    for (size_t i = 0; i < outputs->count; i++) {
        bool found = false;
        for (size_t j = 0; j < t->order_outputs.count && !found; j++)
            found = SG__VEC_AT(*outputs, size_t, i) == SG__VEC_AT(t->order_outputs, size_t, j);
        if (!found)
            return false;
    }
    return keys->count + outputs->count > 0;
}

/* Whether every column of `key` is in the ORDER BY or pinned to one value
 * by the WHERE (`tenant = %(t)s ... ORDER BY id` with the key (tenant, id)):
 * a pinned column cannot tie-break, and need not. At least one must be
 * ordered: a key pinned whole says its table has one row, and nothing of
 * the rows of the others it is joined with. */
static bool covers(const sg__rule_ctx *ctx, long relation, const char *const *key)
{
    bool ordered = false;
    for (; *key; key++) {
        if (ordered_by(ctx, relation, *key))
            ordered = true;
        else if (!sg__paginate_column_pinned(ctx, relation, *key))
            return false;
    }
    return ordered;
}

/* Whether some unique key of `table` is covered; *example the first key
 * column seen, for the message. */
static bool key_covered(const sg__rule_ctx *ctx, long relation, const sg__meta_table *table,
                        const char **example)
{
    for (size_t k = 0; k < table->unique_count; k++) {
        if (covers(ctx, relation, table->unique[k]))
            return true;
        if (!*example)
            *example = table->unique[k][0];
    }
    return false;
}

/* Whether the ORDER BY holds every column that makes the rows of item (a
 * sub-select or WITH query) distinct: its GROUP BY, DISTINCT ON or DISTINCT
 * outputs, qualified with the item's name, or bare where it is the only
 * FROM item. */
static bool item_key_covered(const sg__rule_ctx *ctx, const sg__from_item *item)
{
    const sg__facts *f = ctx->facts;
    const sg__top_select *t = &f->top;
    const sg__level *l = sg__paginate_item_level(ctx, item);
    if (!l || !l->key_count ||
        (l->keys_rownum && !sg__paginate_target_sets_none(ctx, item->child_level)))
        return false;
    for (size_t k = 0; k < l->key_count; k++) {
        /* a GROUP BY name that an input column of the level may have groups
         * by that column, not by the output of its name */
        for (size_t i = 0; k < 64 && (l->keys_input_first >> k & 1) && i < f->sources.count; i++) {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
            if (s->level == item->child_level && sg__source_provides(ctx, s, l->keys[k]) >= 0)
                return false;
        }
        bool found = false;
        for (size_t j = 0; j < t->order_keys.count && !found; j++) {
            const sg__order_key *o = &SG__VEC_AT(t->order_keys, sg__order_key, j);
            found = strcmp(o->column, l->keys[k]) == 0 && names_item(t, item, o->qualifier);
        }
        /* the row number (the last key) pinned to one value by the WHERE
         * (`WHERE x.rn = 1`, the latest row of each group): one row a
         * partition, which its columns tell apart */
        for (size_t j = 0; !found && l->keys_rownum && k + 1 == l->key_count && j < t->pins.count;
             j++) {
            const sg__column_pin *p = &SG__VEC_AT(t->pins, sg__column_pin, j);
            found = !p->outer && strcmp(p->column, l->keys[k]) == 0 &&
                    names_item(t, item, p->qualifier);
        }
        if (!found)
            return false;
    }
    return true;
}

/* Whether no top-level FROM item but `item` may have column `name`: the
 * others are scoped tables without it. */
static bool only_item_with(const sg__rule_ctx *ctx, const sg__from_item *item, const char *name)
{
    const sg__top_select *t = &ctx->facts->top;
    for (size_t i = 0; i < t->from.count; i++) {
        const sg__from_item *other = &SG__VEC_AT(t->from, sg__from_item, i);
        if (other == item)
            continue;
        const sg__meta_table *table = sg__relation_scoped(ctx, other->relation);
        if (!table || other->renames_columns ||
            sg__table_column(table, NULL, 0, name) != SG_NO_COLUMN)
            return false;
    }
    return true;
}

/* Whether the ORDER BY names the ordinality column of function item `item`
 * (sg__from_item.ordinality), qualified with its name, or bare where no
 * other FROM item may have the name: each row the function returns has its
 * own number. */
static bool ordinality_ordered(const sg__rule_ctx *ctx, const sg__from_item *item)
{
    const sg__top_select *t = &ctx->facts->top;
    for (size_t j = 0; item->ordinality && j < t->order_keys.count; j++) {
        const sg__order_key *o = &SG__VEC_AT(t->order_keys, sg__order_key, j);
        if (strcmp(o->column, item->ordinality) == 0 &&
            (o->qualifier ? item->ordinality_qualifier &&
                                strcmp(o->qualifier, item->ordinality_qualifier) == 0
                          : only_item_with(ctx, item, o->column)))
            return true;
    }
    return false;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    const sg__top_select *t = &f->top;
    /* WITH TIES returns the rows that tie with the last: ties are what it
     * asks for (an OFFSET still cuts a group of ties at the page's start);
     * ORDER BY random() draws a sample, and no key would keep its pages
     * stable */
    if (ctx->op->kind != SG_OP_SELECT || f->kind != SG_STMT_SELECT || !t->has_order_by ||
        (t->with_ties && !t->offset_skips) || t->order_random || sg__paginate_order_moot(ctx) ||
        sg__paginate_top_reported(ctx)) /* an ORDER BY that orders nothing: an error there */
        return 0;
    /* each row is distinct on what the ORDER BY includes; a row number is
     * within its partition, unless a set-returning call repeats the rows */
    bool rownum_ordered = false;
    for (size_t j = 0; t->rownum_output && j < t->order_outputs.count; j++)
        rownum_ordered |= SG__VEC_AT(t->order_outputs, size_t, j) == t->rownum_output;
    if (rownum_ordered &&
        (!t->rownum_keys.count || orders_all(ctx, &t->rownum_keys, &(sg__vec){0})) &&
        sg__paginate_target_sets_none(ctx, -1))
        return 0;
    if (t->set_ordered_whole ||
        (t->group_plain && orders_all(ctx, &t->group_keys, &t->group_outputs)) ||
        (t->distinct_plain && orders_all(ctx, &t->distinct_keys, &t->distinct_outputs)))
        return 0;
    const char *example = NULL;
    /* a FROM item that is no catalog table; a set operation's ORDER BY
     * names the output columns of its branches */
    bool opaque = t->is_set_operation;
    for (size_t i = 0; i < t->from.count; i++) {
        const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, i);
        const sg__meta_table *table = sg__relation_scoped(ctx, item->relation);
        if (item->relation < 0)
            opaque = true;
        if (item_key_covered(ctx, item) || ordinality_ordered(ctx, item))
            return 0;
        if (table && !item->renames_columns && key_covered(ctx, item->relation, table, &example))
            return 0;
    }
    /* A sub-select, CTE or function passes on rows of the tables read
     * further in: their keys count by name, through items that name no
     * top-level table. */
    for (size_t i = 0; opaque && ctx->scope && i < ctx->scope->count; i++) {
        const sg__scoped_table *st = &ctx->scope->tables[i];
        if (st->required != SG_ACCESS_NONE && key_covered(ctx, -1, st->table, &example))
            return 0;
    }
    if (!example)
        return 0; /* no keys known: nothing to judge */
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->statement_location,
                      "the ORDER BY does not include a unique key (such as %s), so rows that tie "
                      "can move between pages",
                      example);
}

const sg__rule sg__rule_paginate_order_by_unique = {
    .id = "paginate.order-by-unique",
    .summary = "the ORDER BY of a paginated select does not include a unique key",
    .severity = SG_SEVERITY_WARNING,
    .kinds = SG_RULE_FACTS,
    .not_in_migrations = true,
    .needs_complete_facts = true,
    .check = check,
};
