/*
 * migrate.c - applies a migration file's DDL to a table model, as PostgreSQL
 * 15 would apply it to a database: the statements that make, change or drop
 * tables, their columns and their keys change the sg__schema; the others are
 * passed over, or reported when they could change a table in a way the model
 * does not follow.
 *
 * Each statement is applied to a working copy of the model and kept only when
 * all of it applies: a statement the server would refuse (a table that exists
 * already, a column that does not, a key a foreign key still needs) is one
 * note and changes nothing, as its failed transaction would. Constraint and
 * index names are chosen as PostgreSQL chooses them (makeObjectName,
 * ChooseRelationName and ChooseConstraintName in the server), against the
 * names the model knows; sequences and views are not in the model, so a name
 * that only clashes with one of theirs is chosen differently.
 *
 * Defaults are kept as the migration writes them (its source text, not
 * pg_get_expr()'s spelling); serial columns get the nextval() default the
 * server makes, identity columns the words of their GENERATED clause, and
 * generated columns their expression.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_class.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pg/migrate.h"
#include "pg/parse.h"
#include "pg/split.h"
#include "pg/walk.h"
#include "util/pgtype.h"
#include "util/text.h"

/* PostgreSQL's NAMEDATALEN: a name holds at most 63 bytes. */
enum { NAME_MAX_BYTES = 63 };

/* What applying a piece of a statement came to: APPLIED (also when there was
 * nothing to do), REFUSED (the server would fail the statement; noted), or
 * STOP (memory ran out, or the note callback asked to stop). */
enum { APPLIED = 0, REFUSED = 1, STOP = -1 };

typedef struct mig {
    sg__schema *s;
    sg__arena tmp; /* scratch memory of one call */
    const char *sql;
    const char *default_schema;
    sg__migrate_note_fn note;
    void *ctx;
    sg__sql_token *tokens;
    size_t ntokens;
    int stmt_at; /* where the statement being applied starts */
    /* The tables as the statement being applied leaves them, committed to
     * s->tables when all of it applies. A table's arrays are shared with the
     * model until `owned` says they are this statement's copies. */
    sg__sc_table *work;
    bool *owned;
    size_t nwork, capwork;
    bool oom; /* memory ran out where the caller could not say so (a message's part) */
} mig;

/* ---- notes ----------------------------------------------------------------------------- */

static int vnote(mig *m, int location, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
static int vnote(mig *m, int location, const char *fmt, va_list ap)
{
    char *msg = sg__arena_vprintf(&m->tmp, fmt, ap);
    if (!msg || m->oom)
        return STOP;
    return m->note(m->ctx, location >= 0 ? location : m->stmt_at, msg) < 0 ? STOP : APPLIED;
}

/* A note about something not applied; the rest of the statement applies. */
static int note(mig *m, int location, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int note(mig *m, int location, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vnote(m, location, fmt, ap);
    va_end(ap);
    return rc;
}

/* A note that the server would refuse the statement: nothing of it applies. */
static int refuse(mig *m, int location, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(mig *m, int location, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vnote(m, location, fmt, ap);
    va_end(ap);
    return rc == APPLIED ? REFUSED : rc;
}

/* ---- the working copy of the tables ------------------------------------------------------ */

static int begin_statement(mig *m)
{
    size_t n = m->s->tables.count;
    if (n > m->capwork) {
        size_t cap = n * 2;
        sg__sc_table *w = sg__arena_alloc_raw(&m->tmp, cap * sizeof *w);
        bool *o = sg__arena_alloc_raw(&m->tmp, cap * sizeof *o);
        if (!w || !o)
            return STOP;
        m->work = w;
        m->owned = o;
        m->capwork = cap;
    }
    if (n)
        memcpy(m->work, m->s->tables.items, n * sizeof *m->work);
    if (m->capwork)
        memset(m->owned, 0, m->capwork * sizeof *m->owned);
    m->nwork = n;
    return APPLIED;
}

static int commit_statement(mig *m)
{
    sg__vec *v = &m->s->tables;
    if (m->nwork > v->capacity) {
        size_t cap = m->nwork * 2;
        void *items = sg__arena_alloc_raw(&m->s->arena, cap * sizeof(sg__sc_table));
        if (!items)
            return STOP;
        v->items = items;
        v->capacity = cap;
    }
    if (m->nwork)
        memcpy(v->items, m->work, m->nwork * sizeof *m->work);
    v->count = m->nwork;
    return APPLIED;
}

static int copy_vec(sg__arena *a, sg__vec *v, size_t size)
{
    if (v->count == 0) {
        *v = (sg__vec){NULL, 0, 0};
        return APPLIED;
    }
    void *items = sg__arena_alloc_raw(a, v->count * size);
    if (!items)
        return STOP;
    memcpy(items, v->items, v->count * size);
    v->items = items;
    v->capacity = v->count;
    return APPLIED;
}

/* Table i of the working copy, with arrays of its own that may be changed;
 * NULL when memory ran out. */
static sg__sc_table *edit(mig *m, size_t i)
{
    sg__sc_table *t = &m->work[i];
    if (m->owned[i])
        return t;
    sg__arena *a = &m->s->arena;
    if (copy_vec(a, &t->columns, sizeof(sg__sc_column)) ||
        copy_vec(a, &t->unique, sizeof(sg__sc_names)) ||
        copy_vec(a, &t->fkeys, sizeof(sg__sc_fkey)) ||
        copy_vec(a, &t->other_constraints, sizeof(sg__sc_names)) ||
        copy_vec(a, &t->other_indexes, sizeof(sg__sc_names)))
        return NULL;
    m->owned[i] = true;
    return t;
}

static long find_table(const mig *m, const char *schema, const char *name)
{
    for (size_t i = 0; i < m->nwork; i++)
        if (strcmp(m->work[i].schema, schema) == 0 && strcmp(m->work[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* A new empty table at the end of the working copy: its index, or -1. */
static long add_table(mig *m, const char *schema, const char *name)
{
    if (m->nwork == m->capwork) {
        size_t cap = m->capwork ? m->capwork * 2 : 8;
        sg__sc_table *w = sg__arena_alloc_raw(&m->tmp, cap * sizeof *w);
        bool *o = sg__arena_alloc(&m->tmp, cap * sizeof *o);
        if (!w || !o)
            return -1;
        if (m->nwork) {
            memcpy(w, m->work, m->nwork * sizeof *w);
            memcpy(o, m->owned, m->nwork * sizeof *o);
        }
        m->work = w;
        m->owned = o;
        m->capwork = cap;
    }
    sg__sc_table *t = &m->work[m->nwork];
    memset(t, 0, sizeof *t);
    t->schema = sg__arena_strdup(&m->s->arena, schema);
    t->name = sg__arena_strdup(&m->s->arena, name);
    if (!t->schema || !t->name)
        return -1;
    m->owned[m->nwork] = true;
    return (long)m->nwork++;
}

static void remove_table(mig *m, size_t i)
{
    memmove(&m->work[i], &m->work[i + 1], (m->nwork - i - 1) * sizeof *m->work);
    memmove(&m->owned[i], &m->owned[i + 1], (m->nwork - i - 1) * sizeof *m->owned);
    m->nwork--;
}

/* ---- lists of names ---------------------------------------------------------------------- */

static bool names_has(const sg__sc_names *n, const char *name)
{
    for (size_t i = 0; i < n->count; i++)
        if (strcmp(n->names[i], name) == 0)
            return true;
    return false;
}

/* The same columns, in any order (how a foreign key finds the key it uses). */
static bool names_same_set(const sg__sc_names *a, const sg__sc_names *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (!names_has(b, a->names[i]))
            return false;
    return true;
}

/* The String nodes of `list` as names in `a`; false when memory ran out. */
static bool names_from_list(sg__arena *a, const List *list, sg__sc_names *out)
{
    *out = (sg__sc_names){0};
    int n = list_length(list);
    if (n == 0)
        return true;
    out->names = sg__arena_alloc(a, (size_t)n * sizeof *out->names);
    if (!out->names)
        return false;
    const ListCell *lc;
    foreach (lc, list) {
        const Node *v = lfirst(lc);
        if (IsA(v, String))
            out->names[out->count++] = strVal(v);
    }
    return true;
}

static bool names_of_one(sg__arena *a, const char *name, sg__sc_names *out)
{
    *out = (sg__sc_names){0};
    out->names = sg__arena_alloc(a, sizeof *out->names);
    if (!out->names)
        return false;
    out->names[0] = name;
    out->count = 1;
    return true;
}

/* `n` with `old` written `new`, in a fresh array when it changes; false when
 * memory ran out. */
static bool names_rename(sg__arena *a, sg__sc_names *n, const char *old, const char *new)
{
    if (!names_has(n, old))
        return true;
    const char **names = sg__arena_alloc(a, n->count * sizeof *names);
    if (!names)
        return false;
    for (size_t i = 0; i < n->count; i++)
        names[i] = strcmp(n->names[i], old) == 0 ? new : n->names[i];
    n->names = names;
    return true;
}

/* The column names of table t that `n` names, as the model spells them, in a
 * fresh array of the model's arena; false when memory ran out. */
static bool names_keep(mig *m, const sg__sc_table *t, sg__sc_names *n)
{
    if (n->count == 0)
        return true;
    const char **names = sg__arena_alloc(&m->s->arena, n->count * sizeof *names);
    if (!names)
        return false;
    for (size_t i = 0; i < n->count; i++) {
        const sg__sc_column *c = sg__schema_column((sg__sc_table *)t, n->names[i]);
        names[i] = c ? c->name : sg__arena_strdup(&m->s->arena, n->names[i]);
        if (!names[i])
            return false;
    }
    n->names = names;
    return true;
}

/* "schema.name", for messages. */
static const char *qualified(mig *m, const char *schema, const char *name)
{
    const char *q = sg__arena_printf(&m->tmp, "%s.%s", schema, name);
    if (!q)
        m->oom = true;
    return q ? q : name;
}

static const char *table_name(mig *m, size_t i)
{
    return qualified(m, m->work[i].schema, m->work[i].name);
}

/* ---- names as PostgreSQL chooses them ------------------------------------------------------ */

/* How many of the first `len` bytes of `s` make whole UTF-8 characters
 * (pg_mbcliplen for a UTF-8 database). */
static size_t clip_utf8(const char *s, size_t len)
{
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    return len;
}

/* makeObjectName: name1_name2_label, the longer of name1 and name2 shortened
 * until it fits in 63 bytes. */
static char *object_name(sg__arena *a, const char *name1, const char *name2, const char *label)
{
    size_t n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;
    size_t overhead = (name2 ? 1 : 0) + (label ? strlen(label) + 1 : 0);
    size_t avail = NAME_MAX_BYTES - overhead;
    while (n1 + n2 > avail) {
        if (n1 > n2)
            n1--;
        else
            n2--;
    }
    n1 = clip_utf8(name1, n1);
    n2 = name2 ? clip_utf8(name2, n2) : 0;
    return sg__arena_printf(a, "%.*s%s%.*s%s%s", (int)n1, name1, name2 ? "_" : "", (int)n2,
                            name2 ? name2 : "", label ? "_" : "", label ? label : "");
}

/* ChooseIndexNameAddition (and ChooseForeignKeyConstraintNameAddition):
 * the column names joined by "_", as long as they stay short of 64 bytes. */
static char *name_addition(sg__arena *a, const sg__sc_names *cols)
{
    sg__strbuf b = SG__STRBUF_INIT(a);
    sg__strbuf_put(&b, "", 0);
    for (size_t i = 0; i < cols->count; i++) {
        if (b.len > 0)
            sg__strbuf_put(&b, "_", 1);
        sg__strbuf_puts(&b, cols->names[i]);
        if (b.len > NAME_MAX_BYTES)
            break;
    }
    return b.failed ? NULL : b.data;
}

/* Whether a relation of schema `schema` is called `name`: a table, or the
 * index of a key or of another index (pg_class's names). */
static bool relation_name_used(const mig *m, const char *schema, const char *name)
{
    for (size_t i = 0; i < m->nwork; i++) {
        const sg__sc_table *t = &m->work[i];
        if (strcmp(t->schema, schema) != 0)
            continue;
        if (strcmp(t->name, name) == 0)
            return true;
        if (t->primary_key.name && strcmp(t->primary_key.name, name) == 0)
            return true;
        for (size_t k = 0; k < t->unique.count; k++) {
            const char *u = SG__VEC_AT(t->unique, sg__sc_names, k).name;
            if (u && strcmp(u, name) == 0)
                return true;
        }
        for (size_t k = 0; k < t->other_indexes.count; k++)
            if (strcmp(SG__VEC_AT(t->other_indexes, sg__sc_names, k).name, name) == 0)
                return true;
    }
    return false;
}

/* Whether the constraint `name` exists on table t. */
static bool constraint_on(const sg__sc_table *t, const char *name)
{
    if (t->primary_key.name && strcmp(t->primary_key.name, name) == 0)
        return true;
    for (size_t k = 0; k < t->unique.count; k++) {
        const sg__sc_names *u = &SG__VEC_AT(t->unique, sg__sc_names, k);
        if (!u->index_only && u->name && strcmp(u->name, name) == 0)
            return true;
    }
    for (size_t k = 0; k < t->fkeys.count; k++) {
        const char *f = SG__VEC_AT(t->fkeys, sg__sc_fkey, k).name;
        if (f && strcmp(f, name) == 0)
            return true;
    }
    for (size_t k = 0; k < t->other_constraints.count; k++)
        if (strcmp(SG__VEC_AT(t->other_constraints, sg__sc_names, k).name, name) == 0)
            return true;
    return false;
}

/* Whether a constraint of schema `schema` is called `name` (pg_constraint's
 * names, which PostgreSQL keeps apart within a schema when it chooses). */
static bool constraint_name_used(const mig *m, const char *schema, const char *name)
{
    for (size_t i = 0; i < m->nwork; i++)
        if (strcmp(m->work[i].schema, schema) == 0 && constraint_on(&m->work[i], name))
            return true;
    return false;
}

/* ChooseRelationName (is_constraint) and ChooseConstraintName (!is_index):
 * the label, then label1, label2, ... until the name is free. */
static const char *choose_name(mig *m, const char *schema, const char *name1, const char *name2,
                               const char *label, bool is_index, bool is_constraint)
{
    for (int pass = 0;; pass++) {
        char modlabel[32];
        if (pass == 0)
            snprintf(modlabel, sizeof modlabel, "%s", label);
        else
            snprintf(modlabel, sizeof modlabel, "%s%d", label, pass);
        const char *name = object_name(&m->s->arena, name1, name2, modlabel);
        if (!name)
            return NULL;
        bool used = (is_index && relation_name_used(m, schema, name)) ||
                    (is_constraint && constraint_name_used(m, schema, name));
        if (!used)
            return name;
    }
}

/* ---- source text ------------------------------------------------------------------------ */

/* The first token at or after byte `at`. */
static size_t token_at(const mig *m, int at)
{
    size_t lo = 0, hi = m->ntokens;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->tokens[mid].start < (size_t)at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool token_is(const mig *m, size_t i, const char *word)
{
    const sg__sql_token *t = &m->tokens[i];
    size_t n = strlen(word);
    return t->end - t->start == n && strncasecmp(m->sql + t->start, word, n) == 0;
}

static char token_char(const mig *m, size_t i)
{
    const sg__sql_token *t = &m->tokens[i];
    return t->end - t->start == 1 ? m->sql[t->start] : 0;
}

/*
 * The source text of an expression that follows the keyword `keyword` (the
 * nearest one before the expression's leftmost node): from the token after
 * it to the end of the expression, which is where a comma or a closing
 * parenthesis outside the expression's own brackets, a semicolon, or the
 * first token at or after `stop` (the next clause, when known; -1: none)
 * comes. When `parenthesized`, the expression is the inside of the
 * parentheses that follow the keyword. NULL when it cannot be found (no
 * such text) or memory ran out (*oom).
 */
static const char *expr_text(mig *m, Node *expr, const char *keyword, bool parenthesized, int stop,
                             bool *oom)
{
    int left = exprLocation(expr);
    if (left < 0 || !m->tokens)
        return NULL;
    size_t i = token_at(m, left);
    while (i > 0 && !token_is(m, i - 1, keyword))
        i--;
    if (i == 0)
        return NULL;
    if (parenthesized) {
        if (i >= m->ntokens || token_char(m, i) != '(')
            return NULL;
        i++;
    }
    size_t first = i, last = i;
    int depth = 0;
    for (; i < m->ntokens; i++) {
        char c = token_char(m, i);
        if (m->tokens[i].comment)
            continue;
        if (stop >= 0 && m->tokens[i].start >= (size_t)stop)
            break;
        if (c == '(' || c == '[')
            depth++;
        else if ((c == ')' || c == ']') && --depth < 0)
            break;
        else if ((c == ',' && depth == 0) || c == ';')
            break;
        last = i + 1;
    }
    if (last == first)
        return NULL;
    size_t from = m->tokens[first].start, to = m->tokens[last - 1].end;
    const char *text = sg__arena_strndup(&m->s->arena, m->sql + from, to - from);
    if (!text)
        *oom = true;
    return text;
}

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
static const char *column_type(mig *m, const TypeName *tn)
{
    sg__strbuf b = SG__STRBUF_INIT(&m->tmp);
    int nnames = list_length(tn->names), first = 0;
    if (nnames == 2 && strcmp(strVal(linitial(tn->names)), m->default_schema) == 0)
        first = 1;
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
    char *seq = object_name(&m->tmp, table, column, "seq");
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

/* ---- the columns expressions name -------------------------------------------------------- */

typedef struct col_refs {
    sg__arena *arena;
    sg__vec names; /* const char * */
    bool failed;
} col_refs;

/* Adds `name` unless *r has it; false when memory ran out. */
static bool add_ref(col_refs *r, const char *name)
{
    for (size_t i = 0; i < r->names.count; i++)
        if (strcmp(SG__VEC_AT(r->names, const char *, i), name) == 0)
            return true;
    const char **slot = sg__vec_push(r->arena, &r->names, sizeof *slot);
    if (!slot) {
        r->failed = true;
        return false;
    }
    *slot = name;
    return true;
}

static bool collect_refs(Node *node, void *ctx)
{
    col_refs *r = ctx;
    if (!node)
        return false;
    if (IsA(node, ColumnRef)) {
        Node *last = llast(((ColumnRef *)node)->fields);
        return IsA(last, String) && !add_ref(r, strVal(last));
    }
    return raw_expression_tree_walker(node, collect_refs, ctx);
}

/* Adds the distinct columns `expr` names to *r; false when memory ran out. */
static bool refs_of(col_refs *r, Node *expr)
{
    if (expr)
        collect_refs(expr, r);
    return !r->failed;
}

static sg__sc_names refs_names(const col_refs *r)
{
    return (sg__sc_names){.names = r->names.items, .count = r->names.count};
}

/* ---- constraints waiting for their table's columns ------------------------------------------ */

typedef struct pending_con {
    Constraint *c;
    sg__sc_names cols;      /* key, referencing or named columns */
    sg__sc_names including; /* INCLUDE columns of a key */
} pending_con;

/* The constraints of one statement, applied after its columns in the order
 * PostgreSQL adds them: CHECK (with the table), then the indexes of keys
 * (the primary key first), then foreign keys. */
typedef struct pending {
    sg__vec checks; /* pending_con */
    sg__vec keys;   /* pending_con: PRIMARY KEY, UNIQUE, EXCLUDE */
    sg__vec fkeys;  /* pending_con */
} pending;

/* Files constraint c, of column `column` (NULL: a table constraint). */
static int add_pending(mig *m, pending *p, Constraint *c, const char *column)
{
    sg__vec *v = c->contype == CONSTR_CHECK     ? &p->checks
                 : c->contype == CONSTR_FOREIGN ? &p->fkeys
                                                : &p->keys;
    pending_con *pc = sg__vec_push(&m->tmp, v, sizeof *pc);
    if (!pc)
        return STOP;
    pc->c = c;
    bool ok = true;
    if (c->contype == CONSTR_CHECK) {
        col_refs r = {&m->tmp, {0}, false};
        ok = refs_of(&r, c->raw_expr);
        pc->cols = refs_names(&r);
    } else if (c->contype == CONSTR_EXCLUSION) {
        col_refs r = {&m->tmp, {0}, false};
        const ListCell *lc;
        foreach (lc, c->exclusions) {
            IndexElem *e = linitial(lfirst(lc));
            ok = ok && (e->name ? add_ref(&r, e->name) : refs_of(&r, e->expr));
        }
        pc->cols = refs_names(&r);
    } else if (column) {
        ok = names_of_one(&m->tmp, column, &pc->cols);
    } else {
        ok = names_from_list(&m->tmp, c->contype == CONSTR_FOREIGN ? c->fk_attrs : c->keys,
                             &pc->cols) &&
             names_from_list(&m->tmp, c->including, &pc->including);
    }
    return ok ? APPLIED : STOP;
}

static const char *fk_action(char a)
{
    switch (a) {
    case FKCONSTR_ACTION_RESTRICT:
        return "RESTRICT";
    case FKCONSTR_ACTION_CASCADE:
        return "CASCADE";
    case FKCONSTR_ACTION_SETNULL:
        return "SET NULL";
    case FKCONSTR_ACTION_SETDEFAULT:
        return "SET DEFAULT";
    default:
        return "NO ACTION";
    }
}

/* The first column of `cols` that table t lacks, or NULL. */
static const char *missing_column(const sg__sc_table *t, const sg__sc_names *cols)
{
    for (size_t i = 0; i < cols->count; i++)
        if (!sg__schema_column((sg__sc_table *)t, cols->names[i]))
            return cols->names[i];
    return NULL;
}

static int apply_check(mig *m, size_t ti, pending_con *pc)
{
    sg__sc_table *t = edit(m, ti);
    if (!t)
        return STOP;
    const char *name = pc->c->conname;
    if (name && constraint_on(t, name))
        return refuse(m, pc->c->location,
                      "constraint \"%s\" of %s exists already; the statement is not applied", name,
                      table_name(m, ti));
    /* AddRelationNewConstraints: table_column_check when the expression
     * names one column, else table_check. */
    name = name ? sg__arena_strdup(&m->s->arena, name)
                : choose_name(m, t->schema, t->name, pc->cols.count == 1 ? pc->cols.names[0] : NULL,
                              "check", false, true);
    sg__sc_names *o = name ? sg__vec_push(&m->s->arena, &t->other_constraints, sizeof *o) : NULL;
    if (!o)
        return STOP;
    *o = pc->cols;
    o->name = name;
    return names_keep(m, t, o) ? APPLIED : STOP;
}

/* Whether two index constraints of one statement are the same index, which
 * PostgreSQL makes once (transformIndexConstraints). */
static bool same_index(const pending_con *a, const pending_con *b)
{
    return a->c->contype != CONSTR_EXCLUSION && b->c->contype != CONSTR_EXCLUSION &&
           sg__schema_names_equal(&a->cols, &b->cols) &&
           sg__schema_names_equal(&a->including, &b->including) &&
           a->c->nulls_not_distinct == b->c->nulls_not_distinct &&
           a->c->deferrable == b->c->deferrable && a->c->initdeferred == b->c->initdeferred &&
           !a->c->indexname && !b->c->indexname;
}

/* ADD CONSTRAINT ... UNIQUE / PRIMARY KEY USING INDEX: the unique index
 * becomes the constraint's, renamed after it when it is named. */
static int apply_using_index(mig *m, size_t ti, pending_con *pc)
{
    sg__sc_table *t = edit(m, ti);
    if (!t)
        return STOP;
    Constraint *c = pc->c;
    for (size_t k = 0; k < t->unique.count; k++) {
        sg__sc_names *u = &SG__VEC_AT(t->unique, sg__sc_names, k);
        if (!u->index_only || !u->name || strcmp(u->name, c->indexname) != 0)
            continue;
        const char *name = c->conname ? sg__arena_strdup(&m->s->arena, c->conname) : u->name;
        if (!name)
            return STOP;
        if (c->contype == CONSTR_UNIQUE) {
            u->index_only = false;
            u->name = name;
            return APPLIED;
        }
        if (t->primary_key.count > 0)
            return refuse(m, c->location,
                          "%s has a primary key already; the statement is not applied",
                          table_name(m, ti));
        t->primary_key = *u;
        t->primary_key.index_only = false;
        t->primary_key.name = name;
        for (size_t i = 0; i < u->count; i++)
            sg__schema_column(t, u->names[i])->nullable = false;
        memmove(u, u + 1, (t->unique.count - k - 1) * sizeof *u);
        t->unique.count--;
        return APPLIED;
    }
    return refuse(m, c->location,
                  "%s has no unique index \"%s\" on columns alone; the statement is not applied",
                  table_name(m, ti), c->indexname);
}

static int apply_key(mig *m, size_t ti, pending_con *pc)
{
    Constraint *c = pc->c;
    if (c->indexname)
        return apply_using_index(m, ti, pc);
    sg__sc_table *t = edit(m, ti);
    if (!t)
        return STOP;
    const char *missing = missing_column(t, &pc->cols);
    if (!missing)
        missing = missing_column(t, &pc->including);
    if (missing)
        return refuse(m, c->location,
                      "%s has no column \"%s\" for the constraint; the statement is not applied",
                      table_name(m, ti), missing);
    bool primary = c->contype == CONSTR_PRIMARY;
    if (primary && t->primary_key.count > 0)
        return refuse(m, c->location, "%s has a primary key already; the statement is not applied",
                      table_name(m, ti));
    const char *name = c->conname;
    if (name && (relation_name_used(m, t->schema, name) || constraint_on(t, name)))
        return refuse(m, c->location,
                      "the name \"%s\" is taken in schema %s; the statement is not applied", name,
                      t->schema);
    if (name) {
        name = sg__arena_strdup(&m->s->arena, name);
    } else {
        sg__sc_names all = pc->cols;
        if (pc->including.count) {
            all.names =
                sg__arena_alloc(&m->tmp, (all.count + pc->including.count) * sizeof *all.names);
            if (!all.names)
                return STOP;
            memcpy(all.names, pc->cols.names, pc->cols.count * sizeof *all.names);
            memcpy(all.names + pc->cols.count, pc->including.names,
                   pc->including.count * sizeof *all.names);
            all.count += pc->including.count;
        }
        const char *addition = primary ? NULL : name_addition(&m->tmp, &all);
        if (!primary && !addition)
            return STOP;
        name = choose_name(m, t->schema, t->name, addition,
                           primary                          ? "pkey"
                           : c->contype == CONSTR_EXCLUSION ? "excl"
                                                            : "key",
                           true, true);
    }
    if (!name)
        return STOP;
    sg__sc_names key = pc->cols;
    key.name = name;
    if (!names_keep(m, t, &key))
        return STOP;
    if (c->contype == CONSTR_EXCLUSION) {
        sg__sc_names *o = sg__vec_push(&m->s->arena, &t->other_constraints, sizeof *o);
        sg__sc_names *x = sg__vec_push(&m->s->arena, &t->other_indexes, sizeof *x);
        if (!o || !x)
            return STOP;
        *o = *x = key;
        return APPLIED;
    }
    if (primary) {
        t->primary_key = key;
        for (size_t i = 0; i < key.count; i++)
            sg__schema_column(t, key.names[i])->nullable = false;
        return APPLIED;
    }
    sg__sc_names *u = sg__vec_push(&m->s->arena, &t->unique, sizeof *u);
    if (!u)
        return STOP;
    *u = key;
    return APPLIED;
}

/* Whether table t has a key on exactly the columns `cols`, in any order: a
 * key a foreign key may reference (transformFkeyCheckAttrs). */
static bool has_key_on(const sg__sc_table *t, const sg__sc_names *cols)
{
    if (t->primary_key.count && names_same_set(&t->primary_key, cols))
        return true;
    for (size_t k = 0; k < t->unique.count; k++)
        if (names_same_set(&SG__VEC_AT(t->unique, sg__sc_names, k), cols))
            return true;
    return false;
}

static int apply_fkey(mig *m, size_t ti, pending_con *pc)
{
    Constraint *c = pc->c;
    sg__sc_table *t = edit(m, ti);
    if (!t)
        return STOP;
    const char *missing = missing_column(t, &pc->cols);
    if (missing)
        return refuse(m, c->location,
                      "%s has no column \"%s\" for the foreign key; the statement is not applied",
                      table_name(m, ti), missing);
    const char *rschema = c->pktable->schemaname ? c->pktable->schemaname : m->default_schema;
    long ri = find_table(m, rschema, c->pktable->relname);
    sg__sc_names rcols;
    if (!names_from_list(&m->tmp, c->pk_attrs, &rcols))
        return STOP;
    if (ri >= 0) {
        const sg__sc_table *r = &m->work[ri];
        if (rcols.count == 0 && r->primary_key.count == 0)
            return refuse(m, c->location,
                          "%s has no primary key to reference; the statement is not applied",
                          table_name(m, (size_t)ri));
        if (rcols.count == 0)
            rcols = r->primary_key;
        missing = missing_column(r, &rcols);
        if (missing)
            return refuse(m, c->location,
                          "%s has no column \"%s\" to reference; the statement is not applied",
                          table_name(m, (size_t)ri), missing);
        if (!has_key_on(r, &rcols))
            return refuse(m, c->location,
                          "%s has no unique key on the referenced columns; the statement is not "
                          "applied",
                          table_name(m, (size_t)ri));
    } else {
        int rc = note(m, c->pktable->location,
                      "the foreign key references %s, which the tables lack; it is kept as written",
                      qualified(m, rschema, c->pktable->relname));
        if (rc != APPLIED)
            return rc;
    }
    if (rcols.count && rcols.count != pc->cols.count)
        return refuse(m, c->location,
                      "the foreign key has %zu columns and references %zu; the statement is not "
                      "applied",
                      pc->cols.count, rcols.count);
    if (c->conname && constraint_on(t, c->conname))
        return refuse(m, c->location,
                      "constraint \"%s\" of %s exists already; the statement is not applied",
                      c->conname, table_name(m, ti));
    const char *addition = name_addition(&m->tmp, &pc->cols);
    const char *name = c->conname ? sg__arena_strdup(&m->s->arena, c->conname)
                       : addition
                           ? choose_name(m, t->schema, t->name, addition, "fkey", false, true)
                           : NULL;
    sg__sc_fkey *f = name ? sg__vec_push(&m->s->arena, &t->fkeys, sizeof *f) : NULL;
    if (!f)
        return STOP;
    f->name = name;
    f->columns = pc->cols;
    f->ref_schema =
        strcmp(rschema, t->schema) == 0 ? NULL : sg__arena_strdup(&m->s->arena, rschema);
    f->ref_table = sg__arena_strdup(&m->s->arena, c->pktable->relname);
    f->ref_columns = rcols;
    f->ref_columns.name = NULL;
    f->ref_columns.index_only = false;
    f->on_delete = fk_action(c->fk_del_action);
    f->on_update = fk_action(c->fk_upd_action);
    bool ok = (f->ref_schema || strcmp(rschema, t->schema) == 0) && f->ref_table &&
              names_keep(m, t, &f->columns) &&
              names_keep(m, ri >= 0 ? &m->work[ri] : t, &f->ref_columns);
    return ok ? APPLIED : STOP;
}

/* The constraints of a statement on table ti, after its columns. */
static int apply_pending(mig *m, size_t ti, pending *p)
{
    int rc = APPLIED;
    for (size_t i = 0; rc == APPLIED && i < p->checks.count; i++)
        rc = apply_check(m, ti, &SG__VEC_AT(p->checks, pending_con, i));
    /* the primary key first, then the others; one index for a repeated key */
    for (int primary = 1; primary >= 0; primary--) {
        for (size_t i = 0; rc == APPLIED && i < p->keys.count; i++) {
            pending_con *pc = &SG__VEC_AT(p->keys, pending_con, i);
            if ((pc->c->contype == CONSTR_PRIMARY) != primary)
                continue;
            bool repeated = false;
            for (size_t j = 0; !primary && j < p->keys.count && !repeated; j++) {
                pending_con *prior = &SG__VEC_AT(p->keys, pending_con, j);
                repeated = (prior->c->contype == CONSTR_PRIMARY || j < i) && same_index(prior, pc);
            }
            if (!repeated)
                rc = apply_key(m, ti, pc);
        }
    }
    for (size_t i = 0; rc == APPLIED && i < p->fkeys.count; i++)
        rc = apply_fkey(m, ti, &SG__VEC_AT(p->fkeys, pending_con, i));
    return rc;
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
        if (schema ? strcmp(d->schema, schema) == 0 : strcmp(d->schema, m->default_schema) == 0)
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
        const char *text = expr_text(m, c->raw_expr, "default", false, stop, oom);
        return text ? text : *oom ? NULL : "";
    }
    return NULL;
}

/* CREATE DOMAIN (its default, and the domain it is over), ALTER DOMAIN ...
 * SET/DROP DEFAULT, RENAME, DROP DOMAIN: the defaults the columns of those
 * types take (sg__migrate_finish). */
static int apply_domain(mig *m, Node *stmt)
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
    d->default_expr =
        ad->def && !null_const(ad->def) ? expr_text(m, ad->def, "default", false, -1, &oom) : NULL;
    if (oom)
        return STOP;
    if (ad->def && !null_const(ad->def) && !d->default_expr)
        d->default_expr = "";
    return APPLIED;
}

void sg__migrate_finish(sg__schema *s)
{
    for (size_t t = 0; t < s->tables.count; t++) {
        sg__sc_table *table = &SG__VEC_AT(s->tables, sg__sc_table, t);
        for (size_t c = 0; c < table->columns.count; c++) {
            sg__sc_column *col = &SG__VEC_AT(table->columns, sg__sc_column, c);
            /* the domain's own default, else its base domain's, and on */
            for (size_t at = col->domain, hops = 0; !col->default_expr && at && hops < 64; hops++) {
                const sg__sc_domain *d = &SG__VEC_AT(s->domains, sg__sc_domain, at - 1);
                col->default_expr = d->default_expr;
                at = d->base;
            }
        }
    }
}

/* Adds the column cd defines to table ti; its key constraints go to *p. */
static int add_column(mig *m, size_t ti, ColumnDef *cd, pending *p)
{
    sg__sc_table *t = edit(m, ti);
    if (!t)
        return STOP;
    if (sg__schema_column(t, cd->colname))
        return refuse(m, cd->location,
                      "%s has a column \"%s\" already; the statement is not applied",
                      table_name(m, ti), cd->colname);
    sg__sc_column col = {0};
    col.name = sg__arena_strdup(&m->s->arena, cd->colname);
    col.nullable = true;
    const char *serial = serial_type(cd->typeName);
    if (serial && cd->typeName->arrayBounds)
        return refuse(m, cd->location,
                      "an array of serial is not a type; the statement is "
                      "not applied");
    col.type = serial ? serial : column_type(m, cd->typeName);
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
            col.default_expr =
                expr_text(m, c->raw_expr, "default", false, next_clause(cd, c->location), &oom);
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
            col.default_expr = expr_text(m, c->raw_expr, "as", true, -1, &oom);
            if (!col.default_expr && !oom)
                col.default_expr = "";
            break;
        case CONSTR_CHECK:
        case CONSTR_PRIMARY:
        case CONSTR_UNIQUE:
        case CONSTR_FOREIGN:
            if (add_pending(m, p, c, col.name) != APPLIED)
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

/* The foreign keys of any table that reference table ti through a key that
 * includes column `column` (NULL: through the key `key`). */
typedef struct fk_ref {
    size_t table, index;
} fk_ref;

static bool fk_references(const mig *m, const sg__sc_fkey *f, const sg__sc_table *owner, size_t ti)
{
    const sg__sc_table *t = &m->work[ti];
    const char *rs = f->ref_schema ? f->ref_schema : owner->schema;
    return strcmp(rs, t->schema) == 0 && strcmp(f->ref_table, t->name) == 0;
}

/* Removes element k of an array of `size`-byte elements. */
static void vec_remove(sg__vec *v, size_t k, size_t size)
{
    char *items = v->items;
    memmove(items + k * size, items + (k + 1) * size, (v->count - k - 1) * size);
    v->count--;
}

/*
 * Finds the foreign keys (of any table but those in `dropping`, a set of
 * table indexes flagged true) that reference table ti on columns meeting
 * `hit`; refuses when there are any and !cascade, else drops them (DROP
 * ... CASCADE). `what` says what is dropped, for the note.
 */
typedef bool (*fk_hit_fn)(const sg__sc_fkey *f, const void *arg);

static int drop_dependents(mig *m, size_t ti, fk_hit_fn hit, const void *arg, const bool *dropping,
                           bool cascade, const char *what)
{
    for (size_t i = 0; i < m->nwork; i++) {
        if (dropping && dropping[i])
            continue;
        for (size_t k = 0; k < m->work[i].fkeys.count; k++) {
            const sg__sc_fkey *f = &SG__VEC_AT(m->work[i].fkeys, sg__sc_fkey, k);
            if (!fk_references(m, f, &m->work[i], ti) || !hit(f, arg))
                continue;
            if (!cascade)
                return refuse(m, -1,
                              "the foreign key %s of %s depends on %s; the statement is not "
                              "applied (CASCADE would drop it)",
                              f->name ? f->name : "(unnamed)", table_name(m, i), what);
            sg__sc_table *t = edit(m, i);
            if (!t)
                return STOP;
            vec_remove(&t->fkeys, k, sizeof(sg__sc_fkey));
            k--;
        }
    }
    return APPLIED;
}

static bool fk_any(const sg__sc_fkey *f, const void *arg)
{
    (void)f;
    (void)arg;
    return true;
}

static bool fk_uses_column(const sg__sc_fkey *f, const void *arg)
{
    return names_has(&f->ref_columns, arg);
}

static bool fk_uses_key(const sg__sc_fkey *f, const void *arg)
{
    return names_same_set(&f->ref_columns, arg);
}

/* Removes from vec (of sg__sc_names) every entry naming column `column`. */
static void drop_names_with(sg__vec *v, const char *column)
{
    for (size_t k = 0; k < v->count; k++) {
        if (names_has(&SG__VEC_AT(*v, sg__sc_names, k), column)) {
            vec_remove(v, k, sizeof(sg__sc_names));
            k--;
        }
    }
}

/* ALTER TABLE ... DROP COLUMN: the keys, constraints and indexes that
 * include the column go with it, as their dependencies make PostgreSQL drop
 * them; another table's foreign key on it needs CASCADE. */
static int drop_column(mig *m, size_t ti, const char *column, bool cascade)
{
    const char *what = sg__arena_printf(&m->tmp, "column %s of %s", column, table_name(m, ti));
    if (!what)
        return STOP;
    /* a foreign key of the table itself that includes the column goes with it */
    sg__sc_table *t = edit(m, ti);
    if (!t)
        return STOP;
    for (size_t k = 0; k < t->fkeys.count; k++) {
        if (names_has(&SG__VEC_AT(t->fkeys, sg__sc_fkey, k).columns, column)) {
            vec_remove(&t->fkeys, k, sizeof(sg__sc_fkey));
            k--;
        }
    }
    int rc = drop_dependents(m, ti, fk_uses_column, column, NULL, cascade, what);
    if (rc != APPLIED)
        return rc;
    t = &m->work[ti];
    if (names_has(&t->primary_key, column))
        t->primary_key = (sg__sc_names){0};
    drop_names_with(&t->unique, column);
    drop_names_with(&t->other_constraints, column);
    drop_names_with(&t->other_indexes, column);
    for (size_t k = 0; k < t->columns.count; k++)
        if (strcmp(SG__VEC_AT(t->columns, sg__sc_column, k).name, column) == 0)
            vec_remove(&t->columns, k, sizeof(sg__sc_column));
    return APPLIED;
}

/* ALTER TABLE ... DROP CONSTRAINT name. */
static int drop_constraint(mig *m, size_t ti, const AlterTableCmd *cmd)
{
    sg__sc_table *t = edit(m, ti);
    if (!t)
        return STOP;
    const char *name = cmd->name;
    bool cascade = cmd->behavior == DROP_CASCADE;
    const char *what = sg__arena_printf(&m->tmp, "constraint %s of %s", name, table_name(m, ti));
    if (!what)
        return STOP;
    if (t->primary_key.name && strcmp(t->primary_key.name, name) == 0) {
        int rc = drop_dependents(m, ti, fk_uses_key, &t->primary_key, NULL, cascade, what);
        if (rc == APPLIED)
            m->work[ti].primary_key = (sg__sc_names){0};
        return rc;
    }
    for (size_t k = 0; k < t->unique.count; k++) {
        sg__sc_names *u = &SG__VEC_AT(t->unique, sg__sc_names, k);
        if (u->index_only || !u->name || strcmp(u->name, name) != 0)
            continue;
        int rc = drop_dependents(m, ti, fk_uses_key, u, NULL, cascade, what);
        if (rc == APPLIED)
            vec_remove(&m->work[ti].unique, k, sizeof(sg__sc_names));
        return rc;
    }
    for (size_t k = 0; k < t->fkeys.count; k++) {
        const char *f = SG__VEC_AT(t->fkeys, sg__sc_fkey, k).name;
        if (f && strcmp(f, name) == 0) {
            vec_remove(&t->fkeys, k, sizeof(sg__sc_fkey));
            return APPLIED;
        }
    }
    for (size_t k = 0; k < t->other_constraints.count; k++) {
        if (strcmp(SG__VEC_AT(t->other_constraints, sg__sc_names, k).name, name) == 0) {
            vec_remove(&t->other_constraints, k, sizeof(sg__sc_names));
            /* an exclusion constraint's index goes with it */
            for (size_t x = 0; x < t->other_indexes.count; x++)
                if (strcmp(SG__VEC_AT(t->other_indexes, sg__sc_names, x).name, name) == 0)
                    vec_remove(&t->other_indexes, x--, sizeof(sg__sc_names));
            return APPLIED;
        }
    }
    if (cmd->missing_ok)
        return APPLIED;
    return refuse(m, -1, "%s has no constraint \"%s\"; the statement is not applied",
                  table_name(m, ti), name);
}

/* ---- renames ---------------------------------------------------------------------------- */

/* Column `old` of table ti is now `new`: its table's keys, constraints and
 * indexes and every foreign key that references it follow. */
static int rename_column(mig *m, size_t ti, const char *old, const char *new_name)
{
    sg__arena *a = &m->s->arena;
    sg__sc_table *t = edit(m, ti);
    const char *new = sg__arena_strdup(a, new_name);
    if (!t || !new)
        return STOP;
    sg__schema_column(t, old)->name = new;
    bool ok = names_rename(a, &t->primary_key, old, new);
    sg__vec *lists[] = {&t->unique, &t->other_constraints, &t->other_indexes};
    for (size_t l = 0; l < 3; l++)
        for (size_t k = 0; ok && k < lists[l]->count; k++)
            ok = names_rename(a, &SG__VEC_AT(*lists[l], sg__sc_names, k), old, new);
    for (size_t k = 0; ok && k < t->fkeys.count; k++)
        ok = names_rename(a, &SG__VEC_AT(t->fkeys, sg__sc_fkey, k).columns, old, new);
    for (size_t i = 0; ok && i < m->nwork; i++) {
        for (size_t k = 0; ok && k < m->work[i].fkeys.count; k++) {
            sg__sc_fkey *f = &SG__VEC_AT(m->work[i].fkeys, sg__sc_fkey, k);
            if (!fk_references(m, f, &m->work[i], ti) || !names_has(&f->ref_columns, old))
                continue;
            sg__sc_table *o = edit(m, i);
            if (!o)
                return STOP;
            f = &SG__VEC_AT(o->fkeys, sg__sc_fkey, k);
            ok = names_rename(a, &f->ref_columns, old, new);
        }
    }
    return ok ? APPLIED : STOP;
}

/* Table ti is now schema.name: the foreign keys that reference it follow,
 * and its own references to its old schema stay there. */
static int move_table(mig *m, size_t ti, const char *schema, const char *name)
{
    sg__arena *a = &m->s->arena;
    const char *old_schema = m->work[ti].schema, *old_name = m->work[ti].name;
    const char *ns = sg__arena_strdup(a, schema), *nn = sg__arena_strdup(a, name);
    if (!ns || !nn)
        return STOP;
    for (size_t i = 0; i < m->nwork; i++) {
        for (size_t k = 0; k < m->work[i].fkeys.count; k++) {
            sg__sc_fkey *f = &SG__VEC_AT(m->work[i].fkeys, sg__sc_fkey, k);
            const char *rs = f->ref_schema ? f->ref_schema : m->work[i].schema;
            bool to_moved = strcmp(rs, old_schema) == 0 && strcmp(f->ref_table, old_name) == 0;
            if (!to_moved && i != ti)
                continue;
            sg__sc_table *o = edit(m, i);
            if (!o)
                return STOP;
            f = &SG__VEC_AT(o->fkeys, sg__sc_fkey, k);
            if (to_moved) {
                f->ref_table = nn;
                rs = ns;
            }
            /* the referencing table's schema as it will be */
            const char *own = i == ti ? ns : o->schema;
            f->ref_schema = strcmp(rs, own) == 0 ? NULL : rs;
        }
    }
    m->work[ti].schema = ns;
    m->work[ti].name = nn;
    return APPLIED;
}

/* The table and place of the key, constraint or index called `name` in
 * schema `schema`, if any: *kind is 'p' (primary key), 'u' (unique key),
 * 'i' (other index), else 0. */
static long find_index(const mig *m, const char *schema, const char *name, char *kind, size_t *at)
{
    for (size_t i = 0; i < m->nwork; i++) {
        const sg__sc_table *t = &m->work[i];
        if (strcmp(t->schema, schema) != 0)
            continue;
        if (t->primary_key.name && strcmp(t->primary_key.name, name) == 0) {
            *kind = 'p';
            return (long)i;
        }
        for (size_t k = 0; k < t->unique.count; k++) {
            const char *u = SG__VEC_AT(t->unique, sg__sc_names, k).name;
            if (u && strcmp(u, name) == 0) {
                *kind = 'u';
                *at = k;
                return (long)i;
            }
        }
        for (size_t k = 0; k < t->other_indexes.count; k++) {
            if (strcmp(SG__VEC_AT(t->other_indexes, sg__sc_names, k).name, name) == 0) {
                *kind = 'i';
                *at = k;
                return (long)i;
            }
        }
    }
    *kind = 0;
    return -1;
}

/* The name of an index, and of the constraint it belongs to, is now
 * `new_name` (ALTER INDEX RENAME renames both, as RENAME CONSTRAINT does). */
static int rename_index(mig *m, size_t ti, char kind, size_t at, const char *new_name)
{
    sg__sc_table *t = edit(m, ti);
    const char *nn = sg__arena_strdup(&m->s->arena, new_name);
    if (!t || !nn)
        return STOP;
    if (kind == 'p') {
        t->primary_key.name = nn;
        return APPLIED;
    }
    sg__vec *v = kind == 'u' ? &t->unique : &t->other_indexes;
    const char *old = SG__VEC_AT(*v, sg__sc_names, at).name;
    SG__VEC_AT(*v, sg__sc_names, at).name = nn;
    if (kind == 'i') /* an exclusion constraint's index */
        for (size_t k = 0; k < t->other_constraints.count; k++)
            if (strcmp(SG__VEC_AT(t->other_constraints, sg__sc_names, k).name, old) == 0)
                SG__VEC_AT(t->other_constraints, sg__sc_names, k).name = nn;
    return APPLIED;
}

/* ---- statements ------------------------------------------------------------------------- */

static const char *schema_of(const mig *m, const RangeVar *rv)
{
    return rv->schemaname ? rv->schemaname : m->default_schema;
}

/* The table a statement names: its index, or -1 with a note (none when
 * missing_ok) in *rc. */
static long target_table(mig *m, const RangeVar *rv, bool missing_ok, const char *what, int *rc)
{
    long ti = find_table(m, schema_of(m, rv), rv->relname);
    *rc = APPLIED;
    if (ti < 0 && !missing_ok)
        *rc = refuse(m, rv->location,
                     "%s %s: no table of that name is created before it (views, materialized "
                     "views and sequences are not followed); not applied",
                     what, qualified(m, schema_of(m, rv), rv->relname));
    return ti;
}

static int apply_create(mig *m, CreateStmt *cs)
{
    const RangeVar *rv = cs->relation;
    const char *schema = schema_of(m, rv), *why = NULL;
    if (rv->relpersistence == RELPERSISTENCE_TEMP || strcmp(schema, "pg_temp") == 0)
        why = "a temporary table lives only in its session";
    else if (cs->partbound)
        why = "a partition (PARTITION OF) takes its parent's columns, which are not followed";
    else if (cs->inhRelations)
        why = "inherited columns (INHERITS) are not followed";
    else if (cs->ofTypename)
        why = "a table of a composite type (OF) takes the type's columns, which are not followed";
    const ListCell *lc;
    foreach (lc, cs->tableElts)
        if (IsA(lfirst(lc), TableLikeClause))
            why = "copied columns (LIKE) are not followed";
    if (why)
        return note(m, rv->location, "CREATE TABLE %s is not applied: %s",
                    qualified(m, schema, rv->relname), why);
    if (find_table(m, schema, rv->relname) >= 0 || relation_name_used(m, schema, rv->relname)) {
        if (cs->if_not_exists)
            return APPLIED;
        return refuse(m, rv->location,
                      "CREATE TABLE %s: the name is taken already; the statement is not applied",
                      qualified(m, schema, rv->relname));
    }
    long ti = add_table(m, schema, rv->relname);
    if (ti < 0)
        return STOP;
    pending p = {0};
    int rc = APPLIED;
    foreach (lc, cs->tableElts) {
        Node *e = lfirst(lc);
        if (IsA(e, ColumnDef))
            rc = add_column(m, (size_t)ti, (ColumnDef *)e, &p);
        else if (IsA(e, Constraint))
            rc = add_pending(m, &p, (Constraint *)e, NULL);
        if (rc != APPLIED)
            return rc;
    }
    foreach (lc, cs->constraints) /* none from the grammar; kept for completeness */
        if ((rc = add_pending(m, &p, lfirst(lc), NULL)) != APPLIED)
            return rc;
    return apply_pending(m, (size_t)ti, &p);
}

static sg__sc_column *alter_column(mig *m, size_t ti, const AlterTableCmd *cmd, int *rc)
{
    sg__sc_table *t = edit(m, ti);
    *rc = t ? APPLIED : STOP;
    sg__sc_column *c = t ? sg__schema_column(t, cmd->name) : NULL;
    if (t && !c)
        *rc = refuse(m, -1, "%s has no column \"%s\"; the statement is not applied",
                     table_name(m, ti), cmd->name);
    return c;
}

static int set_default(mig *m, size_t ti, AlterTableCmd *cmd)
{
    int rc;
    sg__sc_column *c = alter_column(m, ti, cmd, &rc);
    if (!c)
        return rc;
    if (c->identity || c->generated)
        return refuse(m, -1,
                      "column \"%s\" of %s is an %s column, whose default cannot be set or "
                      "dropped; the statement is not applied",
                      c->name, table_name(m, ti), c->identity ? "identity" : "generated");
    if (!cmd->def || null_const(cmd->def)) {
        c->default_expr = NULL; /* DROP DEFAULT, SET DEFAULT NULL */
        return APPLIED;
    }
    bool oom = false;
    c->default_expr = expr_text(m, cmd->def, "default", false, -1, &oom);
    if (!c->default_expr && !oom)
        c->default_expr = "";
    return oom ? STOP : APPLIED;
}

static int set_not_null(mig *m, size_t ti, AlterTableCmd *cmd, bool not_null)
{
    int rc;
    sg__sc_column *c = alter_column(m, ti, cmd, &rc);
    if (!c)
        return rc;
    if (!not_null && (names_has(&m->work[ti].primary_key, c->name) || c->identity))
        return refuse(m, -1,
                      "column \"%s\" of %s is in the primary key or an identity column and stays "
                      "NOT NULL; the statement is not applied",
                      c->name, table_name(m, ti));
    c->nullable = !not_null;
    return APPLIED;
}

static int set_type(mig *m, size_t ti, AlterTableCmd *cmd)
{
    int rc;
    sg__sc_column *c = alter_column(m, ti, cmd, &rc);
    if (!c)
        return rc;
    const TypeName *tn = ((const ColumnDef *)cmd->def)->typeName;
    if (serial_type(tn))
        return refuse(m, tn->location,
                      "serial is no type to change a column to; the statement is not applied");
    c->type = column_type(m, tn);
    c->domain = tn->arrayBounds ? 0 : domain_of(m, tn->names);
    return c->type ? APPLIED : STOP;
}

static int not_identity(mig *m, size_t ti, const char *column)
{
    return refuse(m, -1,
                  "column \"%s\" of %s is no identity or generated column; the statement is not "
                  "applied",
                  column, table_name(m, ti));
}

/* ADD GENERATED ... AS IDENTITY, SET GENERATED, DROP IDENTITY, DROP EXPRESSION. */
static int alter_identity(mig *m, size_t ti, AlterTableCmd *cmd)
{
    int rc;
    sg__sc_column *c = alter_column(m, ti, cmd, &rc);
    if (!c)
        return rc;
    switch (cmd->subtype) {
    case AT_AddIdentity:
        if (c->nullable || c->default_expr)
            return refuse(m, -1,
                          "column \"%s\" of %s must be NOT NULL without a default to become an "
                          "identity column; the statement is not applied",
                          c->name, table_name(m, ti));
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

/* The pass of ALTER TABLE (AT_PASS_* in tablecmds.c) a subcommand runs in:
 * drops first, then type changes, new columns, column attributes and new
 * constraints, whatever order the statement writes them in. */
enum { PASS_DROP, PASS_TYPE, PASS_ADD_COLUMN, PASS_COLUMN, PASS_CONSTRAINT, PASS_MISC, PASSES };

static int pass_of(const AlterTableCmd *cmd)
{
    switch (cmd->subtype) {
    case AT_DropColumn:
    case AT_DropConstraint:
    case AT_DropNotNull:
    case AT_DropIdentity:
    case AT_DropExpression:
        return PASS_DROP;
    case AT_ColumnDefault:
        return cmd->def ? PASS_CONSTRAINT : PASS_DROP;
    case AT_AlterColumnType:
        return PASS_TYPE;
    case AT_AddColumn:
        return PASS_ADD_COLUMN;
    case AT_SetNotNull:
        return PASS_COLUMN;
    case AT_AddConstraint:
    case AT_AddIdentity:
        return PASS_CONSTRAINT;
    default:
        return PASS_MISC;
    }
}

/* The subcommands that can change no column or key: applied as nothing. */
static bool changes_nothing(AlterTableType t)
{
    switch (t) {
    case AT_SetStatistics:
    case AT_SetOptions:
    case AT_ResetOptions:
    case AT_SetStorage:
    case AT_SetCompression:
    case AT_AlterConstraint:
    case AT_ValidateConstraint:
    case AT_AlterColumnGenericOptions:
    case AT_ChangeOwner:
    case AT_ClusterOn:
    case AT_DropCluster:
    case AT_SetLogged:
    case AT_SetUnLogged:
    case AT_DropOids:
    case AT_SetAccessMethod:
    case AT_SetTableSpace:
    case AT_SetRelOptions:
    case AT_ResetRelOptions:
    case AT_ReplaceRelOptions:
    case AT_EnableTrig:
    case AT_EnableAlwaysTrig:
    case AT_EnableReplicaTrig:
    case AT_DisableTrig:
    case AT_EnableTrigAll:
    case AT_DisableTrigAll:
    case AT_EnableTrigUser:
    case AT_DisableTrigUser:
    case AT_EnableRule:
    case AT_EnableAlwaysRule:
    case AT_EnableReplicaRule:
    case AT_DisableRule:
    case AT_ReplicaIdentity:
    case AT_EnableRowSecurity:
    case AT_DisableRowSecurity:
    case AT_ForceRowSecurity:
    case AT_NoForceRowSecurity:
    case AT_GenericOptions:
        return true;
    default:
        return false;
    }
}

static int apply_alter_cmd(mig *m, size_t ti, AlterTableCmd *cmd, pending *p)
{
    switch (cmd->subtype) {
    case AT_AddColumn: {
        ColumnDef *cd = (ColumnDef *)cmd->def;
        if (cmd->missing_ok && sg__schema_column(&m->work[ti], cd->colname))
            return APPLIED;
        return add_column(m, ti, cd, p);
    }
    case AT_DropColumn:
        if (!sg__schema_column(&m->work[ti], cmd->name))
            return cmd->missing_ok
                       ? APPLIED
                       : refuse(m, -1, "%s has no column \"%s\"; the statement is not applied",
                                table_name(m, ti), cmd->name);
        return drop_column(m, ti, cmd->name, cmd->behavior == DROP_CASCADE);
    case AT_AlterColumnType:
        return set_type(m, ti, cmd);
    case AT_SetNotNull:
    case AT_DropNotNull:
        return set_not_null(m, ti, cmd, cmd->subtype == AT_SetNotNull);
    case AT_ColumnDefault:
        return set_default(m, ti, cmd);
    case AT_AddIdentity:
    case AT_SetIdentity:
    case AT_DropIdentity:
    case AT_DropExpression:
        return alter_identity(m, ti, cmd);
    case AT_AddConstraint:
        return add_pending(m, p, (Constraint *)cmd->def, NULL);
    case AT_DropConstraint:
        return drop_constraint(m, ti, cmd);
    default:
        if (changes_nothing(cmd->subtype))
            return APPLIED;
        /* INHERIT, OF, ATTACH/DETACH PARTITION and whatever a later release
         * adds: they could change columns or keys in ways not followed */
        return note(m, -1,
                    "a subcommand of ALTER TABLE %s is not applied: it may change "
                    "columns or keys in a way that is not followed",
                    table_name(m, ti));
    }
}

static int apply_alter(mig *m, AlterTableStmt *as)
{
    if (as->objtype != OBJECT_TABLE)
        return APPLIED; /* ALTER INDEX, VIEW, SEQUENCE, TYPE, ...: no table's columns */
    /* pg_dump alters sequences and views as tables too (OWNER TO): what
     * changes nothing of a table is no concern, whatever the relation is */
    bool neutral = true;
    const ListCell *c;
    foreach (c, as->cmds)
        neutral = neutral && changes_nothing(((const AlterTableCmd *)lfirst(c))->subtype);
    int rc;
    long ti = target_table(m, as->relation, as->missing_ok || neutral, "ALTER TABLE", &rc);
    if (ti < 0)
        return rc;
    pending p = {0};
    for (int pass = 0; pass < PASSES; pass++) {
        const ListCell *lc;
        foreach (lc, as->cmds) {
            AlterTableCmd *cmd = lfirst(lc);
            if (pass_of(cmd) == pass && (rc = apply_alter_cmd(m, (size_t)ti, cmd, &p)) != APPLIED)
                return rc;
        }
        if (pass == PASS_CONSTRAINT && (rc = apply_pending(m, (size_t)ti, &p)) != APPLIED)
            return rc;
    }
    return APPLIED;
}

/* One column of CREATE INDEX: its name for the index's own name (as
 * ChooseIndexColumnNames takes it: the column, the expression's
 * FigureColname, else "expr"), a key column when it is a plain column of
 * the key part, and the columns it names. */
static int index_elem(mig *m, size_t ti, IndexElem *e, bool key, sg__vec *keys, sg__vec *colnames,
                      col_refs *all)
{
    const char **cn = sg__vec_push(&m->tmp, colnames, sizeof *cn);
    if (!cn)
        return STOP;
    if (!e->name) {
        const char *figured = sg__walk_figure_colname(e->expr);
        *cn = e->indexcolname ? e->indexcolname : figured ? figured : "expr";
        return refs_of(all, e->expr) ? APPLIED : STOP;
    }
    if (!sg__schema_column(&m->work[ti], e->name))
        return refuse(m, -1, "%s has no column \"%s\" to index; the statement is not applied",
                      table_name(m, ti), e->name);
    *cn = e->indexcolname ? e->indexcolname : e->name;
    const char **slot = key ? sg__vec_push(&m->tmp, keys, sizeof *slot) : NULL;
    if (key && !slot)
        return STOP;
    if (slot)
        *slot = e->name;
    return add_ref(all, e->name) ? APPLIED : STOP;
}

static int apply_index(mig *m, IndexStmt *ix)
{
    int rc;
    long ti = target_table(m, ix->relation, false, "CREATE INDEX ON", &rc);
    if (ti < 0)
        return rc;
    sg__sc_table *t = edit(m, (size_t)ti);
    if (!t)
        return STOP;
    /* the key columns, and the columns the index names anywhere; and the
     * names PostgreSQL gives its columns, for its own name */
    col_refs all = {&m->tmp, {0}, false};
    sg__vec keys = {0}, colnames = {0};
    bool plain = !ix->whereClause, ok = true;
    for (int part = 0; part < 2 && ok; part++) {
        const ListCell *lc;
        foreach (lc, part == 0 ? ix->indexParams : ix->indexIncludingParams) {
            int erc = index_elem(m, (size_t)ti, lfirst(lc), part == 0, &keys, &colnames, &all);
            if (erc == REFUSED)
                return erc;
            ok = ok && erc == APPLIED;
            plain = plain && (part == 1 || ((IndexElem *)lfirst(lc))->name);
        }
    }
    ok = ok && refs_of(&all, ix->whereClause);
    if (!ok)
        return STOP;
    const char *name = ix->idxname;
    if (name && relation_name_used(m, t->schema, name))
        return ix->if_not_exists ? APPLIED
                                 : refuse(m, ix->relation->location,
                                          "the name \"%s\" is taken in schema %s; the statement "
                                          "is not applied",
                                          name, t->schema);
    if (name) {
        name = sg__arena_strdup(&m->s->arena, name);
    } else {
        /* ChooseIndexColumnNames: a name repeated gets a number */
        for (size_t i = 0; i < colnames.count; i++) {
            const char *orig = SG__VEC_AT(colnames, const char *, i), *cur = orig;
            for (int n = 1;; n++) {
                bool clash = false;
                for (size_t j = 0; j < i && !clash; j++)
                    clash = strcmp(SG__VEC_AT(colnames, const char *, j), cur) == 0;
                if (!clash)
                    break;
                char num[16];
                int nl = snprintf(num, sizeof num, "%d", n);
                size_t keep = clip_utf8(orig, strlen(orig) < (size_t)(NAME_MAX_BYTES - nl)
                                                  ? strlen(orig)
                                                  : (size_t)(NAME_MAX_BYTES - nl));
                cur = sg__arena_printf(&m->tmp, "%.*s%s", (int)keep, orig, num);
                if (!cur)
                    return STOP;
            }
            SG__VEC_AT(colnames, const char *, i) = cur;
        }
        sg__sc_names cn = {.names = colnames.items, .count = colnames.count};
        const char *addition = name_addition(&m->tmp, &cn);
        name = addition ? choose_name(m, t->schema, t->name, addition, "idx", true, false) : NULL;
    }
    if (!name)
        return STOP;
    /* A unique index with expressions or a predicate is no key by columns
     * alone: ON CONFLICT (a) can use it only with the same expressions and
     * predicate, so the model keeps it apart from the keys. */
    bool key = ix->unique && plain;
    sg__sc_names n =
        key ? (sg__sc_names){.names = keys.items, .count = keys.count} : refs_names(&all);
    n.name = name;
    n.index_only = key;
    sg__sc_names *slot =
        sg__vec_push(&m->s->arena, key ? &t->unique : &t->other_indexes, sizeof *slot);
    if (!slot)
        return STOP;
    *slot = n;
    return names_keep(m, t, slot) ? APPLIED : STOP;
}

/* The schema and name of one object of a DROP (a list of String nodes). */
static bool object_name_of(const mig *m, const Node *obj, const char **schema, const char **name)
{
    if (!IsA(obj, List))
        return false;
    const List *l = (const List *)obj;
    int n = list_length(l);
    if (n == 0 || n > 3 || !IsA(llast(l), String))
        return false;
    *name = strVal(llast(l));
    *schema = n >= 2 ? strVal(list_nth(l, n - 2)) : m->default_schema;
    return true;
}

static int drop_tables(mig *m, DropStmt *d)
{
    bool *dropping = sg__arena_alloc(&m->tmp, (m->nwork + 1) * sizeof *dropping);
    if (!dropping)
        return STOP;
    bool cascade = d->behavior == DROP_CASCADE;
    const ListCell *lc;
    foreach (lc, d->objects) {
        const char *schema, *name;
        if (!object_name_of(m, lfirst(lc), &schema, &name))
            continue;
        long ti = find_table(m, schema, name);
        if (ti < 0 && !d->missing_ok)
            return refuse(m, -1,
                          "DROP TABLE %s: no table of that name is created before it; "
                          "not applied",
                          qualified(m, schema, name));
        if (ti >= 0)
            dropping[ti] = true;
    }
    for (size_t i = 0; i < m->nwork; i++) {
        if (!dropping[i])
            continue;
        const char *what = sg__arena_printf(&m->tmp, "table %s", table_name(m, i));
        int rc = what ? drop_dependents(m, i, fk_any, NULL, dropping, cascade, what) : STOP;
        if (rc != APPLIED)
            return rc;
    }
    for (size_t i = m->nwork; i-- > 0;)
        if (dropping[i])
            remove_table(m, i);
    return APPLIED;
}

static int drop_indexes(mig *m, DropStmt *d)
{
    const ListCell *lc;
    foreach (lc, d->objects) {
        const char *schema, *name;
        if (!object_name_of(m, lfirst(lc), &schema, &name))
            continue;
        char kind;
        size_t at = 0;
        long ti = find_index(m, schema, name, &kind, &at);
        if (ti < 0 && d->missing_ok)
            continue;
        if (ti < 0)
            return refuse(m, -1, "DROP INDEX %s: no such index; not applied",
                          qualified(m, schema, name));
        sg__sc_table *t = edit(m, (size_t)ti);
        if (!t)
            return STOP;
        if (kind == 'p' || (kind == 'u' && !SG__VEC_AT(t->unique, sg__sc_names, at).index_only))
            return refuse(m, -1,
                          "DROP INDEX %s: the index belongs to a constraint of %s (drop the "
                          "constraint instead); not applied",
                          qualified(m, schema, name), table_name(m, (size_t)ti));
        if (kind == 'i') {
            vec_remove(&t->other_indexes, at, sizeof(sg__sc_names));
            continue;
        }
        const char *what = sg__arena_printf(&m->tmp, "index %s", qualified(m, schema, name));
        int rc = what ? drop_dependents(m, (size_t)ti, fk_uses_key,
                                        &SG__VEC_AT(t->unique, sg__sc_names, at), NULL,
                                        d->behavior == DROP_CASCADE, what)
                      : STOP;
        if (rc != APPLIED)
            return rc;
        vec_remove(&m->work[ti].unique, at, sizeof(sg__sc_names));
    }
    return APPLIED;
}

/* DROP SCHEMA: its tables go with it when CASCADE says so. */
static int drop_schemas(mig *m, DropStmt *d)
{
    bool *dropping = sg__arena_alloc(&m->tmp, (m->nwork + 1) * sizeof *dropping);
    if (!dropping)
        return STOP;
    const ListCell *lc;
    foreach (lc, d->objects) {
        if (!IsA(lfirst(lc), String))
            continue;
        const char *schema = strVal(lfirst(lc));
        for (size_t i = 0; i < m->nwork; i++) {
            if (strcmp(m->work[i].schema, schema) != 0)
                continue;
            if (d->behavior != DROP_CASCADE)
                return refuse(m, -1,
                              "DROP SCHEMA %s: it holds %s; not applied (CASCADE would drop it)",
                              schema, table_name(m, i));
            dropping[i] = true;
        }
    }
    for (size_t i = 0; i < m->nwork; i++) {
        if (!dropping[i])
            continue;
        int rc = drop_dependents(m, i, fk_any, NULL, dropping, true, "");
        if (rc != APPLIED)
            return rc;
    }
    for (size_t i = m->nwork; i-- > 0;)
        if (dropping[i])
            remove_table(m, i);
    return APPLIED;
}

static int apply_drop(mig *m, DropStmt *d)
{
    switch (d->removeType) {
    case OBJECT_TABLE:
        return drop_tables(m, d);
    case OBJECT_INDEX:
        return drop_indexes(m, d);
    case OBJECT_SCHEMA:
        return drop_schemas(m, d);
    default:
        return APPLIED; /* views, sequences, functions, types, ...: no table's columns */
    }
}

static int rename_table_or_index(mig *m, RenameStmt *r)
{
    const RangeVar *rv = r->relation;
    const char *schema = schema_of(m, rv);
    char kind = 0;
    size_t at = 0;
    long ti = r->renameType == OBJECT_TABLE ? find_table(m, schema, rv->relname) : -1;
    long ii = ti < 0 ? find_index(m, schema, rv->relname, &kind, &at) : -1;
    if (ti < 0 && ii < 0)
        return r->missing_ok
                   ? APPLIED
                   : refuse(m, rv->location, "ALTER ... RENAME: %s is unknown; not applied",
                            qualified(m, schema, rv->relname));
    if (relation_name_used(m, schema, r->newname))
        return refuse(m, rv->location,
                      "ALTER ... RENAME: the name \"%s\" is taken in schema %s; not applied",
                      r->newname, schema);
    if (ti >= 0)
        return move_table(m, (size_t)ti, schema, r->newname);
    return rename_index(m, (size_t)ii, kind, at, r->newname);
}

static int rename_constraint(mig *m, size_t ti, const char *old, const char *new_name)
{
    sg__sc_table *t = edit(m, ti);
    if (!t)
        return STOP;
    if (!constraint_on(t, old))
        return refuse(m, -1, "%s has no constraint \"%s\"; the statement is not applied",
                      table_name(m, ti), old);
    if (constraint_on(t, new_name))
        return refuse(m, -1, "%s has a constraint \"%s\" already; the statement is not applied",
                      table_name(m, ti), new_name);
    char kind;
    size_t at = 0;
    long ii = find_index(m, t->schema, old, &kind, &at);
    if (ii == (long)ti) {
        if (relation_name_used(m, t->schema, new_name))
            return refuse(m, -1,
                          "the name \"%s\" is taken in schema %s; the statement is not applied",
                          new_name, t->schema);
        return rename_index(m, ti, kind, at, new_name);
    }
    const char *nn = sg__arena_strdup(&m->s->arena, new_name);
    if (!nn)
        return STOP;
    for (size_t k = 0; k < t->fkeys.count; k++) {
        sg__sc_fkey *f = &SG__VEC_AT(t->fkeys, sg__sc_fkey, k);
        if (f->name && strcmp(f->name, old) == 0)
            f->name = nn;
    }
    for (size_t k = 0; k < t->other_constraints.count; k++)
        if (strcmp(SG__VEC_AT(t->other_constraints, sg__sc_names, k).name, old) == 0)
            SG__VEC_AT(t->other_constraints, sg__sc_names, k).name = nn;
    return APPLIED;
}

static int rename_schema(mig *m, const char *old, const char *new_name)
{
    for (size_t i = 0; i < m->nwork; i++) {
        if (strcmp(m->work[i].schema, old) != 0)
            continue;
        int rc = move_table(m, i, new_name, m->work[i].name);
        if (rc != APPLIED)
            return rc;
    }
    return APPLIED;
}

static int apply_rename(mig *m, RenameStmt *r)
{
    switch (r->renameType) {
    case OBJECT_TABLE:
    case OBJECT_INDEX:
        return rename_table_or_index(m, r);
    case OBJECT_COLUMN:
    case OBJECT_TABCONSTRAINT: {
        if (r->relationType != OBJECT_TABLE && r->renameType == OBJECT_COLUMN)
            return APPLIED; /* a view's or a composite type's column */
        int rc;
        long ti = target_table(m, r->relation, r->missing_ok, "ALTER TABLE", &rc);
        if (ti < 0)
            return rc;
        if (r->renameType == OBJECT_TABCONSTRAINT)
            return rename_constraint(m, (size_t)ti, r->subname, r->newname);
        if (!sg__schema_column(&m->work[ti], r->subname))
            return refuse(m, -1, "%s has no column \"%s\"; the statement is not applied",
                          table_name(m, (size_t)ti), r->subname);
        if (sg__schema_column(&m->work[ti], r->newname))
            return refuse(m, -1, "%s has a column \"%s\" already; the statement is not applied",
                          table_name(m, (size_t)ti), r->newname);
        return rename_column(m, (size_t)ti, r->subname, r->newname);
    }
    case OBJECT_SCHEMA:
        return rename_schema(m, r->subname, r->newname);
    default:
        return APPLIED; /* views, sequences, functions, types, ...: no table's columns */
    }
}

static int apply_set_schema(mig *m, AlterObjectSchemaStmt *a)
{
    if (a->objectType != OBJECT_TABLE)
        return APPLIED;
    int rc;
    long ti = target_table(m, a->relation, a->missing_ok, "ALTER TABLE", &rc);
    if (ti < 0)
        return rc;
    const sg__sc_table *t = &m->work[ti];
    if (strcmp(t->schema, a->newschema) == 0)
        return APPLIED;
    /* the table moves with its indexes: none of their names may be taken there */
    const char *taken = relation_name_used(m, a->newschema, t->name) ? t->name : NULL;
    if (!taken && t->primary_key.name && relation_name_used(m, a->newschema, t->primary_key.name))
        taken = t->primary_key.name;
    const sg__vec *lists[] = {&t->unique, &t->other_indexes};
    for (size_t l = 0; l < 2 && !taken; l++)
        for (size_t k = 0; k < lists[l]->count && !taken; k++) {
            const char *n = SG__VEC_AT(*lists[l], sg__sc_names, k).name;
            if (n && relation_name_used(m, a->newschema, n))
                taken = n;
        }
    if (taken)
        return refuse(m, a->relation->location,
                      "ALTER TABLE %s SET SCHEMA: the name \"%s\" is taken in schema %s; not "
                      "applied",
                      table_name(m, (size_t)ti), taken, a->newschema);
    return move_table(m, (size_t)ti, a->newschema, t->name);
}

static int apply_statement(mig *m, Node *stmt);

/* CREATE SCHEMA s CREATE TABLE ...: the elements are in schema s. */
static int apply_create_schema(mig *m, CreateSchemaStmt *cs)
{
    const char *outer = m->default_schema;
    if (cs->schemaname)
        m->default_schema = cs->schemaname;
    int rc = APPLIED;
    const ListCell *lc;
    foreach (lc, cs->schemaElts)
        if ((rc = apply_statement(m, lfirst(lc))) != APPLIED)
            break;
    m->default_schema = outer;
    return rc;
}

/*
 * Statements that can change no table's columns or keys, applied as nothing
 * and never noted: data (INSERT, UPDATE, DELETE, MERGE, SELECT without INTO,
 * COPY, TRUNCATE), session and transaction control (SET, BEGIN, COMMIT, ...),
 * DO and CALL (whose bodies are not read), privileges and ownership (GRANT,
 * REVOKE, ALTER DEFAULT PRIVILEGES, policies, roles), comments and security
 * labels, and the creation and change of every object that is not a table:
 * functions, procedures, triggers, rules, extensions, sequences, types,
 * domains, views, materialized views, statistics, publications, ...
 * A table made any other way (CREATE TABLE AS, SELECT INTO, CREATE FOREIGN
 * TABLE, IMPORT FOREIGN SCHEMA) is noted, and so is any statement not listed.
 */
static bool statement_changes_nothing(NodeTag tag)
{
    static const NodeTag tags[] = {
        T_InsertStmt,
        T_UpdateStmt,
        T_DeleteStmt,
        T_MergeStmt,
        T_CopyStmt,
        T_TruncateStmt,
        T_VariableSetStmt,
        T_VariableShowStmt,
        T_TransactionStmt,
        T_DoStmt,
        T_CallStmt,
        T_GrantStmt,
        T_GrantRoleStmt,
        T_AlterDefaultPrivilegesStmt,
        T_CreatePolicyStmt,
        T_AlterPolicyStmt,
        T_CreateRoleStmt,
        T_AlterRoleStmt,
        T_AlterRoleSetStmt,
        T_DropRoleStmt,
        T_AlterOwnerStmt,
        T_CommentStmt,
        T_SecLabelStmt,
        T_CreateFunctionStmt,
        T_AlterFunctionStmt,
        T_CreateTrigStmt,
        T_CreateEventTrigStmt,
        T_AlterEventTrigStmt,
        T_RuleStmt,
        T_CreateExtensionStmt,
        T_AlterExtensionStmt,
        T_AlterExtensionContentsStmt,
        T_CreateSeqStmt,
        T_AlterSeqStmt,
        T_CompositeTypeStmt,
        T_CreateEnumStmt,
        T_AlterEnumStmt,
        T_CreateRangeStmt,
        T_CreateDomainStmt,
        T_AlterDomainStmt,
        T_AlterTypeStmt,
        T_DefineStmt,
        T_ViewStmt,
        T_RefreshMatViewStmt,
        T_CreateStatsStmt,
        T_AlterStatsStmt,
        T_CreateCastStmt,
        T_CreateOpClassStmt,
        T_CreateOpFamilyStmt,
        T_AlterOpFamilyStmt,
        T_AlterOperatorStmt,
        T_CreateConversionStmt,
        T_CreateTransformStmt,
        T_CreatePLangStmt,
        T_CreateAmStmt,
        T_AlterCollationStmt,
        T_AlterTSDictionaryStmt,
        T_AlterTSConfigurationStmt,
        T_CreatePublicationStmt,
        T_AlterPublicationStmt,
        T_CreateSubscriptionStmt,
        T_AlterSubscriptionStmt,
        T_DropSubscriptionStmt,
        T_CreateFdwStmt,
        T_AlterFdwStmt,
        T_CreateForeignServerStmt,
        T_AlterForeignServerStmt,
        T_CreateUserMappingStmt,
        T_AlterUserMappingStmt,
        T_DropUserMappingStmt,
        T_CreateTableSpaceStmt,
        T_DropTableSpaceStmt,
        T_AlterTableSpaceOptionsStmt,
        T_AlterTableMoveAllStmt,
        T_AlterObjectDependsStmt,
        T_AlterDatabaseStmt,
        T_AlterDatabaseSetStmt,
        T_AlterDatabaseRefreshCollStmt,
        T_AlterSystemStmt,
        T_CreatedbStmt,
        T_DropdbStmt,
        T_LockStmt,
        T_ConstraintsSetStmt,
        T_VacuumStmt,
        T_ClusterStmt,
        T_ReindexStmt,
        T_CheckPointStmt,
        T_DiscardStmt,
        T_ListenStmt,
        T_UnlistenStmt,
        T_NotifyStmt,
        T_LoadStmt,
        T_ExplainStmt,
        T_PrepareStmt,
        T_ExecuteStmt,
        T_DeallocateStmt,
        T_DeclareCursorStmt,
        T_FetchStmt,
        T_ClosePortalStmt,
        T_ReassignOwnedStmt,
    };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (tags[i] == tag)
            return true;
    return false;
}

static int apply_statement(mig *m, Node *stmt)
{
    switch (nodeTag(stmt)) {
    case T_CreateStmt:
        return apply_create(m, (CreateStmt *)stmt);
    case T_AlterTableStmt:
        return apply_alter(m, (AlterTableStmt *)stmt);
    case T_IndexStmt:
        return apply_index(m, (IndexStmt *)stmt);
    case T_DropStmt:
        if (((DropStmt *)stmt)->removeType == OBJECT_DOMAIN)
            return apply_domain(m, stmt);
        return apply_drop(m, (DropStmt *)stmt);
    case T_RenameStmt:
        if (((RenameStmt *)stmt)->renameType == OBJECT_DOMAIN)
            return apply_domain(m, stmt);
        return apply_rename(m, (RenameStmt *)stmt);
    case T_AlterObjectSchemaStmt:
        return apply_set_schema(m, (AlterObjectSchemaStmt *)stmt);
    case T_CreateSchemaStmt:
        return apply_create_schema(m, (CreateSchemaStmt *)stmt);
    case T_CreateDomainStmt:
    case T_AlterDomainStmt:
        return apply_domain(m, stmt);
    case T_CreateTableAsStmt:
        if (((CreateTableAsStmt *)stmt)->objtype != OBJECT_TABLE)
            return APPLIED; /* a materialized view */
        return note(m, -1,
                    "CREATE TABLE ... AS is not applied: the table's columns come from a "
                    "query");
    case T_SelectStmt:
        if (!((SelectStmt *)stmt)->intoClause)
            return APPLIED;
        return note(m, -1, "SELECT ... INTO is not applied: the table's columns come from a query");
    case T_CreateForeignTableStmt:
    case T_ImportForeignSchemaStmt:
        return note(m, -1, "a foreign table is not applied: only tables are followed");
    default:
        if (statement_changes_nothing(nodeTag(stmt)))
            return APPLIED;
        return note(m, -1, "a statement that is not understood is not applied");
    }
}

/* The first byte of the statement's first token (the parser's start includes
 * the blanks and comments before it). */
static int statement_start(const mig *m, int at)
{
    for (size_t i = token_at(m, at); i < m->ntokens; i++)
        if (!m->tokens[i].comment)
            return (int)m->tokens[i].start;
    return at;
}

static int apply_tree(mig *m, List *tree)
{
    const ListCell *lc;
    foreach (lc, tree) {
        RawStmt *raw = lfirst_node(RawStmt, lc);
        m->stmt_at = statement_start(m, raw->stmt_location);
        if (begin_statement(m) != APPLIED)
            return STOP;
        int rc = apply_statement(m, raw->stmt);
        if (rc == STOP || m->oom)
            return STOP;
        if (rc == APPLIED && commit_statement(m) != APPLIED)
            return STOP;
    }
    return APPLIED;
}

/* Blanks the down sections of `text` (the tokens `tokens` found in it):
 * from each down marker to the next up marker or the end, every byte but
 * line breaks becomes a space, so the up sections alone are applied and
 * places are kept. Whether anything was blanked. */
static bool blank_down_sections(char *text, size_t len, const sg__sql_token *tokens, size_t ntokens)
{
    size_t from = SIZE_MAX;
    bool blanked = false;
    for (size_t i = 0; i <= ntokens; i++) {
        sg__migration_mark mark =
            i < ntokens && tokens[i].comment
                ? sg__migration_marker(text + tokens[i].start, tokens[i].end - tokens[i].start)
                : SG__MIGRATION_MARK_NONE;
        if (from == SIZE_MAX) {
            if (mark == SG__MIGRATION_MARK_DOWN)
                from = tokens[i].start;
            continue;
        }
        if (i < ntokens && mark != SG__MIGRATION_MARK_UP)
            continue;
        size_t to = i < ntokens ? tokens[i].start : len;
        for (size_t k = from; k < to; k++)
            if (text[k] != '\n' && text[k] != '\r')
                text[k] = ' ';
        from = SIZE_MAX;
        blanked = true;
    }
    return blanked;
}

int sg__migrate_apply(sg__schema *s, const char *sql, const char *default_schema,
                      sg__migrate_note_fn note_fn, void *ctx)
{
    mig m = {0};
    m.s = s;
    m.sql = sql;
    m.default_schema = default_schema;
    m.note = note_fn;
    m.ctx = ctx;
    sg__arena_init(&m.tmp);
    /* a psql script (pg_dump's \connect and \restrict, COPY ... FROM stdin
     * data) is read as lint reads it: psql's text blanked, offsets kept */
    size_t len = strlen(sql), blanked = 0;
    char *text = sg__arena_alloc_raw(&m.tmp, len + 1);
    int rc = text ? APPLIED : STOP;
    if (text) {
        memcpy(text, sql, len + 1);
        if (sg__sql_blank_psql(&m.tmp, text, len, &blanked) < 0)
            rc = STOP;
        m.sql = sql = text;
    }
    if (rc == APPLIED && sg__sql_scan(&m.tmp, sql, len, &m.tokens, &m.ntokens) < 0)
        rc = STOP;
    /* a goose, sql-migrate or dbmate file: only its up sections are applied */
    if (rc == APPLIED && blank_down_sections(text, len, m.tokens, m.ntokens) &&
        sg__sql_scan(&m.tmp, sql, len, &m.tokens, &m.ntokens) < 0)
        rc = STOP;

    MemoryContext pg_ctx = pg_query_enter_memory_context();
    PgQueryInternalParsetreeAndError parsed = pg_query_raw_parse(sql);
    if (rc == APPLIED && parsed.error) {
        long at = sg__pg_cursor_offset(sql, parsed.error->cursorpos);
        rc = note(&m, at >= 0 ? (int)at : 0,
                  "the file does not parse (%s); nothing of it is applied",
                  parsed.error->message ? parsed.error->message : "syntax error");
    } else if (rc == APPLIED) {
        rc = apply_tree(&m, parsed.tree);
    }
    /* libpg_query allocates these with malloc and documents plain free(). */
    if (parsed.error)
        pg_query_free_error(parsed.error);
    free(parsed.stderr_buffer);
    pg_query_exit_memory_context(pg_ctx);
    sg__arena_release(&m.tmp);
    return rc == STOP ? -1 : 0;
}
