/*
 * paginate_order_by_required.c - paginated selects need a stable order.
 *
 * Selects are paginated up to max_rows, and without a top-level ORDER BY the
 * rows of one page may reappear, or never appear, on the next. A select that
 * provably returns at most one row needs none: a plain aggregate (or HAVING)
 * without GROUP BY, a single VALUES row, a select without FROM, or a key
 * lookup, all without set-returning functions in the target list. A key
 * lookup reads only catalog tables, each pinned on every column of its
 * primary key or of one unique key by top-level AND-ed `=` with parameters
 * or constants, or with columns of a table pinned already (a column named
 * unqualified counts for the item it resolves to; an outer join's ON pins its
 * nullable side only): at most one row of each can pass for each combination
 * of those before it, so at most one combination of them all. A plain GROUP
 * BY, or a DISTINCT, of columns that each have one value (pinned, of a table
 * pinned on a key, or equated with such a column, by the WHERE and inner
 * joins only) is one row too. A select whose every output is a constant
 * or a parameter returns rows that are all alike, in any order. LIMIT 1
 * still needs an ORDER BY,
 * or the row is arbitrary. paginate.order-by-unique asks the same question.
 * The finding points at the top-level LIMIT/OFFSET/FETCH when there is one
 * (paginate.limit-without-order-by then says nothing more about that level),
 * else at the statement. A migration's selects (pg_dump's `SELECT
 * pg_catalog.lo_unlink(oid) FROM ...`, a job scheduled) return their rows to
 * nobody who pages them: no pagination rule runs on a migration's statements.
 */
#include "funclist.h"
#include "resolve/params.h"
#include "rules.h"

extern const sg__rule sg__rule_paginate_order_by_required;

/* A built-in's shape (set-returning, aggregate, window) whatever its class:
 * a denied one is func.denied's, and says no more about the row count than
 * an allowed one. */
static const sg__func_info *builtin_info(const sg__funcref *fn)
{
    bool builtin = !fn->catalog && (!fn->schema || strcmp(fn->schema, "pg_catalog") == 0);
    return builtin ? sg__func_find(fn->name) : NULL;
}

/* Inside the arguments of an aggregate or window call, where PostgreSQL
 * allows no set-returning function. */
static bool inside_aggregate(const sg__facts *f, const sg__funcref *fn)
{
    for (int p = fn->parent; p >= 0;) {
        const sg__funcref *up = &SG__VEC_AT(f->funcs, sg__funcref, p);
        const sg__func_info *info = builtin_info(up);
        if (up->has_over || (info && (info->flags & (SG_FN_AGGREGATE | SG_FN_WINDOW))))
            return true;
        p = up->parent;
    }
    return false;
}

/* How the top-level target list's calls shape the row count. */
static void scan_target_calls(const sg__facts *f, bool *aggregate, bool *maybe_many)
{
    *aggregate = *maybe_many = false;
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (!fn->in_top_targetlist || fn->kind != SG_FUNC_CALL)
            continue;
        const sg__func_info *info = builtin_info(fn);
        if (inside_aggregate(f, fn))
            continue;
        if (!info) {
            *maybe_many = true; /* unknown: it could return a set */
            continue;
        }
        if (info->flags & SG_FN_SETOF)
            *maybe_many = true;
        if ((info->flags & SG_FN_AGGREGATE) && !fn->has_over)
            *aggregate = true;
    }
}

/* The catalog table a relation of the statement is bound to, or NULL (lint
 * without a catalog, a table outside the scope). */
static const sg__meta_table *bound_table(const sg__rule_ctx *ctx, long relation)
{
    if (relation < 0 || !ctx->bindings || !ctx->scope)
        return NULL;
    long scoped = ctx->bindings[relation].scoped;
    return scoped >= 0 ? ctx->scope->tables[scoped].table : NULL;
}

/*
 * Whether a pin's value keeps the comparison in the column's own equality,
 * which the unique key is enforced with. Uncast, the value takes the
 * column's type. Cast to one of these built-in types, the comparison runs
 * either in the column's type or in the cast's type through a conversion
 * that keeps distinct values distinct (integers and numeric among
 * themselves, text and varchar, dates and timestamps), or it does not type
 * at all: at most one row either way. Any other cast (float8, whose equality
 * would merge distinct bigints; an application type; an array) is no pin.
 */
static bool exact_type(const char *cast)
{
    static const char *const exact[] = {"int2", "int4",      "int8",       "numeric",
                                        "text", "varchar",   "uuid",       "date",
                                        "bool", "timestamp", "timestamptz"};
    if (!cast)
        return true;
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
        if (strcmp(cast, exact[i]) == 0)
            return true;
    return false;
}

/* The catalog type of the column `p` pins, of `item`'s catalog table, when it
 * is one outside pg_catalog (citext, an enum, a domain), scalar and without
 * modifiers: its name as the catalog writes it, else NULL. */
static const char *own_type_name(const sg__rule_ctx *ctx, const sg__from_item *item,
                                 const sg__column_pin *p)
{
    const sg__meta_table *table = sg__relation_scoped(ctx, item->relation);
    long c = table ? sg__table_column(table, NULL, 0, p->column) : SG_NO_COLUMN;
    if (c < 0 || !table->column_type_read || !table->column_type_read[c])
        return NULL;
    const sg__pgtype *type = &table->column_pgtypes[c];
    if (type->array_dims != 0 || type->kind != SG__PGKIND_OTHER || type->mod1 != -1)
        return NULL;
    return type->name;
}

static const char *default_schema(const sg__rule_ctx *ctx)
{
    return ctx->scope && ctx->scope->source ? ctx->scope->source->default_schema : NULL;
}

/* Whether type name `a` and type name `b` ("name" or "schema.name", neither
 * quoted) name one type, an unqualified name being in `fallback`, the data
 * source's default schema, where the guard resolves it. */
static bool same_type_name(const char *a, const char *b, const char *fallback)
{
    const char *da = strrchr(a, '.'), *db = strrchr(b, '.');
    const char *na = da ? da + 1 : a, *nb = db ? db + 1 : b;
    if (strchr(a, '"') || strchr(b, '"') || strcmp(na, nb) != 0)
        return false;
    size_t la = da ? (size_t)(da - a) : 0, lb = db ? (size_t)(db - b) : 0;
    const char *sa = da ? a : fallback, *sb = db ? b : fallback;
    if (!da)
        la = sa ? strlen(sa) : 0;
    if (!db)
        lb = sb ? strlen(sb) : 0;
    return sa && sb && la == lb && strncmp(sa, sb, la) == 0;
}

/* Whether a cast in a pin's value keeps the comparison exact: a type
 * exact_type() admits, or the pinned column's own type (`email =
 * $1::citext` on a citext key, `status = $1::order_status` on an enum):
 * then the value has the column's type, as an uncast parameter would take
 * it, and compares as `col = $1` does. */
typedef struct own_type {
    const char *name;     /* own_type_name(), or NULL */
    const char *fallback; /* the data source's default schema */
    int kind;             /* the column's sg__pgkind (key_kind()), -1 when not known */
} own_type;

/* The kind of `column` of `item`'s catalog table, -1 when not known (or an
 * array). */
static int key_kind(const sg__rule_ctx *ctx, const sg__from_item *item, const char *column)
{
    const sg__meta_table *table = sg__relation_scoped(ctx, item->relation);
    long c = table ? sg__table_column(table, NULL, 0, column) : SG_NO_COLUMN;
    if (c < 0 || !table->column_type_read || !table->column_type_read[c] ||
        table->column_pgtypes[c].array_dims != 0)
        return -1;
    return (int)table->column_pgtypes[c].kind;
}

/* Whether a scalar sub-select's value, of a type the text does not show,
 * compares with a column of this kind in the key's own equality: `=` of a
 * uuid, a boolean or a date meets only its own type, an integer's of int2
 * or int4 is exact against every number type, a text's against every
 * string type; not a bigint's (a float8 value meets two bigints) nor the
 * times' (a time zone moves them). */
static bool subselect_exact(int kind)
{
    return kind == SG__PGKIND_UUID || kind == SG__PGKIND_BOOL || kind == SG__PGKIND_DATE ||
           kind == SG__PGKIND_INT2 || kind == SG__PGKIND_INT4 || kind == SG__PGKIND_TEXT ||
           kind == SG__PGKIND_VARCHAR;
}

static bool cast_exact(const char *cast, own_type own)
{
    return exact_type(cast) ||
           (cast && own.name && cast[0] && same_type_name(cast, own.name, own.fallback));
}

static bool exact_cast(const sg__column_pin *p, own_type own)
{
    return cast_exact(p->cast, own);
}

/* Whether an expression value is one value, compared in the key's own
 * equality: every type it casts to is one exact_type() admits, and every
 * function it calls is one of pg_catalog's that makes text or a date of its
 * arguments, the same in every row. Not the clock's other readings (now(),
 * CURRENT_TIMESTAMP: a timestamp key compares with them across the session's
 * time zone), float functions (sqrt, float8: distinct bigints and numerics
 * meet), bpchar (trailing blanks ignored), volatile or set-returning ones. */
static bool exact_value(const sg__column_pin *p, own_type own)
{
    if (p->subselect && !subselect_exact(own.kind))
        return false;
    static const char *const exact[] = {
        "upper",     "lower",   "btrim",     "ltrim",      "rtrim",     "concat",      "concat_ws",
        "replace",   "substr",  "substring", "left",       "right",     "lpad",        "rpad",
        "translate", "initcap", "md5",       "split_part", "make_date", "current_date"};
    for (size_t i = 0; i < p->cast_count; i++)
        if (!cast_exact(p->casts[i], own))
            return false;
    for (size_t i = 0; i < p->call_count; i++) {
        size_t k = 0;
        while (k < sizeof exact / sizeof exact[0] && strcmp(p->calls[i], exact[k]) != 0)
            k++;
        if (k == sizeof exact / sizeof exact[0])
            return false;
    }
    return true;
}

/* Whether a cast of the column itself keeps its distinct values distinct:
 * a uuid or an integer written as text (`uid::text = $1`) has one spelling,
 * text or varchar stays the same bytes, an integer cast to another integer
 * type or to numeric keeps its value (or fails), and a cast to the column's
 * own type (`id::bigint` of a bigint, `day::date`) changes nothing. */
static bool column_cast_exact(const sg__rule_ctx *ctx, const sg__from_item *item,
                              const sg__column_pin *p)
{
    static const struct {
        int kind;
        const char *cast;
    } own[] = {{SG__PGKIND_UUID, "uuid"},
               {SG__PGKIND_BOOL, "bool"},
               {SG__PGKIND_DATE, "date"},
               {SG__PGKIND_TIMESTAMP, "timestamp"},
               {SG__PGKIND_TIMESTAMPTZ, "timestamptz"},
               {SG__PGKIND_NUMERIC, "numeric"}};
    if (!p->column_cast)
        return true;
    const sg__meta_table *table = sg__relation_scoped(ctx, item->relation);
    long c = table ? sg__table_column(table, NULL, 0, p->column) : SG_NO_COLUMN;
    if (c < 0 || !table->column_type_read || !table->column_type_read[c])
        return false;
    const sg__pgtype *type = &table->column_pgtypes[c];
    if (type->array_dims != 0)
        return false;
    bool integer = type->kind == SG__PGKIND_INT2 || type->kind == SG__PGKIND_INT4 ||
                   type->kind == SG__PGKIND_INT8;
    const char *cast = p->column_cast;
    if (strcmp(cast, "text") == 0 || strcmp(cast, "varchar") == 0)
        return integer || type->kind == SG__PGKIND_UUID || type->kind == SG__PGKIND_TEXT ||
               type->kind == SG__PGKIND_VARCHAR;
    if (integer)
        return strcmp(cast, "int2") == 0 || strcmp(cast, "int4") == 0 ||
               strcmp(cast, "int8") == 0 || strcmp(cast, "numeric") == 0;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if ((int)type->kind == own[i].kind)
            return strcmp(cast, own[i].cast) == 0;
    return false;
}

/* Whether a pin names `column` of `item`: qualified by its name, or
 * unqualified and resolved to it (when the item is the only one, no other
 * can have the column). */
static bool pinned_by(const sg__rule_ctx *ctx, const sg__from_item *item, bool only,
                      const char *column, bool outer_too)
{
    const sg__top_select *t = &ctx->facts->top;
    for (size_t i = 0; i < t->pins.count; i++) {
        const sg__column_pin *p = &SG__VEC_AT(t->pins, sg__column_pin, i);
        if (strcmp(p->column, column) != 0 || (p->outer && !outer_too) ||
            !column_cast_exact(ctx, item, p))
            continue;
        own_type own = {p->cast_count ? own_type_name(ctx, item, p) : NULL, default_schema(ctx),
                        p->subselect ? key_kind(ctx, item, p->column) : -1};
        if (!exact_cast(p, own) || !exact_value(p, own))
            continue;
        if (p->qualifier ? strcmp(p->qualifier, item->name) == 0 : only)
            return true;
        long relation;
        if (!p->qualifier && sg__top_column(ctx, NULL, p->column, p->location, &relation) == 1 &&
            relation == item->relation)
            return true;
    }
    return false;
}

/* The column of `item` is pinned to one value in the rows `item` has that
 * pass (an outer join's ON counts: the rows it adds are not `item`'s). */
static bool pinned(const sg__rule_ctx *ctx, const sg__from_item *item, bool only,
                   const char *column)
{
    return pinned_by(ctx, item, only, column, true);
}

/* The index in the top-level FROM of the item a column reference names
 * (by its qualifier, or resolved when unqualified), or -1. */
static long item_of(const sg__rule_ctx *ctx, const char *qualifier, const char *column,
                    int location)
{
    const sg__top_select *t = &ctx->facts->top;
    long relation = -1;
    if (!qualifier && sg__top_column(ctx, NULL, column, location, &relation) != 1)
        return -1;
    for (size_t i = 0; i < t->from.count; i++) {
        const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, i);
        if (qualifier ? item->name && !item->hidden && strcmp(item->name, qualifier) == 0
                      : item->relation == relation)
            return (long)i;
    }
    return -1;
}

/* The catalog type of `column` of `table`, read, scalar; NULL otherwise. */
static const sg__pgtype *column_type(const sg__meta_table *table, const char *column)
{
    long c = sg__table_column(table, NULL, 0, column);
    if (c < 0 || !table->column_type_read || !table->column_type_read[c])
        return NULL;
    const sg__pgtype *t = &table->column_pgtypes[c];
    return t->array_dims == 0 && t->kind != SG__PGKIND_OTHER ? t : NULL;
}

/* Whether `a = b` compares in an equality that keeps the distinct values of
 * either column distinct: the same type, or integers of two widths, or text
 * and varchar. A float, a char(n) against text, an application type: no. */
static bool exact_link(const sg__pgtype *a, const sg__pgtype *b)
{
    static const char *const families[][3] = {
        {"smallint", "integer", "bigint"},
        {"text", "character varying", NULL},
    };
    if (!a || !b)
        return false;
    bool same = strcmp(a->name, b->name) == 0;
    if (same && strcmp(a->name, "character") != 0 && strcmp(a->name, "double precision") != 0 &&
        strcmp(a->name, "real") != 0)
        return true;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        bool in_a = false, in_b = false;
        for (size_t k = 0; k < 3 && families[f][k]; k++) {
            in_a |= strcmp(a->name, families[f][k]) == 0;
            in_b |= strcmp(b->name, families[f][k]) == 0;
        }
        if (in_a && in_b)
            return true;
    }
    return false;
}

static const sg__pgtype *item_column_type(const sg__rule_ctx *ctx, const sg__from_item *item,
                                          const char *column);

/* Whether `column` of item `at`, of type `type`, equals, by a link (an inner
 * join's or the WHERE's only, when `inner`), a column of an item `held`
 * already holds at most one row of, or (when `inner`) a column pinned to a
 * value itself: `a.uid = e.account_uid` with `e.account_uid = $1` pins a.uid
 * too. A sub-select's column is linked only by its qualified name. */
static bool linked(const sg__rule_ctx *ctx, size_t at, const sg__pgtype *type, const char *column,
                   const bool *held, bool inner)
{
    const sg__top_select *t = &ctx->facts->top;
    for (size_t i = 0; type && i < t->links.count; i++) {
        const sg__column_link *l = &SG__VEC_AT(t->links, sg__column_link, i);
        if (inner && l->outer)
            continue;
        for (int side = 0; side < 2; side++) {
            int other = 1 - side;
            if (!l->may_pin[side] || strcmp(l->column[side], column) != 0 ||
                item_of(ctx, l->qualifier[side], l->column[side], l->location[side]) != (long)at)
                continue;
            long by = item_of(ctx, l->qualifier[other], l->column[other], l->location[other]);
            if (by < 0 || (size_t)by == at)
                continue;
            const sg__from_item *from = &SG__VEC_AT(t->from, sg__from_item, (size_t)by);
            /* a sub-select held for one row may hold one for each row of the
             * items before it (LATERAL): it holds one in all when they do */
            bool one = held[by];
            for (long b = 0; one && b < by && from->relation < 0; b++)
                one = held[b];
            if (!one &&
                !(inner && from->name && pinned_by(ctx, from, false, l->column[other], false)))
                continue;
            if (exact_link(type, item_column_type(ctx, from, l->column[other])))
                return true;
        }
    }
    return false;
}

/* Every column of one of the table's unique keys (the primary key among
 * them) is pinned: to a value, or linked to an item `held` holds at most one
 * row of; by the WHERE and inner joins only when `inner`. */
static bool key_pinned(const sg__rule_ctx *ctx, size_t at, bool only, const sg__meta_table *table,
                       const bool *held, bool inner)
{
    const sg__from_item *item = &SG__VEC_AT(ctx->facts->top.from, sg__from_item, at);
    for (size_t k = 0; k < table->unique_count; k++) {
        const char *const *col = table->unique[k];
        while (*col && (pinned_by(ctx, item, only, *col, !inner) ||
                        (held && linked(ctx, at, column_type(table, *col), *col, held, inner))))
            col++;
        if (!*col && col != table->unique[k])
            return true;
    }
    return false;
}

enum { MAX_ITEMS = 64 };

/* Whether parameter $n (0: none) is bound to 0 or 1, as a JSON number or a
 * string of those digits: `LIMIT $1` is then `LIMIT 1`, an ORM binding the
 * constant (Prisma's and Drizzle's to-one loads). */
static bool limit_param_one(const sg__rule_ctx *ctx, int n)
{
    const char *text;
    return sg__param_bound_text(ctx, n, &text) > 0 && text &&
           (strcmp(text, "0") == 0 || strcmp(text, "1") == 0);
}

/* Whether some `(x).f` of the statement may call a set-returning function
 * `f` (`(x).unnest` calls unnest(x) when x has no field of that name). */
static bool field_may_return_set(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (sg__field_names_column(ctx, r))
            continue; /* a field: no call (the common case, asked first) */
        const sg__func_info *info = sg__func_find(r->name);
        if (info && (info->flags & SG_FN_SETOF))
            return true;
    }
    return false;
}

/* A sub-select's pin of `table`'s column to a column of an outer item
 * (`WHERE users.id = p.user_id` in a LATERAL sub-select): one value for each
 * row of that item when the column's type keeps its values distinct under
 * any comparison, or when the item is a catalog table of the top-level FROM,
 * named so, and the two columns compare in an equality that keeps distinct
 * values distinct (exact_link). Only a level directly under the top level's
 * sees those items by their names (a level further in may see an item of a
 * level between that has the name). */
static bool outer_pin_exact(const sg__rule_ctx *ctx, const sg__meta_table *table,
                            const sg__column_pin *p)
{
    /* An outer reference is one value each time the level runs, whatever
     * item of whatever level it names (a sub-select's, a WITH query's:
     * Hasura's `"_root.base"."book_uid" = "uid"`, a lookup a level further
     * in, as Drizzle writes it): a key whose type no comparison PostgreSQL
     * accepts can make two of its values equal to one is matched once. */
    static const char *const distinct_alone[] = {"uuid", "smallint", "integer", "boolean", "date"};
    const sg__pgtype *key = column_type(table, p->column);
    for (size_t i = 0; key && i < sizeof distinct_alone / sizeof distinct_alone[0]; i++)
        if (strcmp(key->name, distinct_alone[i]) == 0)
            return true;
    const sg__facts *f = ctx->facts;
    const sg__top_select *t = &f->top;
    int parent = p->level >= 0 && (size_t)p->level < f->levels.count
                     ? SG__VEC_AT(f->levels, sg__level, (size_t)p->level).parent
                     : -2;
    if (parent < 0 || SG__VEC_AT(f->levels, sg__level, (size_t)parent).parent != -1)
        return false;
    for (size_t i = 0; i < t->from.count; i++) {
        const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, i);
        if (!item->name || item->hidden || strcmp(item->name, p->outer_qualifier) != 0)
            continue;
        const sg__meta_table *outer = bound_table(ctx, item->relation);
        return outer && !item->renames_columns &&
               exact_link(column_type(table, p->column), column_type(outer, p->outer_column));
    }
    if (f->kind == SG_STMT_SELECT)
        return false;
    /* a write: its target, UPDATE ... FROM's and DELETE ... USING's items,
     * each a catalog table named so (not EXCLUDED) */
    for (size_t i = 0; i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->level != parent || !s->name || s->row != SG_ROW_RELATION || s->excluded ||
            s->column_count || strcmp(s->name, p->outer_qualifier) != 0)
            continue;
        const sg__meta_table *outer = bound_table(ctx, s->relation);
        return outer &&
               exact_link(column_type(table, p->column), column_type(outer, p->outer_column));
    }
    return false;
}

/* Whether the WHERE of sub-select `level`, whose FROM is source `s` (catalog
 * table `table`), pins `column` of it to one value as the top-level key
 * lookup's pins are judged, or (LATERAL) to a column of a catalog table of
 * the top-level FROM (outer_pin_exact). */
static bool level_pinned(const sg__rule_ctx *ctx, int level, const sg__source *s,
                         const sg__meta_table *table, const char *column)
{
    const sg__facts *f = ctx->facts;
    sg__from_item item = {.relation = s->relation, .name = s->name, .child_level = -1};
    for (size_t i = 0; i < f->level_pins.count; i++) {
        const sg__column_pin *p = &SG__VEC_AT(f->level_pins, sg__column_pin, i);
        /* unqualified, the name is the table's: it has the column */
        if (p->level != level || strcmp(p->column, column) != 0 ||
            (p->qualifier && strcmp(p->qualifier, s->name) != 0) ||
            !column_cast_exact(ctx, &item, p))
            continue;
        if (p->outer_column) {
            if (outer_pin_exact(ctx, table, p))
                return true;
            continue;
        }
        own_type own = {p->cast_count ? own_type_name(ctx, &item, p) : NULL, default_schema(ctx),
                        p->subselect ? key_kind(ctx, &item, p->column) : -1};
        if (exact_cast(p, own) && exact_value(p, own))
            return true;
    }
    return false;
}

/* The source and catalog table of a sub-select that reads one catalog table,
 * named as itself; NULL for any other. */
static const sg__meta_table *level_table(const sg__rule_ctx *ctx, const sg__level *l,
                                         const sg__source **source)
{
    const sg__facts *f = ctx->facts;
    if (l->only_source < 0 || (size_t)l->only_source >= f->sources.count)
        return NULL;
    const sg__source *s = &SG__VEC_AT(f->sources, sg__source, (size_t)l->only_source);
    const sg__meta_table *table = bound_table(ctx, s->relation);
    if (!table || !s->name || s->row != SG_ROW_RELATION || s->column_count)
        return NULL;
    *source = s;
    return table;
}

/* A plain sub-select whose FROM is one catalog table, named as itself, and
 * whose WHERE pins every column of one of its unique keys (level_pinned):
 * `(SELECT ... FROM t WHERE uid = $1)`, `WITH a AS (SELECT ... WHERE code =
 * $1)`. At most one row of the table passes. */
static bool level_key_lookup(const sg__rule_ctx *ctx, int level, const sg__level *l)
{
    const sg__source *s;
    const sg__meta_table *table = level_table(ctx, l, &s);
    for (size_t k = 0; table && k < table->unique_count; k++) {
        const char *const *col = table->unique[k];
        while (*col && level_pinned(ctx, level, s, table, *col))
            col++;
        if (!*col && col != table->unique[k])
            return !field_may_return_set(ctx);
    }
    return false;
}

/* A plain sub-select of one catalog table whose every output is a plain
 * column its WHERE pins to one value (level_pinned), of a type whose equal
 * values are the same value (no numeric's `1.0 = 1.00`, no citext, and no
 * text, whose collation the catalog does not give: a nondeterministic one
 * takes 'Bob' for 'bob'): all its rows are alike, whichever LIMIT takes
 * (Sequelize's `(SELECT user_id FROM posts WHERE user_id = u.id LIMIT 1)
 * IS NOT NULL`). */
static bool level_rows_alike(const sg__rule_ctx *ctx, int level, const sg__level *l)
{
    static const char *const same[] = {"uuid", "smallint", "integer", "bigint", "boolean", "date"};
    const sg__source *s;
    const sg__meta_table *table = level_table(ctx, l, &s);
    if (!table || !l->out_count)
        return false;
    for (size_t o = 0; o < l->out_count; o++) {
        const char *column = l->out_columns[o];
        const sg__pgtype *type = column ? column_type(table, column) : NULL;
        size_t k = 0;
        while (type && k < sizeof same / sizeof same[0] && strcmp(type->name, same[k]) != 0)
            k++;
        if (!type || k == sizeof same / sizeof same[0] ||
            !level_pinned(ctx, level, s, table, column))
            return false;
    }
    return !field_may_return_set(ctx);
}

static bool target_calls(const sg__rule_ctx *ctx, int level, bool *aggregate);

bool sg__paginate_level_picks_nothing(const sg__rule_ctx *ctx, int level)
{
    const sg__facts *f = ctx->facts;
    bool aggregate;
    if (level < 0 || (size_t)level >= f->levels.count)
        return false;
    const sg__level *l = &SG__VEC_AT(f->levels, sg__level, (size_t)level);
    return l->plain && target_calls(ctx, level, &aggregate) &&
           (level_key_lookup(ctx, level, l) || level_rows_alike(ctx, level, l));
}

/* Whether the target list of `level` calls no set-returning or unknown
 * function (outside aggregates' arguments); *aggregate: it calls an
 * aggregate outside any window. */
static bool target_calls(const sg__rule_ctx *ctx, int level, bool *aggregate)
{
    const sg__facts *f = ctx->facts;
    *aggregate = false;
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (fn->kind != SG_FUNC_CALL || fn->targetlist_level != level || inside_aggregate(f, fn))
            continue;
        const sg__func_info *info = builtin_info(fn);
        if (!info || (info->flags & SG_FN_SETOF))
            return false;
        if ((info->flags & SG_FN_AGGREGATE) && !fn->has_over)
            *aggregate = true;
    }
    return true;
}

bool sg__paginate_target_sets_none(const sg__rule_ctx *ctx, int level)
{
    bool aggregate, maybe_many;
    if (level >= 0)
        return (size_t)level < ctx->facts->levels.count && target_calls(ctx, level, &aggregate);
    scan_target_calls(ctx->facts, &aggregate, &maybe_many);
    return !maybe_many;
}

/* A sub-select in FROM (`child_level`) that returns at most one row, for
 * each row of the items before it when LATERAL: a plain select (no set
 * operation, GROUP BY or VALUES) with LIMIT 0 or 1, or whose target list
 * calls an aggregate (outside any window) and no set-returning or unknown
 * function, or that has no FROM and calls none, or that is a key lookup of
 * one table (level_key_lookup) and calls none. */
static bool one_row_level_at(const sg__rule_ctx *ctx, int child_level, unsigned depth);

/* Whether every FROM item of `level` is a sub-select or WITH query of at
 * most one row (one_row_level): their product is at most one row, which a
 * select that only passes it on keeps (`SELECT c FROM (SELECT c FROM
 * (SELECT count(*) AS c FROM t) y) x`). A join's alias is no item of its
 * own; an operand of a FULL join is not one row (the join adds the other
 * side's unmatched row). */
static bool items_one_row(const sg__rule_ctx *ctx, int level, unsigned depth)
{
    const sg__facts *f = ctx->facts;
    bool any = false;
    for (size_t i = 0; i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->level != level || s->join_alias)
            continue;
        /* a FULL join of two one-row items makes up to two */
        if (s->child_level < 0 || s->child_level == level || s->in_full_join ||
            !one_row_level_at(ctx, s->child_level, depth + 1))
            return false;
        any = true;
    }
    return any;
}

static bool one_row_level(const sg__rule_ctx *ctx, int child_level)
{
    return one_row_level_at(ctx, child_level, 0);
}

/* one_row_level(), through at most ONE_ROW_DEPTH levels of items. */
enum { ONE_ROW_DEPTH = 16 };
static bool one_row_level_at(const sg__rule_ctx *ctx, int child_level, unsigned depth)
{
    const sg__facts *f = ctx->facts;
    if (child_level < 0 || (size_t)child_level >= f->levels.count || depth > ONE_ROW_DEPTH)
        return false;
    const sg__level *l = &SG__VEC_AT(f->levels, sg__level, (size_t)child_level);
    if (!l->plain)
        return false;
    if (l->limit_one || limit_param_one(ctx, l->limit_param))
        return true;
    bool aggregate;
    if (!target_calls(ctx, child_level, &aggregate))
        return false;
    return aggregate || !l->has_from || level_key_lookup(ctx, child_level, l) ||
           items_one_row(ctx, child_level, depth);
}

/* The source that names the `outputs` outputs of top-level FROM item `item`,
 * a sub-select or a WITH query, as the statement reads them, or NULL: its
 * first `outputs` names are theirs by position (a column list's renames
 * among them; the walker lists the list's names again after them). */
static const sg__source *derived_source(const sg__rule_ctx *ctx, const sg__from_item *item,
                                        size_t outputs)
{
    const sg__facts *f = ctx->facts;
    int parent = SG__VEC_AT(f->levels, sg__level, (size_t)item->child_level).parent;
    for (size_t i = 0; i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if (s->level == parent && s->row == SG_ROW_COLUMNS && s->name &&
            strcmp(s->name, item->name) == 0)
            return s->column_count >= outputs ? s : NULL;
    }
    return NULL;
}

/* The catalog table that top-level FROM item `item`, a sub-select or WITH
 * query, reads as itself in a plain select (each of its rows is one of the
 * table's), with that select's level and the source that names its outputs
 * as the statement reads them; NULL for any other item. */
static const sg__meta_table *derived_table(const sg__rule_ctx *ctx, const sg__from_item *item,
                                           const sg__level **level, const sg__source **seen)
{
    const sg__facts *f = ctx->facts;
    if (item->relation >= 0 || item->child_level < 0 ||
        (size_t)item->child_level >= f->levels.count || !item->name)
        return NULL;
    const sg__level *l = &SG__VEC_AT(f->levels, sg__level, (size_t)item->child_level);
    bool aggregate;
    const sg__source *s;
    const sg__meta_table *table = l->plain && l->out_count ? level_table(ctx, l, &s) : NULL;
    if (!table || !target_calls(ctx, item->child_level, &aggregate) || field_may_return_set(ctx) ||
        !(*seen = derived_source(ctx, item, l->out_count)))
        return NULL;
    *level = l;
    return table;
}

/* The table's column that output `name` of such an item is as a plain
 * column, or NULL (an expression, or a name two outputs have). */
static const char *derived_output(const sg__level *l, const sg__source *seen, const char *name)
{
    const char *column = NULL;
    for (size_t o = 0; o < l->out_count; o++) {
        if (!seen->columns[o] || strcmp(seen->columns[o], name) != 0)
            continue;
        if (column || !l->out_columns[o])
            return NULL;
        column = l->out_columns[o];
    }
    return column;
}

/* The catalog type of `column` of a top-level FROM item: a catalog table
 * named as itself, or such a sub-select's plain output; NULL otherwise. */
static const sg__pgtype *item_column_type(const sg__rule_ctx *ctx, const sg__from_item *item,
                                          const char *column)
{
    const sg__meta_table *table = bound_table(ctx, item->relation);
    if (table)
        return item->renames_columns ? NULL : column_type(table, column);
    const sg__level *l;
    const sg__source *seen;
    table = derived_table(ctx, item, &l, &seen);
    const char *own = table ? derived_output(l, seen, column) : NULL;
    return own ? column_type(table, own) : NULL;
}

/*
 * Item `at` of the top-level FROM, a sub-select or WITH query reading one
 * catalog table as itself (derived_table), whose outputs hold every column of
 * one of the table's unique keys as plain columns, each pinned at the top
 * level by the name the item gives it: to a value, or linked to an item `held`
 * holds at most one row of (linked, with `inner` as there). At most one row
 * of the table passes, so at most one of the item. jOOQ's `FROM (SELECT ...
 * FROM users) AS u WHERE u.id = $1`, Slick's renamed `x2.x3`, `WITH a AS
 * (SELECT id, email FROM users WHERE tenant_id = $1) SELECT ... FROM a WHERE
 * a.email = $2`, `JOIN (SELECT id, name FROM users) u ON u.id = p.user_id`.
 */
static bool derived_key_pinned(const sg__rule_ctx *ctx, size_t at, bool only, const bool *held,
                               bool inner)
{
    const sg__top_select *t = &ctx->facts->top;
    const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, at);
    const sg__level *l;
    const sg__source *seen;
    const sg__meta_table *table = derived_table(ctx, item, &l, &seen);
    if (!table)
        return false;
    /* derived_table() found it a catalog table named as itself */
    const sg__source *s = &SG__VEC_AT(ctx->facts->sources, sg__source, (size_t)l->only_source);
    sg__from_item as_table = {.relation = s->relation, .name = s->name, .child_level = -1};
    for (size_t k = 0; k < table->unique_count; k++) {
        const char *const *col = table->unique[k];
        for (; *col; col++) {
            bool pinned_here = false;
            for (size_t o = 0; o < l->out_count && !pinned_here; o++) {
                if (!l->out_columns[o] || strcmp(l->out_columns[o], *col) != 0)
                    continue;
                const char *name = seen->columns[o];
                for (size_t i = 0; i < t->pins.count && !pinned_here; i++) {
                    sg__column_pin p = SG__VEC_AT(t->pins, sg__column_pin, i);
                    if (strcmp(p.column, name) != 0 || p.outer ||
                        (p.qualifier ? strcmp(p.qualifier, item->name) != 0 : !only))
                        continue;
                    p.column = *col; /* the table's column, for its type */
                    own_type own = {p.cast_count ? own_type_name(ctx, &as_table, &p) : NULL,
                                    default_schema(ctx),
                                    p.subselect ? key_kind(ctx, &as_table, p.column) : -1};
                    pinned_here = column_cast_exact(ctx, &as_table, &p) && exact_cast(&p, own) &&
                                  exact_value(&p, own);
                }
                pinned_here =
                    pinned_here || (held && derived_output(l, seen, name) == l->out_columns[o] &&
                                    linked(ctx, at, column_type(table, *col), name, held, inner));
            }
            if (!pinned_here)
                break;
        }
        if (!*col && col != table->unique[k])
            return true;
    }
    return false;
}

/* A sub-select of the top-level FROM that numbers its rows with
 * row_number() over no partition (the level's one key, keys_rownum), and
 * whose number the WHERE pins to one value (`WHERE x.rn = 1`, the latest
 * row): one row. */
const sg__level *sg__paginate_item_level(const sg__rule_ctx *ctx, const sg__from_item *item)
{
    const sg__facts *f = ctx->facts;
    return item->relation < 0 && item->child_level >= 0 &&
                   (size_t)item->child_level < f->levels.count
               ? &SG__VEC_AT(f->levels, sg__level, (size_t)item->child_level)
               : NULL;
}

static bool rownum_pinned(const sg__rule_ctx *ctx, const sg__from_item *item)
{
    const sg__top_select *t = &ctx->facts->top;
    const sg__level *l = sg__paginate_item_level(ctx, item);
    if (!l || !l->keys_rownum || l->key_count != 1 ||
        !sg__paginate_target_sets_none(ctx, item->child_level))
        return false;
    for (size_t i = 0; i < t->pins.count; i++) {
        const sg__column_pin *p = &SG__VEC_AT(t->pins, sg__column_pin, i);
        if (!p->outer && strcmp(p->column, l->keys[0]) == 0 &&
            (p->qualifier ? item->name && strcmp(p->qualifier, item->name) == 0
                          : t->from.count == 1))
            return true;
    }
    return false;
}

/* An item of the top-level FROM that is such a sub-select, one whose row
 * number is pinned, or a call of a function that returns one row (no set:
 * `jsonb_to_record(%(j)s)`, `now()`), for each row of the items before it
 * when LATERAL. */
static bool one_row_item(const sg__rule_ctx *ctx, const sg__from_item *item)
{
    if (item->function) {
        const sg__func_info *info = sg__func_lookup(item->function);
        return info && !(info->flags & (SG_FN_SETOF | SG_FN_AGGREGATE | SG_FN_WINDOW));
    }
    return item->relation < 0 && item->child_level >= 0 &&
           (one_row_level(ctx, item->child_level) || rownum_pinned(ctx, item));
}

/* Marks in held[] (MAX_ITEMS, false on entry) the items of the top-level
 * FROM that hold at most one row: catalog tables pinned on a unique key, to
 * values or (one after another) to columns of items held already. With
 * `inner`, by the WHERE and inner joins only, so that a held item's columns
 * have one value in every row (an outer join's nullable side may be NULL
 * besides). Returns how many are held. */
static size_t hold_items(const sg__rule_ctx *ctx, bool *held, bool inner)
{
    const sg__top_select *t = &ctx->facts->top;
    size_t count = t->from.count, done = 0;
    if (count > MAX_ITEMS)
        return 0;
    bool only = count == 1;
    for (bool grew = true; grew && done < count;) {
        grew = false;
        for (size_t i = 0; i < count; i++) {
            const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, i);
            const sg__meta_table *table = bound_table(ctx, item->relation);
            const bool *by = t->links.count && (done || inner) ? held : NULL;
            /* a one-row sub-select an outer join null-extends has a NULL
             * besides its value in the rows the join adds, and one in a FULL
             * join a row besides */
            if (!held[i] &&
                ((one_row_item(ctx, item) && !(inner && item->nullable) && !item->in_full_join) ||
                 derived_key_pinned(ctx, i, only, by, inner))) {
                held[i] = grew = true;
                done++;
                continue;
            }
            if (held[i] || !table || !item->name || item->renames_columns ||
                !key_pinned(ctx, i, only, table, by, inner))
                continue;
            held[i] = grew = true;
            done++;
        }
    }
    return done;
}

/* Every item of the top-level FROM clause is a catalog table pinned on a
 * unique key: to values, or (one after another) to columns of items already
 * pinned, as `JOIN parent p ON p.id = c.parent_id` pins p once c is, or a
 * sub-select of at most one row (one_row_level). Anything else there (a CTE,
 * another subquery, a function, an aliased join) could hold many rows; a column list in the alias
 * (`AS t(a, b)`) renames the catalog's columns, so names no longer say which is a key. */
static bool key_lookup(const sg__rule_ctx *ctx)
{
    const sg__top_select *t = &ctx->facts->top;
    bool held[MAX_ITEMS] = {false};
    size_t count = t->from.count;
    if (count == 0 || count > MAX_ITEMS)
        return false;
    /* every item must be able to be held: a catalog table, named as itself,
     * or a sub-select of at most one row */
    for (size_t i = 0; i < count; i++) {
        const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, i);
        const sg__level *l;
        const sg__source *seen;
        if (one_row_item(ctx, item) || derived_table(ctx, item, &l, &seen))
            continue;
        if (!bound_table(ctx, item->relation) || !item->name || item->renames_columns)
            return false;
    }
    return hold_items(ctx, held, false) == count;
}

bool sg__paginate_column_pinned(const sg__rule_ctx *ctx, long relation, const char *column)
{
    const sg__top_select *t = &ctx->facts->top;
    for (size_t i = 0; relation >= 0 && i < t->from.count; i++) {
        const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, i);
        if (item->relation == relation && item->name && !item->renames_columns &&
            pinned(ctx, item, t->from.count == 1, column))
            return true;
    }
    return false;
}

/* Whether `column` of item `at` has one value in every row: pinned to a
 * value by the WHERE or an inner join's ON, of an item `held` (inner) holds
 * one row of, or equated by such a join or the WHERE with a column that has
 * one value (`a.uid = e.account_uid` with `e.account_uid = $1`), in an
 * equality that keeps distinct values distinct. A pin in an outer join's ON
 * does not count: the rows that join adds have NULL there. */
static bool one_value(const sg__rule_ctx *ctx, size_t at, const char *column, const bool *held,
                      unsigned depth)
{
    const sg__top_select *t = &ctx->facts->top;
    const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, at);
    /* a sub-select held for one row may hold one for each row of the items
     * before it (LATERAL): its columns have one value when those hold one */
    bool before_held = true;
    for (size_t i = 0; i < at && item->relation < 0; i++)
        before_held = before_held && held[i];
    if ((held[at] && before_held) ||
        (item->name && pinned_by(ctx, item, t->from.count == 1, column, false)))
        return true;
    const sg__meta_table *table = bound_table(ctx, item->relation);
    if (depth == 0 || !table || item->renames_columns)
        return false;
    for (size_t i = 0; i < t->links.count; i++) {
        const sg__column_link *l = &SG__VEC_AT(t->links, sg__column_link, i);
        for (int side = 0; side < 2 && !l->outer; side++) {
            int other = 1 - side;
            if (strcmp(l->column[side], column) != 0 ||
                item_of(ctx, l->qualifier[side], l->column[side], l->location[side]) != (long)at)
                continue;
            long by = item_of(ctx, l->qualifier[other], l->column[other], l->location[other]);
            const sg__from_item *from =
                by >= 0 ? &SG__VEC_AT(t->from, sg__from_item, (size_t)by) : NULL;
            const sg__meta_table *other_table = from ? bound_table(ctx, from->relation) : NULL;
            if (other_table && (size_t)by != at && !from->renames_columns &&
                exact_link(column_type(table, column),
                           column_type(other_table, l->column[other])) &&
                one_value(ctx, (size_t)by, l->column[other], held, depth - 1))
                return true;
        }
    }
    return false;
}

/* Whether every key (plain columns of GROUP BY or DISTINCT, none of them an
 * expression output) has one value in every row: then the select makes one
 * group, or one distinct row, at most. A bare GROUP BY name that no input
 * column has is the output column it names. */
static bool keys_one_value(const sg__rule_ctx *ctx, const sg__vec *keys)
{
    const sg__top_select *t = &ctx->facts->top;
    bool held[MAX_ITEMS] = {false};
    if (!keys->count || t->from.count == 0 || t->from.count > MAX_ITEMS)
        return false;
    hold_items(ctx, held, true);
    for (size_t i = 0; i < keys->count; i++) {
        sg__order_key k = sg__group_key(ctx, &SG__VEC_AT(*keys, sg__order_key, i));
        const char *column = k.column;
        if (!column)
            return false; /* an expression's output: not pinned here */
        /* an unqualified column of the only item is that item's */
        long at = !k.qualifier && t->from.count == 1
                      ? 0
                      : item_of(ctx, k.qualifier, k.column, k.location);
        if (at < 0 || !one_value(ctx, (size_t)at, column, held, 4))
            return false;
    }
    return true;
}

/* A plain GROUP BY (no grouping sets) whose every item has one value makes
 * one group at most. */
static bool groups_pinned(const sg__rule_ctx *ctx)
{
    const sg__top_select *t = &ctx->facts->top;
    return t->group_plain && !t->group_outputs.count && keys_one_value(ctx, &t->group_keys);
}

/* A DISTINCT (or DISTINCT ON) of columns that each have one value makes one
 * row at most. */
static bool distinct_pinned(const sg__rule_ctx *ctx)
{
    const sg__top_select *t = &ctx->facts->top;
    return t->has_distinct && t->distinct_plain && !t->distinct_outputs.count &&
           keys_one_value(ctx, &t->distinct_keys);
}

/* Whether an expression without columns that makes the calls `calls` (by
 * name) is the same on every row: none an aggregate (`count(1)` per
 * group), a window or set-returning function or a volatile call. */
static bool same_on_every_row(const sg__vec *calls)
{
    static const char *const volatile_calls[] = {"random", "gen_random_uuid", "clock_timestamp",
                                                 "timeofday", "random_normal"};
    for (size_t i = 0; i < calls->count; i++) {
        const char *name = SG__VEC_AT(*calls, const char *, i);
        const sg__func_info *info = sg__func_find(name);
        if (!info || (info->flags & (SG_FN_AGGREGATE | SG_FN_WINDOW | SG_FN_SETOF)))
            return false;
        for (size_t k = 0; k < sizeof volatile_calls / sizeof volatile_calls[0]; k++)
            if (strcmp(name, volatile_calls[k]) == 0)
                return false;
    }
    return true;
}

bool sg__paginate_order_moot(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    const sg__top_select *t = &f->top;
    if (f->kind != SG_STMT_SELECT)
        return false;
    /* linted, EXPLAIN plans (or runs) a select and returns none of its rows */
    if (f->wrapper && strcmp(f->wrapper, "EXPLAIN") == 0)
        return true;
    if (t->is_set_operation)
        return false;
    /* `SELECT 1 AS a FROM t WHERE ... LIMIT 1` (an ORM's exists()): the rows
     * are alike, whichever of them a page holds */
    if (t->outputs_constant || (t->outputs_without_columns && same_on_every_row(&t->output_calls) &&
                                !field_may_return_set(ctx)))
        return true;
    if (t->values_rows)
        return t->values_rows == 1;
    bool aggregate, maybe_many;
    scan_target_calls(f, &aggregate, &maybe_many);
    if (maybe_many || field_may_return_set(ctx))
        return false;
    /* a WHERE that lets no row through leaves no rows, unless an aggregate,
     * HAVING or GROUP BY (a grouping set of ()) makes one of none */
    if (t->where_false && !aggregate && !t->has_having && !t->has_group_by)
        return true;
    /* GROUP BY () (or `(), ()`) makes one group: one row, even of none */
    if (t->group_empty)
        return true;
    /* GROUPING SETS, ROLLUP and CUBE make a row per grouping set, even of
     * one row; a plain GROUP BY makes one group of at most one row, and of
     * rows whose grouping columns are pinned */
    if (t->has_group_by)
        return t->group_plain && t->group_outputs.count == 0 &&
               (groups_pinned(ctx) || key_lookup(ctx));
    return aggregate || t->has_having || !t->has_from || key_lookup(ctx) || distinct_pinned(ctx);
}

/* The top-level ORDER BY orders nothing: each item is the same on every
 * row (a constant, a parameter, `(SELECT 1)`, `now()`, or an output that is
 * one). PostgreSQL sorts nothing for it: the rows come in whatever order the
 * plan makes. */
static bool orders_nothing(const sg__facts *f)
{
    const sg__top_select *t = &f->top;
    return t->has_order_by && t->order_without_columns && same_on_every_row(&t->order_calls);
}

/* The statement is a select operation's select that needs an ORDER BY it
 * does not have. */
static bool unordered(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    /* linted, SELECT ... INTO fills a table (CREATE TABLE AS), and COPY
     * (query) TO exports every row: no pages, unless a LIMIT picks some */
    bool export =
        f->wrapper && strcmp(f->wrapper, "COPY") == 0 && !f->top.has_limit && !f->top.has_offset;
    return ctx->op->kind == SG_OP_SELECT && f->kind == SG_STMT_SELECT &&
           (!f->top.has_order_by || orders_nothing(f)) && !(f->has_into && ctx->op->lint) &&
           !export && !sg__paginate_order_moot(ctx);
}

bool sg__paginate_top_reported(const sg__rule_ctx *ctx)
{
    return sg__rule_active(&sg__rule_paginate_order_by_required, ctx->policy, ctx->facts) &&
           unordered(ctx);
}

static int check(const sg__rule_ctx *ctx)
{
    if (!unordered(ctx))
        return 0;
    const sg__facts *f = ctx->facts;
    const sg__top_select *t = &f->top;
    bool limited = (t->has_limit || t->has_offset) && t->limit_location >= 0;
    if (t->has_order_by)
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, f->statement_location,
                          "this select can return more than one row, and its ORDER BY orders "
                          "nothing: every item is the same on every row (a constant, a "
                          "parameter: to choose the sort column, write the column itself), so "
                          "its pages are not stable");
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED,
                      limited ? t->limit_location : f->statement_location,
                      "this select can return more than one row but has no top-level ORDER BY, "
                      "so its pages are not stable%s",
                      t->has_limit ? " (LIMIT without ORDER BY picks arbitrary rows)" : "");
}

const sg__rule sg__rule_paginate_order_by_required = {
    .id = "paginate.order-by-required",
    .summary = "a select that can return more than one row has no top-level ORDER BY",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .not_in_migrations = true,
    .needs_complete_facts = true,
    .check = check,
};
