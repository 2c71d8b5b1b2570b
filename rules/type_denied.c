/*
 * type_denied.c - a statement may name only types the guard knows.
 *
 * A type is code: a cast to a domain runs its CHECK expression (any function),
 * an input function of an extension's type runs that extension's C code, and
 * `NULL::t` or `ROW(...)::t` shows the columns of table t. A type name is
 * admitted when it names a type of PostgreSQL's pg_catalog (written
 * unqualified, which PostgreSQL resolves in pg_catalog first, or as
 * pg_catalog.name; rules/typelist.c), the row type of a scoped table
 * (resolved like a relation: unqualified means the data source's default
 * schema), or when a pattern of the rule's `allow` option matches it (an
 * application's enums and domains). The reg* casts resolve object names from
 * strings: func.denied judges them, as before this rule existed.
 *
 * A scoped table's column of an application's type (citext, an enum, a
 * domain: not pg_catalog's) that no `allow` pattern admits carries that type
 * into places where a string or parameter takes it: the table's row type
 * (`$1::t`, `NULL::t`, `ROW(...)::t` read every column's input), its whole row
 * where it meets another value (`COALESCE(t, $1)`, `jsonb_populate_record(t,
 * $1)`), and the column where its value keeps its type as it meets others
 * (an array of it, an argument of array_append or lag: meets.c). There a
 * domain's CHECK would run on the caller's value, so those places are denied
 * as the cast `$1::domain` is; comparisons, CASE and COALESCE of the column
 * read it as its base type and stay allowed.
 */
#include "resolve/typelist.h"
#include "rules.h"

enum { ALLOW };

static const sg__option options[] = {
    [ALLOW] = {"allow", SG_OPT_PATTERNS, NULL,
               "patterns of further types to allow, matched against schema.name or an unqualified "
               "name, e.g. \"^app\\.\" or \"^public\\.money_amount$\"",
               true},
    {NULL, 0, NULL, NULL},
};

static bool in_pg_catalog(const sg__typeref *t)
{
    return !t->catalog && (!t->schema || strcmp(t->schema, "pg_catalog") == 0);
}

/* The name as written, schema first; NULL when memory ran out. */
static const char *qualified(const sg__rule_ctx *ctx, const sg__typeref *t)
{
    if (!t->schema)
        return t->name;
    return sg__arena_printf(ctx->diags->arena, "%s%s%s.%s", t->catalog ? t->catalog : "",
                            t->catalog ? "." : "", t->schema, t->name);
}

/* The scoped table whose row type `t` is, or NULL: its schema, or the
 * data source's default schema for an unqualified name (pg_catalog, searched
 * first, has no such type: the caller checked), and its name. A
 * database-qualified name is never a scoped table's, as for relations. */
static const sg__meta_table *scoped_row_table(const sg__rule_ctx *ctx, const sg__typeref *t)
{
    const sg__scope *scope = ctx->scope;
    if (t->catalog)
        return NULL;
    const char *schema =
        t->schema ? t->schema : (scope->source ? scope->source->default_schema : NULL);
    if (!schema)
        return NULL;
    for (size_t k = 0; k < scope->count; k++) {
        const sg__meta_table *table = scope->tables[k].table;
        if (strcmp(table->name, t->name) == 0 && strcmp(table->schema, schema) == 0)
            return table;
    }
    return NULL;
}

/* Whether the application's type `type` of a column of a table of schema
 * `own` (as the catalog writes it, or its sg__pgtype name) is admitted by a
 * pattern of `allow`: matched against the name without modifiers or array
 * brackets, qualified with `own` when the catalog writes it unqualified (as
 * `catalog pull` does a type of the table's own schema), and, when it is
 * the data source's default schema's, against the bare name too, as
 * `$1::name` is. 1, 0, or -1 when memory ran out. */
static int app_type_admitted(const sg__rule_ctx *ctx, const char *type, const char *own)
{
    size_t n = strcspn(type, "[(");
    bool bare = !memchr(type, '.', n) && !memchr(type, '"', n);
    const char *subject = bare && own
                              ? sg__arena_printf(ctx->diags->arena, "%s.%.*s", own, (int)n, type)
                              : sg__arena_strndup(ctx->diags->arena, type, n);
    if (!subject)
        return -1;
    int ok = sg__policy_match(ctx->policy, ctx->rule, ALLOW, subject, 0);
    const char *fallback = ctx->scope->source ? ctx->scope->source->default_schema : NULL;
    size_t schema = fallback ? strlen(fallback) : 0;
    if (ok == 0 && fallback && strncmp(subject, fallback, schema) == 0 && subject[schema] == '.')
        ok = sg__policy_match(ctx->policy, ctx->rule, ALLOW, subject + schema + 1, 0);
    return ok;
}

/* The catalog's spelling of column c's type when it is an application's type
 * that no `allow` pattern admits; NULL otherwise. Lint's repository profile
 * admits the types of catalog columns, which the repository's migrations
 * made (catalog_column_type). *err is set when memory ran out. */
static const char *inadmissible_type(const sg__rule_ctx *ctx, const sg__meta_table *table, long c,
                                     bool *err)
{
    if (ctx->in_lint && ctx->profile == SG_LINT_PROFILE_REPOSITORY)
        return NULL;
    if (!table || !table->has_app_column || c < 0 || (size_t)c >= table->column_count ||
        !table->column_types || !table->column_types[c])
        return NULL;
    bool read = table->column_type_read && table->column_type_read[c];
    const char *name = read ? table->column_pgtypes[c].name : table->column_types[c];
    if ((read && table->column_pgtypes[c].kind != SG__PGKIND_OTHER) ||
        !sg__type_text_is_application(name))
        return NULL;
    int ok = app_type_admitted(ctx, name, table->schema);
    if (ok < 0)
        *err = true;
    return ok == 0 ? table->column_types[c] : NULL;
}

/* The first column of `table` of an application's type no pattern admits,
 * or -1 (*err set when memory ran out). */
static long inadmissible_column(const sg__rule_ctx *ctx, const sg__meta_table *table, bool *err)
{
    for (size_t c = 0; table && table->has_app_column && c < table->column_count; c++)
        if (inadmissible_type(ctx, table, (long)c, err))
            return (long)c;
    return -1;
}

/* The row type of a scoped table admits no name-resolving input: none of
 * its columns is of a reg* type (a regclass column makes `$1::t` read a
 * relation name), nor of an application's type no pattern admits (the row's
 * input runs that type's: a domain's CHECK). */
static bool scoped_row_type(const sg__rule_ctx *ctx, const sg__typeref *t, bool *err)
{
    const sg__meta_table *table = scoped_row_table(ctx, t);
    return table && sg__table_names_column(table) < 0 && inadmissible_column(ctx, table, err) < 0;
}

/* Reads one name part of a catalog's type text at *p into out (quotes
 * taken off, "" read as one quote); false when it does not fit. */
static bool name_part(const char **p, char *out, size_t size)
{
    size_t n = 0;
    const char *s = *p;
    bool quoted = *s == '"';
    for (s += quoted; *s && (quoted || *s != '.'); s++) {
        if (quoted && *s == '"') {
            if (s[1] != '"') {
                s++;
                break;
            }
            s++;
        }
        if (n + 1 >= size)
            return false;
        out[n++] = *s;
    }
    out[n] = '\0';
    *p = s;
    return true;
}

/* A catalog type text's schema (empty when unqualified) and base name, as
 * PostgreSQL reads them: `app."Role"` is schema app, name Role. */
static bool split_type_name(const char *text, char *schema, size_t size, char *base,
                            size_t base_size)
{
    const char *p = text;
    if (!name_part(&p, base, base_size))
        return false;
    schema[0] = '\0';
    if (*p != '.')
        return *p == '\0';
    p++;
    size_t len = strlen(base);
    if (len >= size)
        return false;
    memcpy(schema, base, len + 1);
    return name_part(&p, base, base_size) && *p == '\0';
}

/* True when lint's repository profile judges a .sql statement against a
 * catalog, one of whose tables has a column of type `t` (its schema, or the
 * data source's default schema when `t` is unqualified; a column's type
 * written unqualified is of its table's schema; arrays of it too):
 * the application's enum or domain, which the migrations made. A check, and
 * the strict profile, admit such a type only by a policy pattern (its input
 * and CHECK constraints are the application's code). */
static bool catalog_column_type(const sg__rule_ctx *ctx, const sg__typeref *t)
{
    const sg__scope *scope = ctx->scope;
    if (!ctx->in_lint || ctx->profile != SG_LINT_PROFILE_REPOSITORY ||
        scope->mode != SG_SCOPE_CATALOG || t->catalog)
        return false;
    const char *fallback = scope->source ? scope->source->default_schema : NULL;
    const char *schema = t->schema ? t->schema : fallback;
    for (size_t k = 0; k < scope->count; k++) {
        const sg__meta_table *table = scope->tables[k].table;
        for (size_t c = 0; c < table->column_count && table->column_type_read; c++) {
            if (!table->column_type_read[c])
                continue;
            /* the catalog writes a name that needs them in quotes ("Role") */
            char col_schema[128], base[128];
            if (!schema ||
                !split_type_name(table->column_pgtypes[c].name, col_schema, sizeof col_schema, base,
                                 sizeof base) ||
                strcmp(base, t->name) != 0)
                continue;
            /* unqualified, the catalog writes a type of the table's own
             * schema (as `catalog pull` and `catalog from-sql` do) */
            if (strcmp(*col_schema ? col_schema : table->schema, schema) == 0)
                return true;
        }
    }
    return false;
}

/* Whether `t` is admitted: 1, 0, or -1 when memory ran out. */
static int admitted(const sg__rule_ctx *ctx, const sg__typeref *t, const char *subject)
{
    if (in_pg_catalog(t) && sg__type_builtin(t->name)) {
        if (!sg__type_catalog_row(t->name))
            return 1;
        /* a system catalog's row type: only the policy admits it */
        return sg__policy_match(ctx->policy, ctx->rule, ALLOW, subject, 0);
    }
    int allowed = sg__policy_match(ctx->policy, ctx->rule, ALLOW, subject, 0);
    if (allowed != 0)
        return allowed;
    if (ctx->scope->mode == SG_SCOPE_NONE) {
        /* Linting without a catalog: any name outside pg_catalog may be the
         * row type of a table only a catalog knows, as any relation may be
         * one of its tables (the scope rules are skipped too). Only a
         * pg_catalog name that is not a type of pg_catalog is surely wrong. */
        return !(t->schema && in_pg_catalog(t));
    }
    bool err = false;
    bool row = scoped_row_type(ctx, t, &err);
    return err ? -1 : row || catalog_column_type(ctx, t);
}

static int report(const sg__rule_ctx *ctx, const sg__typeref *t, const char *subject)
{
    const char *brackets = t->array ? "[]" : "";
    if (t->catalog)
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->location,
                          "type %s%s is qualified with a database name and is never admitted",
                          subject, brackets);
    if (in_pg_catalog(t) && sg__type_catalog_row(t->name))
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->location,
                          "type %s%s is the row type of a system catalog: reading one runs the "
                          "input of its fields, whose regproc, regtype and aclitem values "
                          "look names up in the catalogs",
                          subject, brackets);
    if (t->schema && in_pg_catalog(t))
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->location,
                          "type %s%s is not a type of PostgreSQL's pg_catalog", subject, brackets);
    const sg__meta_table *row = scoped_row_table(ctx, t);
    long c = row ? sg__table_names_column(row) : -1;
    if (c >= 0)
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->location,
                          "type %s%s is the row type of table %s.%s, whose column %s is of type "
                          "%s: reading one runs that column's input, which looks names up in "
                          "the catalogs",
                          subject, brackets, row->schema, row->name, row->columns[c],
                          sg__column_names_type(row, c));
    bool err = false;
    c = row ? inadmissible_column(ctx, row, &err) : -1;
    if (err)
        return -1;
    if (c >= 0)
        return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->location,
                          "type %s%s is the row type of table %s.%s, whose column %s is of type "
                          "%s, which no pattern of type.denied's `allow` option admits: reading "
                          "a row runs that type's input (a domain's CHECK calls any function)",
                          subject, brackets, row->schema, row->name, row->columns[c],
                          row->column_types[c]);
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, t->location,
                      ctx->scope->mode == SG_SCOPE_CATALOG
                          ? "type %s%s is not a pg_catalog type nor a catalog table's row "
                            "type (an application's enum or domain is admitted by a pattern of "
                            "type.denied's `allow` option)"
                          : "type %s%s is not a pg_catalog type nor a scoped table's row type "
                            "(an application's enum or domain is admitted by a pattern of "
                            "type.denied's `allow` option)",
                      subject, brackets);
}

/* Whether column c of `table` is of an array type (`public.dom[]`). */
static bool array_column(const sg__meta_table *table, long c)
{
    if (table->column_type_read && table->column_type_read[c])
        return table->column_pgtypes[c].array_dims > 0;
    return table->column_types[c] && strchr(table->column_types[c], '[');
}

/* Column `c` of `table`, referenced at `location`: reported when its type is
 * an application's that no pattern admits and its value keeps that type as
 * it meets others: in an array of it or a unifying function's argument
 * (`poly`, SG_COLREF_POLY_PLACE), or anywhere it meets another value when
 * the column is an array of that type (`meets`). 0, or -1 when memory ran
 * out. */
static int judge_column(const sg__rule_ctx *ctx, const sg__meta_table *table, long c, bool poly,
                        bool meets, int location)
{
    bool err = false;
    const char *type = table && (poly || meets) ? inadmissible_type(ctx, table, c, &err) : NULL;
    if (err)
        return -1;
    if (!type || !(poly || (meets && array_column(table, c))))
        return 0;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                      "column %s.%s.%s is of type %s, which no pattern of type.denied's `allow` "
                      "option admits, and stands where a string or parameter takes its type (%s): "
                      "that value would be read by the type's input (a domain's CHECK calls any "
                      "function)",
                      table->schema, table->name, table->columns[c], type,
                      poly ? "an array of it, or an argument of a function that unifies its "
                             "arguments' types"
                           : "an array of it meeting another value");
}

/* The catalog table and column that output `name` of source `source` is,
 * when the source is a sub-select or WITH query of the top-level FROM that
 * reads one table and outputs the column as itself (sg__level.out_columns);
 * 1 then, 0 when it is no such source, -1 when it is one whose output is no
 * plain column of its table. */
static int derived_column(const sg__rule_ctx *ctx, long source, const char *name,
                          const sg__meta_table **table, long *column)
{
    const sg__facts *f = ctx->facts;
    if (source < 0 || (size_t)source >= f->sources.count)
        return 0;
    const sg__source *s = &SG__VEC_AT(f->sources, sg__source, (size_t)source);
    if (s->row == SG_ROW_RELATION || !s->name)
        return 0;
    const sg__top_select *t = &f->top;
    for (size_t i = 0; i < t->from.count; i++) {
        const sg__from_item *item = &SG__VEC_AT(t->from, sg__from_item, i);
        if (item->relation >= 0 || item->child_level < 0 || !item->name ||
            strcmp(item->name, s->name) != 0 || (size_t)item->child_level >= f->levels.count)
            continue;
        const sg__level *l = &SG__VEC_AT(f->levels, sg__level, (size_t)item->child_level);
        if (l->parent != s->level || l->only_source < 0 || !l->out_count ||
            s->column_count < l->out_count)
            return -1;
        const sg__source *only = &SG__VEC_AT(f->sources, sg__source, (size_t)l->only_source);
        const sg__meta_table *tb = sg__relation_scoped(ctx, only->relation);
        for (size_t o = 0; o < l->out_count; o++) {
            if (strcmp(s->columns[o], name) != 0)
                continue;
            if (!l->out_columns[o] || !tb)
                return -1;
            *table = tb;
            *column = sg__table_column(tb, NULL, 0, l->out_columns[o]);
            return *column >= 0 ? 1 : -1;
        }
        return -1;
    }
    return 0;
}

/* A reference to column `name` of a sub-select or WITH query (source
 * `source`), at `location`: judged as the table's column it outputs; one
 * whose table the text cannot tell, standing where an application's type
 * would keep its type (`poly`), is reported when a scoped table has a column
 * of such a type that no pattern admits. */
static int judge_derived(const sg__rule_ctx *ctx, long source, const char *name, bool poly,
                         bool meets, int location)
{
    const sg__meta_table *table = NULL;
    long column = -1;
    int found = derived_column(ctx, source, name, &table, &column);
    if (found > 0)
        return judge_column(ctx, table, column, poly, meets, location);
    if (!poly)
        return 0;
    for (size_t k = 0; ctx->scope && k < ctx->scope->count; k++) {
        const sg__meta_table *t = ctx->scope->tables[k].table;
        bool err = false;
        long c = inadmissible_column(ctx, t, &err);
        if (err)
            return -1;
        if (c >= 0)
            return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                              "column %s of a sub-select or WITH query stands where a string or "
                              "parameter takes its type (an array of it, or an argument of a "
                              "function that unifies its arguments' types), and it may be column "
                              "%s.%s.%s of type %s, which no pattern of type.denied's `allow` "
                              "option admits (a domain's CHECK calls any function)",
                              name, t->schema, t->name, t->columns[c], t->column_types[c]);
    }
    return 0;
}

/* The whole row of source `source`, referenced at `location` where it meets
 * another value: reported when the row holds such a column. */
static int judge_row(const sg__rule_ctx *ctx, long source, int location)
{
    const sg__facts *f = ctx->facts;
    if (source < 0 || (size_t)source >= f->sources.count)
        return 0;
    const sg__source *s = &SG__VEC_AT(f->sources, sg__source, (size_t)source);
    const sg__meta_table *t =
        s->row == SG_ROW_RELATION ? sg__relation_scoped(ctx, s->relation) : NULL;
    bool err = false;
    long c = inadmissible_column(ctx, t, &err);
    if (err)
        return -1;
    if (c < 0)
        return 0;
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                      "the row of %s.%s holds column %s of type %s, which no pattern of "
                      "type.denied's `allow` option admits: a string or parameter that meets "
                      "the row here is read as a row, by that type's input (a domain's CHECK "
                      "calls any function); select the row on its own or read it with "
                      "row_to_json or to_jsonb",
                      t->schema, t->name, t->columns[c], t->column_types[c]);
}

/* The places where a column of an application's type, or a row holding one,
 * gives its type to another value. */
static int check_app_columns(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    bool any = false;
    for (size_t k = 0; ctx->scope && k < ctx->scope->count && !any; k++)
        any = ctx->scope->tables[k].table->has_app_column;
    if (!any)
        return 0;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *ref = &SG__VEC_AT(f->columns, sg__column_ref, i);
        bool poly = (ref->flags & SG_COLREF_POLY_PLACE) != 0;
        bool meets = (ref->flags & SG_COLREF_MEETS) != 0;
        if (ref->flags & SG_COLREF_STAR) {
            if (poly && ref->qualifier && judge_row(ctx, ref->source, ref->location) < 0)
                return -1;
            continue;
        }
        if (!ref->name || !(poly || meets || !(ref->flags & (SG_COLREF_ISOLATED))))
            continue;
        sg__resolved res;
        switch (sg__resolve_name(ctx, ref, &res)) {
        case SG_RES_FOUND:
            if (res.table
                    ? judge_column(ctx, res.table, res.column, poly, meets, ref->location) < 0
                    : judge_derived(ctx, res.source, ref->name, poly, meets, ref->location) < 0)
                return -1;
            break;
        case SG_RES_WHOLE_ROW:
            if ((poly || !(ref->flags & (SG_COLREF_ISOLATED | SG_COLREF_XML_PLACE |
                                         SG_COLREF_ROW_CONSUMED | SG_COLREF_UNREAD))) &&
                judge_row(ctx, res.source, ref->location) < 0)
                return -1;
            break;
        case SG_RES_UNDECIDED:
        case SG_RES_AMBIGUOUS:
            /* any scoped table of the statement with such a column of the name */
            for (size_t r = 0; (poly || meets) && r < f->relations.count; r++) {
                const sg__meta_table *t = sg__relation_scoped(ctx, (long)r);
                long c = t ? sg__table_column(t, NULL, 0, ref->name) : SG_NO_COLUMN;
                bool err = false;
                if (c >= 0 && inadmissible_type(ctx, t, c, &err) && (poly || array_column(t, c))) {
                    if (judge_column(ctx, t, c, poly, meets, ref->location) < 0)
                        return -1;
                    break;
                }
                if (err)
                    return -1;
            }
            break;
        default:
            break;
        }
    }
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (!r->poly_place && !r->meets)
            continue;
        if (r->row == SG_ROW_RELATION) {
            const sg__meta_table *t = sg__relation_scoped(ctx, r->relation);
            long c = t ? sg__table_column(t, r->columns, r->column_count, r->name) : SG_NO_COLUMN;
            if (c >= 0 && judge_column(ctx, t, c, r->poly_place, r->meets, r->location) < 0)
                return -1;
        } else if (judge_derived(ctx, r->source, r->name, r->poly_place, r->meets, r->location) <
                   0) {
            return -1;
        }
    }
    return 0;
}

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    if (check_app_columns(ctx) < 0)
        return -1;
    for (size_t i = 0; i < f->types.count; i++) {
        const sg__typeref *t = &SG__VEC_AT(f->types, sg__typeref, i);
        if (t->resolves_names)
            continue; /* func.denied's */
        const char *subject = qualified(ctx, t);
        if (!subject)
            return -1;
        int ok = admitted(ctx, t, subject);
        if (ok < 0 || (!ok && report(ctx, t, subject) < 0))
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_type_denied = {
    .id = "type.denied",
    .summary = "a type name outside pg_catalog that is not a scoped table's row type",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .needs = SG_FACT_TYPES | SG_FACT_COLUMNS | SG_FACT_FIELDS,
    .locked = true,
    .options = options,
    .check = check,
};
