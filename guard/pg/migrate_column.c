/*
 * migrate_column.c - the columns of a migration's tables: a column
 * definition's type in format_type()'s spelling, serial, identity and
 * generated columns and their defaults, the domains whose defaults columns
 * take (CREATE, ALTER, RENAME and DROP DOMAIN), and ALTER TABLE's changes of
 * one column (its type, NOT NULL, default and identity). A column's own
 * constraints wait with the statement's others (migrate_constraint.c).
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "catalog/pg_attribute.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include <stdio.h>
#include <string.h>

#include "pg/migrate_int.h"
#include "resolve/typelist.h"
#include "util/pgtype.h"
#include "util/text.h"

/* ---- column types ----------------------------------------------------------------------- */

/* A name written so that sg__pgtype_parse reads it back unchanged: quoted
 * unless it is lower case letters, digits and underscores. */
static void put_type_name(sg__strbuf *b, const char *name)
{
    bool plain = name[0] != '\0' && !(name[0] >= '0' && name[0] <= '9');
    for (const char *p = name; *p && plain; p++)
        plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
    if (plain && strcmp(name, "char") != 0) {
        sg__strbuf_puts(b, name);
        return;
    }
    sg__strbuf_put(b, "\"", 1);
    for (const char *p = name; *p; p++)
        sg__strbuf_put(b, p, *p == '"' ? 2 : 1);
    sg__strbuf_put(b, "\"", 1);
}

/* ALTER TYPE/DOMAIN `names` RENAME TO `new_name` (or SET SCHEMA
 * `new_schema`): every column whose type is the old type, as column_type()
 * spells it (the default schema's unqualified), or an array of it, takes the
 * new spelling; modifiers and brackets stay. An unqualified name is the
 * search path's first schema's. */
/* Type schema.name spelled as column_type() spells it for a table of schema
 * `at`: unqualified in that schema, qualified elsewhere. */
static void spell_type(sg__strbuf *b, const char *schema, const char *name, const char *at)
{
    if (strcmp(schema, at) != 0) {
        put_type_name(b, schema);
        sg__strbuf_put(b, ".", 1);
    }
    put_type_name(b, name);
}

/* Whether a column's type text is the type spelled `spelled` (n bytes), or
 * an array of it, with or without modifiers. */
static bool type_is(const char *type, const char *spelled, size_t n)
{
    return type && strncmp(type, spelled, n) == 0 && (!type[n] || type[n] == '(' || type[n] == '[');
}

/* The schema and name of a type a statement names, the path's first schema
 * for an unqualified one; false for a name of more parts. */
static bool type_named(const mig *m, const List *names, const char **schema, const char **name)
{
    int n = list_length(names);
    if (n < 1 || n > 2 || !IsA(llast(names), String))
        return false;
    *schema = n == 2 ? strVal(linitial(names)) : m->default_schema;
    *name = strVal(llast(names));
    return true;
}

/* DROP TYPE / DROP DOMAIN: the columns of the type (or of arrays of it) go
 * with it under CASCADE; without it, PostgreSQL refuses the statement while
 * any column has the type. */
int sg__mig_drop_types(mig *m, const DropStmt *d)
{
    const ListCell *lc;
    foreach (lc, d->objects) {
        const char *schema, *name;
        if (!IsA(lfirst(lc), TypeName) ||
            !type_named(m, ((const TypeName *)lfirst(lc))->names, &schema, &name))
            continue;
        for (size_t i = 0; i < m->nwork; i++) {
            sg__strbuf spelled = SG__STRBUF_INIT(&m->tmp);
            spell_type(&spelled, schema, name, m->work[i].schema);
            if (spelled.failed)
                return STOP;
            for (size_t c = m->work[i].columns.count; c-- > 0;) {
                const sg__sc_column *col = &SG__VEC_AT(m->work[i].columns, sg__sc_column, c);
                if (!type_is(col->type, spelled.data, spelled.len))
                    continue;
                if (d->behavior != DROP_CASCADE)
                    return sg__mig_refuse(m, -1,
                                          "DROP TYPE %s: column %s.%s is of that type, and without "
                                          "CASCADE the type stays; not applied",
                                          spelled.data, sg__mig_table_name(m, i), col->name);
                int rc = sg__mig_drop_column(m, i, col->name, true);
                if (rc != APPLIED)
                    return rc;
            }
        }
    }
    return APPLIED;
}

int sg__mig_retype(mig *m, const List *names, const char *new_schema, const char *new_name)
{
    const char *schema, *name;
    if (!type_named(m, names, &schema, &name))
        return APPLIED;
    const char *to_schema = new_schema ? new_schema : schema;
    for (size_t i = 0; i < m->nwork; i++) {
        /* spelled as column_type() spells them for this table */
        const char *at = m->work[i].schema;
        sg__strbuf old = SG__STRBUF_INIT(&m->tmp), now = SG__STRBUF_INIT(&m->tmp);
        spell_type(&old, schema, name, at);
        spell_type(&now, to_schema, new_name ? new_name : name, at);
        if (old.failed || now.failed)
            return STOP;
        for (size_t c = 0; c < m->work[i].columns.count; c++) {
            const char *type = SG__VEC_AT(m->work[i].columns, sg__sc_column, c).type;
            size_t len = old.len;
            if (!type_is(type, old.data, len))
                continue;
            sg__sc_table *t = sg__mig_edit(m, i);
            const char *renamed =
                t ? sg__arena_printf(&m->s->arena, "%s%s", now.data, type + len) : NULL;
            if (!renamed)
                return STOP;
            SG__VEC_AT(t->columns, sg__sc_column, c).type = renamed;
        }
    }
    return APPLIED;
}

/* Table ti moved to another schema from schema `from` (ALTER TABLE ... SET
 * SCHEMA): its columns' types are still the types they were, spelled now as
 * `catalog pull` spells them for the new schema: an application's type of
 * `from` written unqualified is qualified, one of the new schema loses its
 * schema. A type of pg_catalog stays as it is. */
int sg__mig_types_moved(mig *m, size_t ti, const char *from)
{
    const char *to = m->work[ti].schema;
    sg__strbuf prefix = SG__STRBUF_INIT(&m->tmp), own = SG__STRBUF_INIT(&m->tmp);
    put_type_name(&prefix, to);
    sg__strbuf_put(&prefix, ".", 1);
    put_type_name(&own, from);
    sg__strbuf_put(&own, ".", 1);
    if (prefix.failed || own.failed)
        return STOP;
    for (size_t c = 0; c < m->work[ti].columns.count; c++) {
        const char *type = SG__VEC_AT(m->work[ti].columns, sg__sc_column, c).type;
        if (!type)
            continue;
        const char *now = NULL;
        if (strncmp(type, prefix.data, prefix.len) == 0) {
            now = type + prefix.len;
        } else {
            /* unqualified: no dot outside quotes before modifiers or brackets */
            bool quoted = false, dotted = false;
            for (const char *p = type; *p && (quoted || (*p != '(' && *p != '[')); p++) {
                quoted ^= *p == '"';
                dotted |= !quoted && *p == '.';
            }
            sg__pgtype t;
            if (dotted || !sg__pgtype_parse(type, &t) || t.kind != SG__PGKIND_OTHER ||
                sg__type_builtin(t.name) || strcmp(t.name, "\"char\"") == 0)
                continue;
            now = sg__arena_printf(&m->s->arena, "%s%s", own.data, type);
            if (!now)
                return STOP;
        }
        sg__sc_table *t = sg__mig_edit(m, ti);
        if (!t)
            return STOP;
        SG__VEC_AT(t->columns, sg__sc_column, c).type = now;
    }
    return APPLIED;
}

static bool typmod_int(const Node *n, int *out)
{
    if (!IsA(n, A_Const) || ((const A_Const *)n)->isnull)
        return false;
    const A_Const *c = (const A_Const *)n;
    if (!IsA(&c->val, Integer))
        return false;
    *out = intVal(&c->val);
    return true;
}

/* interval's modifiers as intervaltypmodout writes them: the fields, then
 * the precision. */
static void put_interval_mods(sg__strbuf *b, const List *typmods)
{
    static const struct {
        int mask;
        const char *words;
    } ranges[] = {
        {INTERVAL_MASK(YEAR), " year"},
        {INTERVAL_MASK(MONTH), " month"},
        {INTERVAL_MASK(DAY), " day"},
        {INTERVAL_MASK(HOUR), " hour"},
        {INTERVAL_MASK(MINUTE), " minute"},
        {INTERVAL_MASK(SECOND), " second"},
        {INTERVAL_MASK(YEAR) | INTERVAL_MASK(MONTH), " year to month"},
        {INTERVAL_MASK(DAY) | INTERVAL_MASK(HOUR), " day to hour"},
        {INTERVAL_MASK(DAY) | INTERVAL_MASK(HOUR) | INTERVAL_MASK(MINUTE), " day to minute"},
        {INTERVAL_MASK(DAY) | INTERVAL_MASK(HOUR) | INTERVAL_MASK(MINUTE) | INTERVAL_MASK(SECOND),
         " day to second"},
        {INTERVAL_MASK(HOUR) | INTERVAL_MASK(MINUTE), " hour to minute"},
        {INTERVAL_MASK(HOUR) | INTERVAL_MASK(MINUTE) | INTERVAL_MASK(SECOND), " hour to second"},
        {INTERVAL_MASK(MINUTE) | INTERVAL_MASK(SECOND), " minute to second"},
    };
    int range = INTERVAL_FULL_RANGE, precision = INTERVAL_FULL_PRECISION;
    if (list_length(typmods) >= 1)
        typmod_int(linitial(typmods), &range);
    if (list_length(typmods) >= 2)
        typmod_int(lsecond(typmods), &precision);
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (ranges[i].mask == range)
            sg__strbuf_puts(b, ranges[i].words);
    if (precision != INTERVAL_FULL_PRECISION) {
        char num[16];
        snprintf(num, sizeof num, "(%d)", precision);
        sg__strbuf_puts(b, num);
    }
}

static bool is_catalog_type(const TypeName *tn, const char *name)
{
    return list_length(tn->names) == 2 && strcmp(strVal(linitial(tn->names)), "pg_catalog") == 0 &&
           strcmp(strVal(lsecond(tn->names)), name) == 0;
}

/*
 * The type of a column definition in format_type()'s spelling. The type's
 * text is made again from the parse tree (where the grammar has already
 * turned `integer` into pg_catalog.int4 and `varchar(64)` into
 * pg_catalog.varchar with a modifier) and read by sg__pgtype; what it cannot
 * read (modifiers that are no integers, as some extensions' types take) is
 * kept as made. interval's fields are written here: sg__pgtype keeps no
 * fields. A type of the default schema is written without its schema, as
 * format_type() writes a type its search path sees. NULL when memory ran out.
 */
static const char *column_type(mig *m, const TypeName *tn, const char *table_schema)
{
    sg__strbuf b = SG__STRBUF_INIT(&m->tmp);
    int nnames = list_length(tn->names), first = 0;
    /* an application's type is written as `catalog pull` prints it, with
     * the search path set to the table's schema: unqualified in that
     * schema, qualified elsewhere (an unqualified one is the search path's
     * first schema's, where it was made, unless pg_catalog has the name) */
    const char *own = nnames == 1 && !sg__type_builtin(strVal(linitial(tn->names)))
                          ? sg__mig_type_schema(m)
                          : NULL;
    if (nnames == 2 && strcmp(strVal(linitial(tn->names)), table_schema) == 0)
        first = 1;
    if (own && strcmp(own, table_schema) != 0) {
        put_type_name(&b, own);
        sg__strbuf_put(&b, ".", 1);
    }
    bool interval = is_catalog_type(tn, "interval");
    for (int i = first; i < nnames && !interval; i++) {
        if (i > first)
            sg__strbuf_put(&b, ".", 1);
        put_type_name(&b, strVal(list_nth(tn->names, i)));
    }
    if (interval) {
        sg__strbuf_puts(&b, "interval");
        put_interval_mods(&b, tn->typmods);
    } else if (tn->typmods) {
        sg__strbuf_put(&b, "(", 1);
        const ListCell *lc;
        foreach (lc, tn->typmods) {
            const Node *mod = lfirst(lc);
            int v;
            if (lc != list_head(tn->typmods))
                sg__strbuf_put(&b, ",", 1);
            if (typmod_int(mod, &v)) {
                char num[16];
                snprintf(num, sizeof num, "%d", v);
                sg__strbuf_puts(&b, num);
            } else if (IsA(mod, ColumnRef) &&
                       IsA(llast(((const ColumnRef *)mod)->fields), String)) {
                sg__strbuf_puts(&b, strVal(llast(((const ColumnRef *)mod)->fields)));
            } else if (IsA(mod, A_Const) && IsA(&((const A_Const *)mod)->val, String)) {
                sg__strbuf_puts(&b, strVal(&((const A_Const *)mod)->val));
            } else if (IsA(mod, A_Const) && IsA(&((const A_Const *)mod)->val, Float)) {
                sg__strbuf_puts(&b, castNode(Float, &((const A_Const *)mod)->val)->fval);
            }
        }
        sg__strbuf_put(&b, ")", 1);
    }
    for (int i = 0; i < list_length(tn->arrayBounds); i++)
        sg__strbuf_puts(&b, "[]");
    if (b.failed)
        return NULL;
    sg__pgtype t;
    if (interval || !sg__pgtype_parse(b.data, &t))
        return sg__arena_strdup(&m->s->arena, b.data);
    char buf[SG_PGTYPE_NAME_MAX * 4];
    size_t need = sg__pgtype_format(&t, buf, sizeof buf);
    if (need < sizeof buf)
        return sg__arena_strdup(&m->s->arena, buf);
    char *big = sg__arena_alloc_raw(&m->s->arena, need + 1);
    if (big)
        sg__pgtype_format(&t, big, need + 1);
    return big;
}

/* serial, bigserial and smallserial (and serial4, serial8, serial2) as
 * PostgreSQL reads them: one unqualified name, no modifiers; the integer
 * type it stands for, or NULL. */
static const char *serial_type(const TypeName *tn)
{
    if (list_length(tn->names) != 1 || tn->pct_type)
        return NULL;
    const char *n = strVal(linitial(tn->names));
    if (strcmp(n, "serial") == 0 || strcmp(n, "serial4") == 0)
        return "integer";
    if (strcmp(n, "bigserial") == 0 || strcmp(n, "serial8") == 0)
        return "bigint";
    if (strcmp(n, "smallserial") == 0 || strcmp(n, "serial2") == 0)
        return "smallint";
    return NULL;
}

/* nextval('schema.table_column_seq'::regclass), as pg_get_expr() prints the
 * default of a serial column; the schema only where the default schema is
 * not the table's. The sequence's name is made as PostgreSQL makes it when
 * no other relation has it. */
static const char *serial_default(mig *m, const char *schema, const char *table, const char *column)
{
    char *seq = sg__mig_object_name(&m->tmp, table, column, "seq");
    if (!seq)
        return NULL;
    sg__strbuf b = SG__STRBUF_INIT(&m->s->arena);
    sg__strbuf_puts(&b, "nextval('");
    const char *parts[2] = {strcmp(schema, m->default_schema) != 0 ? schema : NULL, seq};
    for (int i = 0; i < 2; i++) {
        if (!parts[i])
            continue;
        const char *q = quote_identifier(parts[i]);
        for (const char *p = q; *p; p++)
            sg__strbuf_put(&b, p, *p == '\'' ? 2 : 1);
        if (i == 0)
            sg__strbuf_put(&b, ".", 1);
    }
    sg__strbuf_puts(&b, "'::regclass)");
    return b.failed ? NULL : b.data;
}

/* ---- columns ---------------------------------------------------------------------------- */

/* The place where the clause after byte `at` of a column definition starts:
 * its next constraint or COLLATE clause; -1 when none follows. */
static int next_clause(const ColumnDef *cd, int at)
{
    int next = -1;
    const ListCell *lc;
    foreach (lc, cd->constraints) {
        int loc = ((const Constraint *)lfirst(lc))->location;
        if (loc > at && (next < 0 || loc < next))
            next = loc;
    }
    if (cd->collClause && cd->collClause->location > at &&
        (next < 0 || cd->collClause->location < next))
        next = cd->collClause->location;
    return next;
}

static const char *identity_text(char when)
{
    return when == ATTRIBUTE_IDENTITY_ALWAYS ? "generated always as identity"
                                             : "generated by default as identity";
}

/* Whether a default's expression is a bare NULL (`DEFAULT NULL`, perhaps
 * cast): PostgreSQL stores no default for it. */
static bool null_const(const Node *n)
{
    while (n && IsA(n, TypeCast))
        n = ((const TypeCast *)n)->arg;
    return n && IsA(n, A_Const) && ((const A_Const *)n)->isnull;
}

/* The domain a type name names (qualified, or unqualified in the default
 * schema or any: migrations name their own domains), the latest of that
 * name not dropped: 1 + its index in the schema's domains, or 0. */
static size_t domain_of(mig *m, const List *names)
{
    int n = list_length(names);
    if (n < 1 || n > 2)
        return 0;
    const char *schema = n == 2 ? strVal(linitial(names)) : NULL, *name = strVal(llast(names));
    size_t any = 0;
    for (size_t i = m->s->domains.count; i-- > 0;) {
        const sg__sc_domain *d = &SG__VEC_AT(m->s->domains, sg__sc_domain, i);
        if (d->dropped || strcmp(d->name, name) != 0)
            continue;
        if (schema ? strcmp(d->schema, schema) == 0
                   : strcmp(d->schema, sg__mig_type_schema(m)) == 0)
            return i + 1;
        if (!schema && !any)
            any = i + 1;
    }
    return any;
}

static sg__sc_domain *domain_at(mig *m, size_t at)
{
    return at ? &SG__VEC_AT(m->s->domains, sg__sc_domain, at - 1) : NULL;
}

/* The text of a domain's DEFAULT among its constraints (up to the next
 * one), or NULL; *oom when memory ran out. */
static const char *domain_default(mig *m, const List *constraints, bool *oom)
{
    const ListCell *lc;
    foreach (lc, constraints) {
        const Constraint *c = lfirst(lc);
        if (c->contype != CONSTR_DEFAULT)
            continue;
        int stop = -1;
        const ListCell *rest;
        foreach (rest, constraints) {
            const Constraint *o = lfirst(rest);
            if (o->location > c->location && (stop < 0 || o->location < stop))
                stop = o->location;
        }
        const char *text = sg__mig_expr_text(m, c->raw_expr, "default", false, stop, oom);
        return text ? text : *oom ? NULL : "";
    }
    return NULL;
}

/* CREATE DOMAIN (its default, and the domain it is over), ALTER DOMAIN ...
 * SET/DROP DEFAULT, RENAME, DROP DOMAIN: the defaults the columns of those
 * types take (sg__migrate_finish). */
int sg__mig_apply_domain(mig *m, Node *stmt)
{
    bool oom = false;
    if (IsA(stmt, CreateDomainStmt)) {
        const CreateDomainStmt *cd = (const CreateDomainStmt *)stmt;
        const char *text = domain_default(m, cd->constraints, &oom);
        if (oom)
            return STOP;
        size_t base =
            cd->typeName && !cd->typeName->arrayBounds ? domain_of(m, cd->typeName->names) : 0;
        int n = list_length(cd->domainname);
        sg__sc_domain *d = sg__vec_push(&m->s->arena, &m->s->domains, sizeof *d);
        if (!d)
            return STOP;
        d->schema = n >= 2 ? sg__arena_strdup(&m->s->arena, strVal(list_nth(cd->domainname, n - 2)))
                           : m->default_schema;
        d->name = sg__arena_strdup(&m->s->arena, strVal(llast(cd->domainname)));
        d->default_expr = text;
        d->base = base;
        return d->schema && d->name ? APPLIED : STOP;
    }
    if (IsA(stmt, DropStmt)) {
        const ListCell *lc;
        foreach (lc, ((const DropStmt *)stmt)->objects) {
            sg__sc_domain *d = domain_at(
                m, IsA(lfirst(lc), TypeName) ? domain_of(m, ((TypeName *)lfirst(lc))->names) : 0);
            if (d)
                d->dropped = true;
        }
        return APPLIED;
    }
    if (IsA(stmt, RenameStmt)) {
        const RenameStmt *r = (const RenameStmt *)stmt;
        sg__sc_domain *d = r->object && IsA(r->object, List)
                               ? domain_at(m, domain_of(m, (List *)r->object))
                               : NULL;
        if (d && !(d->name = sg__arena_strdup(&m->s->arena, r->newname)))
            return STOP;
        return APPLIED;
    }
    const AlterDomainStmt *ad = (const AlterDomainStmt *)stmt;
    sg__sc_domain *d = ad->subtype == 'T' ? domain_at(m, domain_of(m, ad->typeName)) : NULL;
    if (!d)
        return APPLIED; /* constraints and the like: no default */
    d->default_expr = ad->def && !null_const(ad->def)
                          ? sg__mig_expr_text(m, ad->def, "default", false, -1, &oom)
                          : NULL;
    if (oom)
        return STOP;
    if (ad->def && !null_const(ad->def) && !d->default_expr)
        d->default_expr = "";
    return APPLIED;
}

/* Adds the column cd defines to table ti; its key constraints go to *p. */
int sg__mig_add_column(mig *m, size_t ti, ColumnDef *cd, pending *p)
{
    sg__sc_table *t = sg__mig_edit(m, ti);
    if (!t)
        return STOP;
    if (sg__schema_column(t, cd->colname))
        return sg__mig_refuse_as(m, "duplicate_column", cd->location,
                                 "%s has a column \"%s\" already; the statement is not applied",
                                 sg__mig_table_name(m, ti), cd->colname);
    sg__sc_column col = {0};
    col.name = sg__arena_strdup(&m->s->arena, cd->colname);
    col.nullable = true;
    const char *serial = serial_type(cd->typeName);
    if (serial && cd->typeName->arrayBounds)
        return sg__mig_refuse(m, cd->location,
                              "an array of serial is not a type; the statement is "
                              "not applied");
    col.type = serial ? serial : column_type(m, cd->typeName, t->schema);
    if (!col.name || !col.type)
        return STOP;
    if (serial) {
        col.nullable = false;
        col.default_expr = serial_default(m, t->schema, t->name, cd->colname);
        if (!col.default_expr)
            return STOP;
    }
    bool oom = false;
    const ListCell *lc;
    foreach (lc, cd->constraints) {
        Constraint *c = lfirst(lc);
        switch (c->contype) {
        case CONSTR_NULL:
            col.nullable = true;
            break;
        case CONSTR_NOTNULL:
            col.nullable = false;
            break;
        case CONSTR_DEFAULT:
            if (null_const(c->raw_expr)) {
                col.default_expr = NULL; /* DEFAULT NULL: PostgreSQL keeps no default */
                break;
            }
            col.default_expr = sg__mig_expr_text(m, c->raw_expr, "default", false,
                                                 next_clause(cd, c->location), &oom);
            if (!col.default_expr && !oom)
                col.default_expr = "";
            break;
        case CONSTR_IDENTITY:
            col.identity = c->generated_when;
            col.nullable = false;
            col.default_expr = identity_text(c->generated_when);
            break;
        case CONSTR_GENERATED:
            col.generated = ATTRIBUTE_GENERATED_STORED;
            col.default_expr = sg__mig_expr_text(m, c->raw_expr, "as", true, -1, &oom);
            if (!col.default_expr && !oom)
                col.default_expr = "";
            break;
        case CONSTR_CHECK:
        case CONSTR_PRIMARY:
        case CONSTR_UNIQUE:
        case CONSTR_FOREIGN:
            if (sg__mig_add_pending(m, p, c, col.name) != APPLIED)
                return STOP;
            break;
        default: /* DEFERRABLE and the like: nothing of the model's */
            break;
        }
        if (oom)
            return STOP;
    }
    /* a column of a domain takes its default, having none of its own (at
     * the end of the history: sg__migrate_finish) */
    col.domain = cd->typeName && !cd->typeName->arrayBounds ? domain_of(m, cd->typeName->names) : 0;
    sg__sc_column *slot = sg__vec_push(&m->s->arena, &t->columns, sizeof *slot);
    if (!slot)
        return STOP;
    *slot = col;
    return APPLIED;
}

/* ---- ALTER TABLE's changes of a column -------------------------------------------------- */

static sg__sc_column *alter_column(mig *m, size_t ti, const AlterTableCmd *cmd, int *rc)
{
    sg__sc_table *t = sg__mig_edit(m, ti);
    *rc = t ? APPLIED : STOP;
    sg__sc_column *c = t ? sg__schema_column(t, cmd->name) : NULL;
    if (t && !c)
        *rc = sg__mig_refuse(m, -1, "%s has no column \"%s\"; the statement is not applied",
                             sg__mig_table_name(m, ti), cmd->name);
    return c;
}

int sg__mig_set_default(mig *m, size_t ti, AlterTableCmd *cmd)
{
    int rc;
    sg__sc_column *c = alter_column(m, ti, cmd, &rc);
    if (!c)
        return rc;
    if (c->identity || c->generated)
        return sg__mig_refuse(m, -1,
                              "column \"%s\" of %s is an %s column, whose default cannot be set or "
                              "dropped; the statement is not applied",
                              c->name, sg__mig_table_name(m, ti),
                              c->identity ? "identity" : "generated");
    if (!cmd->def || null_const(cmd->def)) {
        c->default_expr = NULL; /* DROP DEFAULT, SET DEFAULT NULL */
        return APPLIED;
    }
    bool oom = false;
    c->default_expr = sg__mig_expr_text(m, cmd->def, "default", false, -1, &oom);
    if (!c->default_expr && !oom)
        c->default_expr = "";
    return oom ? STOP : APPLIED;
}

int sg__mig_set_not_null(mig *m, size_t ti, AlterTableCmd *cmd, bool not_null)
{
    int rc;
    sg__sc_column *c = alter_column(m, ti, cmd, &rc);
    if (!c)
        return rc;
    if (!not_null && (sg__mig_names_has(&m->work[ti].primary_key, c->name) || c->identity))
        return sg__mig_refuse(
            m, -1,
            "column \"%s\" of %s is in the primary key or an identity column and stays "
            "NOT NULL; the statement is not applied",
            c->name, sg__mig_table_name(m, ti));
    c->nullable = !not_null;
    return APPLIED;
}

int sg__mig_set_type(mig *m, size_t ti, AlterTableCmd *cmd)
{
    int rc;
    sg__sc_column *c = alter_column(m, ti, cmd, &rc);
    if (!c)
        return rc;
    const TypeName *tn = ((const ColumnDef *)cmd->def)->typeName;
    if (serial_type(tn))
        return sg__mig_refuse(
            m, tn->location,
            "serial is no type to change a column to; the statement is not applied");
    c->type = column_type(m, tn, m->work[ti].schema);
    c->domain = tn->arrayBounds ? 0 : domain_of(m, tn->names);
    return c->type ? APPLIED : STOP;
}

static int not_identity(mig *m, size_t ti, const char *column)
{
    return sg__mig_refuse(
        m, -1,
        "column \"%s\" of %s is no identity or generated column; the statement is not "
        "applied",
        column, sg__mig_table_name(m, ti));
}

/* ADD GENERATED ... AS IDENTITY, SET GENERATED, DROP IDENTITY, DROP EXPRESSION. */
int sg__mig_alter_identity(mig *m, size_t ti, AlterTableCmd *cmd)
{
    int rc;
    sg__sc_column *c = alter_column(m, ti, cmd, &rc);
    if (!c)
        return rc;
    switch (cmd->subtype) {
    case AT_AddIdentity:
        if (c->nullable || c->default_expr)
            return sg__mig_refuse(
                m, -1,
                "column \"%s\" of %s must be NOT NULL without a default to become an "
                "identity column; the statement is not applied",
                c->name, sg__mig_table_name(m, ti));
        c->identity = ((const Constraint *)cmd->def)->generated_when;
        c->default_expr = identity_text(c->identity);
        return APPLIED;
    case AT_SetIdentity: {
        if (!c->identity)
            break;
        const ListCell *lc;
        foreach (lc, (List *)cmd->def) {
            const DefElem *d = lfirst(lc);
            if (strcmp(d->defname, "generated") == 0) {
                c->identity = (char)intVal(d->arg);
                c->default_expr = identity_text(c->identity);
            }
        }
        return APPLIED;
    }
    case AT_DropIdentity:
        if (!c->identity)
            return cmd->missing_ok ? APPLIED : not_identity(m, ti, c->name);
        c->identity = 0;
        c->default_expr = NULL;
        return APPLIED;
    default: /* AT_DropExpression */
        if (!c->generated)
            return cmd->missing_ok ? APPLIED : not_identity(m, ti, c->name);
        c->generated = 0;
        c->default_expr = NULL;
        return APPLIED;
    }
    return not_identity(m, ti, c->name);
}
