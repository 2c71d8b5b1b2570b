/*
 * migrate_common.c - what every part of applying a migration's DDL uses: the
 * notes (a part that is not applied, a statement the server would refuse),
 * the working copy of the tables a statement changes and the table a
 * statement names, lists of column names, the names PostgreSQL chooses for
 * constraints and indexes (makeObjectName, ChooseRelationName and
 * ChooseConstraintName in the server), and the source text of an expression,
 * kept as the migration writes it. It calls none of the other migrate files.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "nodes/nodeFuncs.h"

#include "pg/migrate_int.h"
#include "util/text.h"

/* ---- notes ----------------------------------------------------------------------------- */

static int vnote(mig *m, int location, bool applied, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
static int vnote(mig *m, int location, bool applied, const char *fmt, va_list ap)
{
    char *msg = sg__arena_vprintf(&m->tmp, fmt, ap);
    if (!msg || m->oom)
        return STOP;
    int at = (location >= 0 ? location : m->stmt_at) + m->shift;
    return m->note(m->ctx, at, msg, applied) < 0 ? STOP : APPLIED;
}

/* A note about something not applied; the rest of the statement applies. */
int sg__mig_note(mig *m, int location, const char *fmt, ...)
{
    m->unfollowed++;
    va_list ap;
    va_start(ap, fmt);
    int rc = vnote(m, location, false, fmt, ap);
    va_end(ap);
    return rc;
}

/* A remark on a statement that applies whole: what the model cannot check. */
int sg__mig_remark(mig *m, int location, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vnote(m, location, true, fmt, ap);
    va_end(ap);
    return rc;
}

/* A note that the server would refuse the statement: nothing of it applies. */
int sg__mig_refuse_as(mig *m, const char *condition, int location, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vnote(m, location, false, fmt, ap);
    va_end(ap);
    m->condition = condition;
    return rc == APPLIED ? REFUSED : rc;
}

const char *sg__mig_type_schema(const mig *m)
{
    return m->type_schema ? m->type_schema : m->default_schema;
}

/* ---- the working copy of the tables ------------------------------------------------------ */

int sg__mig_begin_statement(mig *m)
{
    size_t n = m->s->tables.count;
    if (!m->synced || m->structural) {
        /* the file's first statement, or one after tables were removed:
         * every table copied */
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
        m->stale |= m->structural || m->nwork != n;
        m->synced = true;
    } else {
        /* the last statement's tables: the model's again (the same when it
         * was committed), their arrays its own no more */
        for (size_t k = 0; k < m->dirty.count; k++) {
            size_t i = SG__VEC_AT(m->dirty, size_t, k);
            if (i < n && !m->committed) {
                m->stale |=
                    strcmp(m->work[i].schema, SG__VEC_AT(m->s->tables, sg__sc_table, i).schema) !=
                        0 ||
                    strcmp(m->work[i].name, SG__VEC_AT(m->s->tables, sg__sc_table, i).name) != 0;
                m->work[i] = SG__VEC_AT(m->s->tables, sg__sc_table, i);
            }
            if (i < m->capwork)
                m->owned[i] = false;
        }
        m->stale |= m->nwork != n; /* tables added and not committed */
    }
    m->nwork = n;
    m->dirty.count = 0;
    m->structural = m->committed = false;
    return APPLIED;
}

/* Keeps slot i of s->tables as it is, when a mark is taken and the slot
 * was not kept since the latest one: what a ROLLBACK brings back. */
static int log_slot(mig *m, size_t i)
{
    if (!m->marks.count)
        return APPLIED;
    if (i >= m->nlogged) {
        size_t cap = (i + 1) * 2;
        unsigned long *l = sg__arena_alloc(&m->tmp, cap * sizeof *l);
        if (!l)
            return STOP;
        if (m->nlogged)
            memcpy(l, m->logged, m->nlogged * sizeof *l);
        m->logged = l;
        m->nlogged = cap;
    }
    if (m->logged[i] == m->mark_serial)
        return APPLIED;
    mig_undo *u = sg__vec_push(&m->tmp, &m->undo, sizeof *u);
    if (!u)
        return STOP;
    *u = (mig_undo){i, SG__VEC_AT(m->s->tables, sg__sc_table, i)};
    m->logged[i] = m->mark_serial;
    return APPLIED;
}

int sg__mig_commit_statement(mig *m)
{
    sg__vec *v = &m->s->tables;
    /* the slots this commit writes or leaves behind, as they were */
    for (size_t i = 0; m->structural && i < v->count; i++)
        if (log_slot(m, i) != APPLIED)
            return STOP;
    for (size_t k = 0; !m->structural && k < m->dirty.count; k++) {
        size_t i = SG__VEC_AT(m->dirty, size_t, k);
        if (i < v->count && log_slot(m, i) != APPLIED)
            return STOP;
    }
    if (m->nwork > v->capacity) {
        size_t cap = m->nwork * 2;
        void *items = sg__arena_alloc_raw(&m->s->arena, cap * sizeof(sg__sc_table));
        if (!items)
            return STOP;
        if (v->count)
            memcpy(items, v->items, v->count * sizeof(sg__sc_table));
        v->items = items;
        v->capacity = cap;
    }
    if (m->structural) {
        if (m->nwork)
            memcpy(v->items, m->work, m->nwork * sizeof *m->work);
    } else {
        for (size_t k = 0; k < m->dirty.count; k++) {
            size_t i = SG__VEC_AT(m->dirty, size_t, k);
            if (i < m->nwork)
                SG__VEC_AT(*v, sg__sc_table, i) = m->work[i];
        }
    }
    v->count = m->nwork;
    m->committed = true;
    return APPLIED;
}

/* Lists table i as one the statement changes; false when memory ran out. */
static bool mark_dirty(mig *m, size_t i)
{
    size_t *slot = sg__vec_push(&m->tmp, &m->dirty, sizeof *slot);
    if (!slot)
        return false;
    *slot = i;
    return true;
}

bool sg__mig_changed_tables(const mig *m)
{
    return m->nwork != m->s->tables.count || m->structural || m->dirty.count > 0;
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
sg__sc_table *sg__mig_edit(mig *m, size_t i)
{
    sg__sc_table *t = &m->work[i];
    if (m->owned[i])
        return t;
    if (!mark_dirty(m, i))
        return NULL;
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

static size_t name_hash(const char *schema, const char *name)
{
    uint64_t h = sg__fnv1a_str(SG__FNV1A_INIT, schema);
    h = sg__fnv1a_str(h ^ 0x2e, name);
    return (size_t)(h ^ (h >> 32));
}

/* Puts table i in the hash (which has room). */
static void slot_in(mig *m, size_t i)
{
    size_t s = name_hash(m->work[i].schema, m->work[i].name) & m->slot_mask;
    while (m->slots[s])
        s = (s + 1) & m->slot_mask;
    m->slots[s] = i + 1;
}

/* The hash made again for the tables as they are, with room for twice as
 * many; false when memory ran out (lookups then scan). */
static bool rehash(mig *m)
{
    size_t size = 64;
    while (size < m->nwork * 4)
        size *= 2;
    size_t *slots = sg__arena_alloc(&m->tmp, size * sizeof *slots);
    if (!slots)
        return false;
    m->slots = slots;
    m->slot_mask = size - 1;
    for (size_t i = 0; i < m->nwork; i++)
        slot_in(m, i);
    m->stale = false;
    return true;
}

long sg__mig_find_table(const mig *m, const char *schema, const char *name)
{
    mig *w = (mig *)m; /* the hash is a cache of the tables' names */
    if ((w->stale || !w->slots || w->nwork * 2 > w->slot_mask) && !rehash(w)) {
        w->oom = true; /* the file's application fails; this answer is still right */
        for (size_t i = 0; i < m->nwork; i++)
            if (strcmp(m->work[i].schema, schema) == 0 && strcmp(m->work[i].name, name) == 0)
                return (long)i;
        return -1;
    }
    for (size_t s = name_hash(schema, name) & m->slot_mask; m->slots[s];
         s = (s + 1) & m->slot_mask) {
        size_t i = m->slots[s] - 1;
        if (i < m->nwork && strcmp(m->work[i].schema, schema) == 0 &&
            strcmp(m->work[i].name, name) == 0)
            return (long)i;
    }
    return -1;
}

void sg__mig_names_changed(mig *m)
{
    m->stale = true;
}

/* A new empty table at the end of the working copy: its index, or -1. */
long sg__mig_add_table(mig *m, const char *schema, const char *name)
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
    if (!t->schema || !t->name || !mark_dirty(m, m->nwork))
        return -1;
    m->owned[m->nwork] = true;
    size_t i = m->nwork++;
    if (m->slots && !m->stale && m->nwork * 2 <= m->slot_mask)
        slot_in(m, i);
    else
        m->stale = true;
    return (long)i;
}

void sg__mig_remove_table(mig *m, size_t i)
{
    memmove(&m->work[i], &m->work[i + 1], (m->nwork - i - 1) * sizeof *m->work);
    memmove(&m->owned[i], &m->owned[i + 1], (m->nwork - i - 1) * sizeof *m->owned);
    m->nwork--;
    m->structural = m->stale = true;
}

const char *sg__mig_schema_of(const mig *m, const RangeVar *rv)
{
    if (rv->schemaname)
        return rv->schemaname;
    /* an existing table: the first schema of the search path that has it */
    if (m->path_rest_len && sg__mig_find_table(m, m->default_schema, rv->relname) < 0)
        for (size_t i = 0; i < m->path_rest_len; i++)
            if (sg__mig_find_table(m, m->path_rest[i], rv->relname) >= 0)
                return m->path_rest[i];
    return m->default_schema;
}

const char *sg__mig_creation_schema_of(const mig *m, const RangeVar *rv)
{
    return rv->schemaname ? rv->schemaname : m->default_schema;
}

/* The table a statement names: its index, or -1 with a note (none when
 * missing_ok) in *rc. */
long sg__mig_target_table(mig *m, const RangeVar *rv, bool missing_ok, const char *what, int *rc)
{
    long ti = sg__mig_find_table(m, sg__mig_schema_of(m, rv), rv->relname);
    *rc = APPLIED;
    if (ti < 0 && !missing_ok)
        *rc =
            sg__mig_refuse(m, rv->location,
                           "%s %s: no table of that name is created before it (views, materialized "
                           "views and sequences are not followed); not applied",
                           what, sg__mig_qualified(m, sg__mig_schema_of(m, rv), rv->relname));
    return ti;
}

/* ---- lists of names ---------------------------------------------------------------------- */

bool sg__mig_names_has(const sg__sc_names *n, const char *name)
{
    for (size_t i = 0; i < n->count; i++)
        if (strcmp(n->names[i], name) == 0)
            return true;
    return false;
}

/* The same columns, in any order (how a foreign key finds the key it uses). */
bool sg__mig_names_same_set(const sg__sc_names *a, const sg__sc_names *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (!sg__mig_names_has(b, a->names[i]))
            return false;
    return true;
}

/* The String nodes of `list` as names in `a`; false when memory ran out. */
bool sg__mig_names_from_list(sg__arena *a, const List *list, sg__sc_names *out)
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

bool sg__mig_names_of_one(sg__arena *a, const char *name, sg__sc_names *out)
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
bool sg__mig_names_rename(sg__arena *a, sg__sc_names *n, const char *old, const char *new)
{
    if (!sg__mig_names_has(n, old))
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
bool sg__mig_names_keep(mig *m, const sg__sc_table *t, sg__sc_names *n)
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
const char *sg__mig_qualified(mig *m, const char *schema, const char *name)
{
    const char *q = sg__arena_printf(&m->tmp, "%s.%s", schema, name);
    if (!q)
        m->oom = true;
    return q ? q : name;
}

const char *sg__mig_table_name(mig *m, size_t i)
{
    return sg__mig_qualified(m, m->work[i].schema, m->work[i].name);
}

/* ---- names as PostgreSQL chooses them ------------------------------------------------------ */

/* How many of the first `len` bytes of `s` make whole UTF-8 characters
 * (pg_mbcliplen for a UTF-8 database). */
size_t sg__mig_clip_utf8(const char *s, size_t len)
{
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    return len;
}

/* makeObjectName: name1_name2_label, the longer of name1 and name2 shortened
 * until it fits in 63 bytes. */
char *sg__mig_object_name(sg__arena *a, const char *name1, const char *name2, const char *label)
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
    n1 = sg__mig_clip_utf8(name1, n1);
    n2 = name2 ? sg__mig_clip_utf8(name2, n2) : 0;
    return sg__arena_printf(a, "%.*s%s%.*s%s%s", (int)n1, name1, name2 ? "_" : "", (int)n2,
                            name2 ? name2 : "", label ? "_" : "", label ? label : "");
}

/* ChooseIndexNameAddition (and ChooseForeignKeyConstraintNameAddition):
 * the column names joined by "_", as long as they stay short of 64 bytes. */
char *sg__mig_name_addition(sg__arena *a, const sg__sc_names *cols)
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
bool sg__mig_relation_name_used(const mig *m, const char *schema, const char *name)
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
bool sg__mig_constraint_on(const sg__sc_table *t, const char *name)
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
        if (strcmp(m->work[i].schema, schema) == 0 && sg__mig_constraint_on(&m->work[i], name))
            return true;
    return false;
}

/* ChooseRelationName (is_constraint) and ChooseConstraintName (!is_index):
 * the label, then label1, label2, ... until the name is free. */
const char *sg__mig_choose_name(mig *m, const char *schema, const char *name1, const char *name2,
                                const char *label, bool is_index, bool is_constraint)
{
    for (int pass = 0;; pass++) {
        char modlabel[32];
        if (pass == 0)
            snprintf(modlabel, sizeof modlabel, "%s", label);
        else
            snprintf(modlabel, sizeof modlabel, "%s%d", label, pass);
        const char *name = sg__mig_object_name(&m->s->arena, name1, name2, modlabel);
        if (!name)
            return NULL;
        bool used = (is_index && sg__mig_relation_name_used(m, schema, name)) ||
                    (is_constraint && constraint_name_used(m, schema, name));
        if (!used)
            return name;
    }
}

/* ---- source text ------------------------------------------------------------------------ */

/* The first token at or after byte `at`. */
size_t sg__mig_token_at(const mig *m, int at)
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
const char *sg__mig_expr_text(mig *m, Node *expr, const char *keyword, bool parenthesized, int stop,
                              bool *oom)
{
    int left = exprLocation(expr);
    if (left < 0 || !m->tokens)
        return NULL;
    size_t i = sg__mig_token_at(m, left);
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

/* The first token at or after token i that is no comment. */
size_t sg__mig_code_token(const mig *m, size_t i)
{
    while (i < m->ntokens && m->tokens[i].comment)
        i++;
    return i;
}

/* Whether token t of `s` is the word `word`, case aside. */
bool sg__mig_word_is(const char *s, const sg__sql_token *t, const char *word)
{
    size_t n = strlen(word);
    return t->end - t->start == n && strncasecmp(s + t->start, word, n) == 0;
}

/* Whether token t of `s` is the one character c. */
bool sg__mig_char_is(const char *s, const sg__sql_token *t, char c)
{
    return t->end - t->start == 1 && s[t->start] == c;
}
