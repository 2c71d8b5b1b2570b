/*
 * func_names.c - values PostgreSQL reads as names, for func.denied.
 *
 * A text search function's configuration (or dictionary) argument, and a
 * value of a scoped table's column whose type looks names up in the
 * catalogs (regclass, regconfig, aclitem, ...), are read as an object's
 * name or OID: a qualified name or a number reaches any schema. Here is
 * what tells a plain name from the rest, and the checks of the parameters
 * and columns that carry such values; func_denied.c reports the calls.
 */
#include "resolve/typelist.h"
#include "rules.h"

/* A text search configuration or dictionary name as regconfig's and
 * regdictionary's input reads it, that can name only an object the pinned
 * search path finds: one unquoted identifier, or pg_catalog's. A qualified
 * name reaches other schemas, and its error tells whether a schema exists. */
static bool ts_name_plain(const char *s)
{
    if (strncmp(s, "pg_catalog.", 11) == 0)
        s += 11;
    if (!*s || (*s >= '0' && *s <= '9') || *s == '$')
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '$'))
            return false;
    return true;
}

/* Whether an argument that PostgreSQL reads as a text search object's name
 * is a plain name: a string constant, or a parameter's bound value (in lint,
 * where none is bound, not judged). 1, 0, or -1 when memory ran out.
 * Anything else is no name either (a cast's operand: a number or a column
 * names the object by OID or by data). */
static int param_plain(const sg__rule_ctx *ctx, int param)
{
    const char *text;
    int bound = sg__param_bound_text(ctx, param, &text);
    if (bound <= 0) /* none: lint, or a missing value (params.missing's) */
        return bound < 0 ? -1 : 1;
    return !text || ts_name_plain(text);
}

int sg__ts_arg_plain(const sg__rule_ctx *ctx, const sg__funcarg *a)
{
    if (a->kind == SG_ARG_STRING && !a->cast)
        return ts_name_plain(a->text);
    if (a->param > 0 && !a->cast)
        return param_plain(ctx, a->param);
    return 0;
}

/* Whether the column argument `a` given where PostgreSQL reads a text
 * search configuration names none by OID: a scoped table's column of type
 * regconfig or regdictionary (its data), or of a type PostgreSQL does not
 * cast to them (text: the call then fails, or takes another form), but not
 * an integer or oid column, nor one whose type the catalog does not give,
 * nor a column of a sub-select, WITH query or function, whose values the
 * statement makes (`(SELECT 16502 AS cfg) x`). */
static bool config_column(const sg__rule_ctx *ctx, const sg__funcarg *a)
{
    long c;
    const sg__meta_table *t = sg__column_at(ctx, a->location, &c);
    if (!t || c < 0 || !t->column_type_read || !t->column_type_read[c])
        return false;
    const sg__pgtype *type = &t->column_pgtypes[c];
    if (sg__type_text_is_ts_object(type->name))
        return true;
    return type->array_dims == 0 && type->kind != SG__PGKIND_INT2 &&
           type->kind != SG__PGKIND_INT4 && type->kind != SG__PGKIND_INT8 &&
           type->kind != SG__PGKIND_OTHER;
}

/* Whether argument `arg` of call `fn` (one of f->funcs) is a call of
 * get_current_ts_config(), the session's configuration. */
static bool current_ts_config(const sg__facts *f, const sg__funcref *fn, size_t arg)
{
    long index = fn - &SG__VEC_AT(f->funcs, sg__funcref, 0);
    for (size_t i = (size_t)index + 1; i < f->funcs.count; i++) {
        const sg__funcref *child = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (child->kind == SG_FUNC_CALL && child->parent == index &&
            child->parent_arg == (int)arg && !child->catalog &&
            (!child->schema || strcmp(child->schema, "pg_catalog") == 0) &&
            strcmp(child->name, "get_current_ts_config") == 0)
            return true;
    }
    return false;
}

/* Whether the configuration (or dictionary) argument `a` of text search call
 * `fn` can name only what the pinned search path finds: a plain name (a
 * string or a parameter's value), a cast to regconfig or regdictionary
 * (judged as SG_FUNC_TS_OBJECT), a column the catalog gives as one, or the
 * session's own configuration. PostgreSQL casts int2, int4, int8 and oid to
 * both types without a word, so a number, an integer column or expression,
 * or `$1::int` picks an object by OID, in any schema. Linting without a
 * catalog, a column or an expression is not judged: its type is unknown.
 * 1, 0, or -1 when memory ran out. */
int sg__ts_config_plain(const sg__rule_ctx *ctx, const sg__funcref *fn, const sg__funcarg *a)
{
    if ((a->kind == SG_ARG_STRING || a->param > 0) && !a->cast)
        return sg__ts_arg_plain(ctx, a);
    if (a->cast)
        return strcmp(a->cast, "regconfig") == 0 || strcmp(a->cast, "regdictionary") == 0;
    if (a->kind == SG_ARG_NUMBER)
        return 0;
    bool unknown = !ctx->scope || ctx->scope->mode == SG_SCOPE_NONE;
    if (a->kind == SG_ARG_COLUMN)
        return unknown || config_column(ctx, a);
    return unknown || current_ts_config(ctx->facts, fn, (size_t)(a - fn->args));
}

/* Whether argument `arg` of call `fn` (one of f->funcs) is surely a
 * tsquery: cast to it, or a call of a function that makes one. */
static bool surely_tsquery(const sg__facts *f, const sg__funcref *fn, size_t arg)
{
    static const char *const makers[] = {"to_tsquery", "plainto_tsquery", "phraseto_tsquery",
                                         "websearch_to_tsquery", "tsquery"};
    if (fn->args[arg].cast && strcmp(fn->args[arg].cast, "tsquery") == 0)
        return true;
    long index = fn - &SG__VEC_AT(f->funcs, sg__funcref, 0);
    for (size_t i = (size_t)index + 1; i < f->funcs.count; i++) {
        const sg__funcref *child = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (child->kind != SG_FUNC_CALL || child->parent != index ||
            child->parent_arg != (int)arg || child->catalog ||
            (child->schema && strcmp(child->schema, "pg_catalog") != 0))
            continue;
        for (size_t k = 0; k < sizeof makers / sizeof makers[0]; k++)
            if (strcmp(child->name, makers[k]) == 0)
                return true;
    }
    return false;
}

/* Whether column `c` of `t` is of a string or json type (not an array). */
static bool text_column(const sg__meta_table *t, long c)
{
    if (!t || c < 0 || !t->column_type_read || !t->column_type_read[c])
        return false;
    sg__pgkind k = t->column_pgtypes[c].kind;
    return t->column_pgtypes[c].array_dims == 0 &&
           (k == SG__PGKIND_TEXT || k == SG__PGKIND_VARCHAR || k == SG__PGKIND_BPCHAR ||
            k == SG__PGKIND_JSON || k == SG__PGKIND_JSONB);
}

/* For an unqualified column argument that resolution leaves undecided (a
 * function in FROM whose columns the statement does not show): the scoped
 * table of the reference's own level in sight that surely has the column.
 * The reference can then be only that column, or an ambiguity PostgreSQL
 * refuses: no level lies inside its own. */
static const sg__meta_table *own_level_column(const sg__rule_ctx *ctx, const sg__funcarg *a,
                                              long *column)
{
    const sg__facts *f = ctx->facts;
    *column = SG_NO_COLUMN;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *r = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (r->location != a->location || !r->name || r->qualifier)
            continue;
        for (size_t k = r->first; k < r->end && k < f->sources.count; k++) {
            const sg__source *s = &SG__VEC_AT(f->sources, sg__source, k);
            const sg__meta_table *t = s->level == r->level && s->row == SG_ROW_RELATION &&
                                              sg__source_in_sight(s, r->first, r->end) &&
                                              sg__relation_scoped(ctx, s->relation)
                                          ? sg__source_table_column(ctx, s, r->name, column)
                                          : NULL;
            if (t)
                return t;
        }
        return NULL;
    }
    return NULL;
}

/* Whether the first argument of call `fn` (one of the facts' funcs) is
 * surely text or json, a document, which PostgreSQL casts to no text search
 * configuration: cast to a string or json type, a scoped column of one, a
 * `||` expression or a call of a function that makes text (lower and upper
 * of text: of a range they give its bound). A number, an integer or oid column, an
 * expression of them (`m.n + 16489`, `(SELECT 16490)`, `length(x)`) may be
 * an OID, cast to regconfig without a word; and so may what the statement
 * does not show. */
static bool text_argument(const sg__rule_ctx *ctx, const sg__funcref *fn, size_t arg,
                          unsigned depth)
{
    static const char *const texts[] = {"text", "varchar", "bpchar", "json", "jsonb", "citext"};
    /* calls that make text or json whatever their arguments; lower and
     * upper also take a range, whose bound may be an integer */
    static const char *const makers[] = {"initcap",
                                         "concat",
                                         "concat_ws",
                                         "format",
                                         "substr",
                                         "left",
                                         "right",
                                         "replace",
                                         "string_agg",
                                         "array_to_string",
                                         "to_char",
                                         "translate",
                                         "regexp_replace",
                                         "normalize",
                                         "split_part",
                                         "md5",
                                         "quote_literal",
                                         "quote_ident",
                                         "repeat",
                                         "lpad",
                                         "rpad",
                                         "reverse",
                                         "jsonb_build_object",
                                         "json_build_object",
                                         "to_json",
                                         "to_jsonb"};
    const sg__funcarg *a = arg < fn->arg_count ? &fn->args[arg] : NULL;
    if (!a || depth > 8)
        return false;
    for (size_t i = 0; a->cast && i < sizeof texts / sizeof texts[0]; i++)
        if (strcmp(a->cast, texts[i]) == 0)
            return true;
    if (a->cast)
        return false;
    if (depth > 0 && (a->kind == SG_ARG_STRING || a->param > 0))
        return true; /* an unknown value a text function's argument takes as text */
    if (a->kind == SG_ARG_COLUMN) {
        long c;
        const sg__meta_table *t = sg__column_at(ctx, a->location, &c);
        if (!t)
            t = own_level_column(ctx, a, &c);
        return text_column(t, c);
    }
    if (a->kind != SG_ARG_OTHER)
        return false;
    if (a->concatenation)
        return true;
    const sg__facts *f = ctx->facts;
    long index = fn - &SG__VEC_AT(f->funcs, sg__funcref, 0);
    for (size_t i = (size_t)index + 1; i < f->funcs.count; i++) {
        const sg__funcref *child = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (child->kind != SG_FUNC_CALL || child->parent != index ||
            child->parent_arg != (int)arg || child->location != a->location || child->catalog ||
            (child->schema && strcmp(child->schema, "pg_catalog") != 0))
            continue;
        if (strcmp(child->name, "lower") == 0 || strcmp(child->name, "upper") == 0)
            return text_argument(ctx, child, 0, depth + 1);
        for (size_t k = 0; k < sizeof makers / sizeof makers[0]; k++)
            if (strcmp(child->name, makers[k]) == 0)
                return true;
    }
    return false;
}

static bool surely_document(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    return text_argument(ctx, fn, 0, 0);
}

/* The argument of text search function `fn` (one of f->funcs) that
 * PostgreSQL reads as a configuration (or, for ts_lexize, dictionary) name,
 * or NULL. ts_headline with three arguments is (document, query, options)
 * when its second is surely a tsquery, or its last is an options string and
 * its first surely a document (surely_document: a string or parameter could
 * be a name, an integer an OID); otherwise
 * (config, document, query): PostgreSQL picks the form by the arguments'
 * types, and a string with '=' is a tsquery too. */
const sg__funcarg *sg__ts_config_arg(const sg__rule_ctx *ctx, const sg__funcref *fn)
{
    const sg__facts *f = ctx->facts;
    static const struct {
        const char *name;
        size_t count;
    } forms[] = {{"to_tsvector", 2},      {"to_tsquery", 2},           {"plainto_tsquery", 2},
                 {"phraseto_tsquery", 2}, {"websearch_to_tsquery", 2}, {"ts_debug", 2},
                 {"ts_lexize", 2},        {"json_to_tsvector", 3},     {"jsonb_to_tsvector", 3},
                 {"ts_headline", 4},      {"ts_headline", 3}};
    if (fn->kind != SG_FUNC_CALL || fn->catalog ||
        (fn->schema && strcmp(fn->schema, "pg_catalog") != 0) || !fn->args)
        return NULL;
    /* every form's name starts with one of these: most calls stop here */
    if (!strchr("tpwj", fn->name[0]) || !fn->name[0])
        return NULL;
    if (fn->arg_count == 3 && strcmp(fn->name, "ts_headline") == 0) {
        /* a tsquery second is the (document, query, options) form whatever
         * the third: (config, document, query) wants text there */
        if (surely_tsquery(f, fn, 1))
            return NULL;
        if (fn->args[2].kind == SG_ARG_STRING && strchr(fn->args[2].text, '=') &&
            surely_document(ctx, fn))
            return NULL;
    }
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (fn->arg_count == forms[i].count && strcmp(fn->name, forms[i].name) == 0)
            return &fn->args[0];
    return NULL;
}

/* Whether parameter $n is read as a text search configuration or
 * dictionary somewhere: a text search function's configuration, or the
 * operand of a cast to regconfig or regdictionary. Counts those places in
 * *uses. */
static bool ts_parameter(const sg__rule_ctx *ctx, int n, size_t *uses)
{
    const sg__facts *f = ctx->facts;
    *uses = 0;
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        const sg__funcarg *a = fn->kind == SG_FUNC_TS_OBJECT && fn->arg_count ? &fn->args[0]
                               : fn->kind == SG_FUNC_CALL ? sg__ts_config_arg(ctx, fn)
                                                          : NULL;
        *uses += a && a->param == n && !a->cast;
    }
    return *uses > 0;
}

/* PostgreSQL gives a parameter one type, fixed where it is first typed: a
 * parameter that is a configuration (or dictionary) in one place is one in
 * every other, where a string, a number or a column meeting it (COALESCE,
 * IN, ARRAY[...], CASE) is read as a name or an OID too. Every other use of
 * such a parameter must stand alone (an output item); a text search
 * function's configuration is one of its uses. */
int sg__ts_check_parameters(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    bool any = false;
    for (size_t i = 0; i < f->funcs.count && !any; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        any = fn->kind == SG_FUNC_TS_OBJECT ||
              (fn->kind == SG_FUNC_CALL && sg__ts_config_arg(ctx, fn));
    }
    for (size_t i = 0; any && i < f->params.count; i++) {
        const sg__paramref *p = &SG__VEC_AT(f->params, sg__paramref, i);
        size_t uses, occurrences = 0;
        bool seen = false;
        for (size_t k = 0; k < f->params.count && !seen; k++) {
            const sg__paramref *q = &SG__VEC_AT(f->params, sg__paramref, k);
            seen = k < i && q->number == p->number; /* judged at its first occurrence */
            occurrences += q->number == p->number && !q->isolated;
        }
        if (seen || !ts_parameter(ctx, p->number, &uses) || occurrences <= uses)
            continue;
        const char *name = sg__param_display_name(ctx, p->number);
        if (!name)
            return -1;
        if (sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, p->location,
                       "parameter %s is read as a text search configuration or dictionary, "
                       "and PostgreSQL gives a parameter one type: where it also meets another "
                       "value (COALESCE, IN, ARRAY[...], CASE, a comparison), that value is read "
                       "as a configuration's name or OID, which reaches objects of other "
                       "schemas; use a parameter of its own there",
                       name) < 0)
            return -1;
    }
    return 0;
}

/* A column whose type resolves names, met where a string or a parameter
 * could take its type (COALESCE, CASE, UNION, IN, an INSERT's value, ...):
 * PostgreSQL then reads that string as a name, as the cast `x::regclass`
 * would. Only where its value is isolated (walk.h) is it judged safe. */
static int report_name_typed_column(const sg__rule_ctx *ctx, const sg__meta_table *t, long c,
                                    int location, bool write)
{
    /* a text search call's configuration written as the bare column: its
     * value meets no string there, and names the object its row holds */
    for (size_t i = 0; !write && i < ctx->facts->funcs.count &&
                       sg__type_text_is_ts_object(sg__column_names_type(t, c));
         i++) {
        const sg__funcref *fn = &SG__VEC_AT(ctx->facts->funcs, sg__funcref, i);
        const sg__funcarg *a = sg__ts_config_arg(ctx, fn);
        if (a && a->kind == SG_ARG_COLUMN && !a->cast && a->location == location)
            return 0;
    }
    return sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, location,
                      "column %s.%s.%s is of type %s, whose input looks names up in the "
                      "catalogs: %s",
                      t->schema, t->name, t->columns[c], sg__column_names_type(t, c),
                      write ? "a value written to it is read as a name"
                            : "it may only be selected on its own (an output item, ORDER BY, "
                              "GROUP BY or RETURNING item), where no string or parameter takes "
                              "its type");
}

/* A whole row or a `*` that carries such a column where a string or a
 * parameter may meet it (COALESCE(r, $1), a UNION branch's `*`): the row's
 * input reads that column's input. */
static int check_rows(const sg__rule_ctx *ctx, const sg__column_ref *ref)
{
    const sg__facts *f = ctx->facts;
    long only = -1;
    if (!(ref->flags & SG_COLREF_STAR)) {
        sg__resolved res;
        if (!ref->name || sg__resolve_name(ctx, ref, &res) != SG_RES_WHOLE_ROW)
            return 0;
        only = res.source;
    } else if (ref->qualifier) {
        only = ref->source;
        if (only < 0)
            return 0;
    }
    for (size_t i = ref->first; i < ref->end && i < f->sources.count; i++) {
        const sg__source *s = &SG__VEC_AT(f->sources, sg__source, i);
        if ((only >= 0 ? (long)i != only : s->level != ref->level) || s->row != SG_ROW_RELATION)
            continue;
        const sg__meta_table *t = sg__relation_scoped(ctx, s->relation);
        long c = t ? sg__table_names_column(t) : -1;
        if (c >= 0 &&
            sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, ref->location,
                       "the row of %s.%s holds column %s of type %s, whose input looks "
                       "names up in the catalogs: a string or parameter that meets the "
                       "row (or its *) here is read as names; select the row only on "
                       "its own",
                       t->schema, t->name, t->columns[c], sg__column_names_type(t, c)) < 0)
            return -1;
    }
    return 0;
}

/* Whether the name's write `w` of column `c` of `t` writes a text search
 * object only by plain names: the column is regconfig or regdictionary and
 * every value written to it is a parameter bound to a plain name (not a
 * qualified or quoted one, nor a number, an OID). 1, 0, or -1 when memory
 * ran out. */
static int ts_written_plain(const sg__rule_ctx *ctx, const sg__column_write *w,
                            const sg__meta_table *t, long c)
{
    if (!w->only_params || !sg__type_text_is_ts_object(sg__column_names_type(t, c)))
        return 0;
    const sg__facts *f = ctx->facts;
    for (size_t i = 0; i < f->writes.count; i++) {
        const sg__column_write *v = &SG__VEC_AT(f->writes, sg__column_write, i);
        if (!v->value || v->relation != w->relation || !v->name || strcmp(v->name, w->name) != 0)
            continue;
        int plain = param_plain(ctx, v->param);
        if (plain <= 0)
            return plain;
    }
    return 1;
}

/* Whether field reference `r` is the whole value of an ON CONFLICT DO
 * UPDATE SET c = EXCLUDED.c: the row's own value of the column's type,
 * which meets no string. */
static bool excluded_value(const sg__facts *f, const sg__field_ref *r)
{
    for (size_t i = 0; i < f->writes.count; i++) {
        const sg__column_write *w = &SG__VEC_AT(f->writes, sg__column_write, i);
        if (w->from_excluded && w->excluded_location == r->location)
            return true;
    }
    return false;
}

int sg__check_name_typed_columns(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    /* none of the scoped tables has such a column: nothing to look at */
    bool any = false;
    for (size_t k = 0; ctx->scope && k < ctx->scope->count && !any; k++)
        any = ctx->scope->tables[k].table->has_names_column;
    if (!any)
        return 0;
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *ref = &SG__VEC_AT(f->columns, sg__column_ref, i);
        /* an IS [NOT] NULL operand meets no other value either (as an xml
         * function's argument does: the walker marks both alike) */
        if (!ref->name ||
            (ref->flags & (SG_COLREF_STAR | SG_COLREF_ISOLATED | SG_COLREF_XML_PLACE)))
            continue;
        sg__resolved res;
        switch (sg__resolve_name(ctx, ref, &res)) {
        case SG_RES_FOUND:
            if (sg__column_names_type(res.table, res.column) &&
                report_name_typed_column(ctx, res.table, res.column, ref->location, false) < 0)
                return -1;
            break;
        case SG_RES_UNDECIDED:
        case SG_RES_AMBIGUOUS:
            /* any scoped table of the statement that has such a column of the name */
            for (size_t r = 0; r < f->relations.count; r++) {
                const sg__meta_table *t = sg__relation_scoped(ctx, (long)r);
                long c = t ? sg__table_column(t, NULL, 0, ref->name) : SG_NO_COLUMN;
                if (sg__column_names_type(t, c)) {
                    if (report_name_typed_column(ctx, t, c, ref->location, false) < 0)
                        return -1;
                    break;
                }
            }
            break;
        default:
            break;
        }
    }
    for (size_t i = 0; i < f->columns.count; i++) {
        const sg__column_ref *ref = &SG__VEC_AT(f->columns, sg__column_ref, i);
        if (ref->flags & (SG_COLREF_ISOLATED | SG_COLREF_UNREAD))
            continue;
        if (check_rows(ctx, ref) < 0)
            return -1;
    }
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        const sg__meta_table *t =
            r->row == SG_ROW_RELATION && !r->isolated && !r->xml_place && !excluded_value(f, r)
                ? sg__relation_scoped(ctx, r->relation)
                : NULL;
        long c = t ? sg__table_column(t, r->columns, r->column_count, r->name) : SG_NO_COLUMN;
        if (sg__column_names_type(t, c) &&
            report_name_typed_column(ctx, t, c, r->location, false) < 0)
            return -1;
    }
    for (size_t i = 0; i < f->writes.count; i++) {
        const sg__column_write *w = &SG__VEC_AT(f->writes, sg__column_write, i);
        /* an INSERT without a list: below, by its width */
        const sg__meta_table *t =
            w->value || !w->name ? NULL : sg__relation_scoped(ctx, w->relation);
        long c = t ? sg__table_column(t, NULL, 0, w->name) : SG_NO_COLUMN;
        if (!sg__column_names_type(t, c) || w->from_excluded)
            continue; /* SET c = EXCLUDED.c: the value the INSERT wrote, judged there */
        int plain = ts_written_plain(ctx, w, t, c);
        if (plain < 0 || (!plain && report_name_typed_column(ctx, t, c, w->location, true) < 0))
            return -1;
    }
    for (size_t i = 0; i < f->inserts.count; i++) {
        const sg__insert *in = &SG__VEC_AT(f->inserts, sg__insert, i);
        const sg__meta_table *t = in->listed ? NULL : sg__relation_scoped(ctx, in->relation);
        for (size_t c = 0; t && c < t->column_count && (in->width < 0 || (long)c < in->width); c++)
            if (sg__column_names_type(t, (long)c) &&
                report_name_typed_column(ctx, t, (long)c, in->location, true) < 0)
                return -1;
    }
    return 0;
}
