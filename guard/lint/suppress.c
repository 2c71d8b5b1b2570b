/*
 * suppress.c - suppression comments in SQL text, honoured by sg_lint_text()
 * (and so `sqlguard lint`) only.
 *
 *   -- sqlguard-disable-next-line RULE[, RULE] [-- reason]
 *   SELECT ...  -- sqlguard-disable-line RULE[, RULE] [-- reason]
 *   -- sqlguard-disable RULE[, RULE] [-- reason]   ...   -- sqlguard-enable RULE[, RULE]
 *
 * and the same inside slash-star comments. Comments come from PostgreSQL's
 * scanner (pg/split.h), so a directive inside a string literal is text, not
 * a directive.
 * `check` and the gateway never read them: there the SQL comes from the party
 * being checked, while in lint its author is the developer and a reviewer
 * sees the comment. A suppression that suppresses nothing is reported
 * (lint.unused-suppression), as are unknown rule ids (lint.unknown-rule) and
 * comments that start like a directive but are not one (lint.bad-suppression).
 */
#include <stdint.h>
#include <string.h>

#include "check/rule.h"
#include "lint/lint.h"

typedef enum { NEXT_LINE, DISABLE, ENABLE, SAME_LINE } directive_kind;

static const char *const directive_names[] = {"disable-next-line", "disable", "enable",
                                              "disable-line"};
enum { DIRECTIVES = sizeof directive_names / sizeof directive_names[0] };

typedef struct entry {
    const char *rule;
    size_t offset;   /* of the rule id in the file */
    bool used;       /* it suppressed a finding (or, for enable, closed a span) */
    size_t span_end; /* DISABLE: where its matching enable starts, SIZE_MAX if none */
} entry;

typedef struct directive {
    directive_kind kind;
    size_t start, end;           /* the comment */
    long target_line;            /* NEXT_LINE: the line it covers, 0 when no SQL follows;
                                    SAME_LINE: the comment's own line */
    long target_last;            /* NEXT_LINE: the statement's last line when one starts on
                                    target_line, else target_line */
    size_t stmt_start, stmt_end; /* NEXT_LINE: that statement's bytes, else equal */
    long sql_after;              /* NEXT_LINE: the line it ends on when SQL follows it there
                                    (a block comment in front of the statement it meant), else 0 */
    const char *reason;          /* NULL when none was given */
    entry *rules;
    size_t nrules;
} directive;

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool library_rule(const char *id, size_t n)
{
    for (size_t i = 0; i < sg_rule_count(); i++)
        if (strlen(sg_rule_id(i)) == n && memcmp(sg_rule_id(i), id, n) == 0)
            return true;
    return false;
}

/* Reads the rule list between p and q (in the comment at `s`, text offset
 * `at0`) into d->rules, reporting ids that are empty, unknown or cannot be
 * suppressed. Returns -1 without memory. */
static int parse_rules(sg_lint_result *r, directive *d, const char *s, size_t at0, const char *p,
                       const char *q)
{
    size_t cap = 1;
    for (const char *c = p; c < q; c++)
        cap += *c == ',';
    d->rules = sg__arena_alloc(&r->arena, cap * sizeof *d->rules);
    if (!d->rules)
        return -1;
    const char *name = directive_names[d->kind];
    while (p <= q) {
        const char *comma = memchr(p, ',', (size_t)(q - p));
        const char *item_end = comma ? comma : q;
        const char *a = p, *b = item_end;
        while (a < b && blank(*a))
            a++;
        while (b > a && blank(b[-1]))
            b--;
        size_t n = (size_t)(b - a);
        long at = (long)(at0 + (size_t)(a - s));
        const char *space = a;
        while (space < b && !blank(*space))
            space++;
        if (n == 0) {
            if (comma || d->nrules == 0)
                if (!sg__lint_add(r, SG_LINT_RULE_BAD_SUPPRESSION, SG_SEVERITY_ERROR, at,
                                  comma ? "sqlguard-%s has an empty rule id in its list"
                                        : "sqlguard-%s names no rule (name the rules, separated "
                                          "by commas)",
                                  name))
                    return -1;
        } else if (space < b) {
            if (!sg__lint_add(r, SG_LINT_RULE_BAD_SUPPRESSION, SG_SEVERITY_ERROR, at,
                              "sqlguard-%s: rule ids are separated by commas, and a reason "
                              "follows \" -- \": '%.*s'",
                              name, (int)n, a))
                return -1;
        } else if (library_rule(a, n)) {
            entry *e = &d->rules[d->nrules++];
            if (!(e->rule = sg__arena_strndup(&r->arena, a, n)))
                return -1;
            e->offset = (size_t)at;
            e->span_end = SIZE_MAX;
        } else if (sg__lint_rule_known(a, n)) {
            if (!sg__lint_add(r, SG_LINT_RULE_BAD_SUPPRESSION, SG_SEVERITY_ERROR, at,
                              "%.*s is about the lint run itself and cannot be suppressed", (int)n,
                              a))
                return -1;
        } else if (!sg__lint_add(r, SG_LINT_RULE_UNKNOWN_RULE, SG_SEVERITY_ERROR, at,
                                 "unknown rule '%.*s' in sqlguard-%s (sqlguard rules lists them)",
                                 (int)n, a, name)) {
            return -1;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    return 0;
}

/* The next line after the comment that holds SQL, 0 when there is none:
 * blank lines and comment-only lines (a second suppression, a longer
 * explanation) are skipped. */
static long next_code_line(const sg_lint_result *r, const sg__lint_comment *c,
                           const bool *code_line)
{
    long line = sg__lint_line_from(r, c->end > c->start ? c->end - 1 : c->start, 0);
    for (long l = line + 1; l <= (long)r->line_count; l++)
        if (code_line[l])
            return l;
    return 0;
}

/* The line the comment ends on when SQL follows it there, else 0; the
 * window holds that line. */
static long sql_after_on_line(const sg_lint_result *r, const sg__lint_comment *c)
{
    size_t end = sg__lint_window_end(r);
    for (size_t i = c->end; i < end; i++) {
        const char *t = sg__lint_at(r, i);
        if (*t == '\n' ||
            (i + 1 < end && ((t[0] == '-' && t[1] == '-') || (t[0] == '/' && t[1] == '*'))))
            return 0; /* the line ends, or another comment follows */
        if (!blank(*t))
            return sg__lint_line_from(r, c->end > c->start ? c->end - 1 : c->start, 0);
    }
    return 0;
}

static const char prefix[] = "sqlguard-";

/* The words of the comment `s` (n bytes) in [*p, *q), from "sqlguard-" on;
 * false when it is not a directive. */
static bool directive_text(const char *s, size_t n, bool c_style, const char **p, const char **q)
{
    if (n < 2)
        return false;
    *p = s + 2;
    *q = s + n;
    if (c_style && *q - *p >= 2 && (*q)[-2] == '*' && (*q)[-1] == '/')
        *q -= 2;
    while (c_style && *q > *p && (blank((*q)[-1]) || (*q)[-1] == '*'))
        (*q)--; /* the frame's last line: `\n **` before the close */
    /* blanks, and in a block comment the stars that frame its lines (a
     * directive on the second line of a comment in the Javadoc style) */
    while (*p < *q && (blank(**p) || (c_style && **p == '*')))
        (*p)++;
    return (size_t)(*q - *p) >= sizeof prefix - 1 && memcmp(*p, prefix, sizeof prefix - 1) == 0;
}

bool sg__lint_directive_comment(const char *s, size_t n, bool c_style)
{
    const char *p, *q;
    return directive_text(s, n, c_style, &p, &q);
}

/* The first of `n` statements (in text order) that starts at `at` or after,
 * or NULL. */
static const sg__lint_span *statement_from(const sg__lint_span *stmts, size_t n, size_t at)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (stmts[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n ? &stmts[lo] : NULL;
}

/* Reads one comment (`stmts`: the statements linted, to find the one a
 * disable-next-line stands above). Returns 1 with *d filled for a directive,
 * 0 for any other comment, -1 without memory. */
static int parse_comment(sg_lint_result *r, const sg__lint_comment *c, const bool *code_line,
                         const sg__lint_span *stmts, size_t nstmts, directive *d)
{
    const char *p, *q;
    if (sg__lint_window(r, c->start, c->end) < 0)
        return -1;
    /* the window holds the comment until this returns: findings are placed
     * in it, and nothing else is read */
    const char *s = sg__lint_at(r, c->start);
    if (!directive_text(s, c->end - c->start, c->c_style, &p, &q))
        return 0;
    const char *word = p + sizeof prefix - 1, *w = word;
    while (w < q && !blank(*w))
        w++;
    memset(d, 0, sizeof *d);
    d->start = c->start;
    d->end = c->end;
    size_t n = (size_t)(w - word);
    int kind = -1;
    for (int k = 0; k < DIRECTIVES; k++)
        if (strlen(directive_names[k]) == n && memcmp(directive_names[k], word, n) == 0)
            kind = k;
    if (kind < 0) {
        return sg__lint_add(r, SG_LINT_RULE_BAD_SUPPRESSION, SG_SEVERITY_ERROR,
                            (long)(c->start + (size_t)(p - s)),
                            "unknown directive '%.*s': the directives are "
                            "sqlguard-disable-next-line, sqlguard-disable-line, sqlguard-disable "
                            "and sqlguard-enable",
                            (int)(w - p), p)
                   ? 0
                   : -1;
    }
    d->kind = (directive_kind)kind;

    /* "RULE, RULE -- reason": the reason starts at the first "--". */
    const char *rules_end = q;
    for (const char *dash = w; dash + 1 < q; dash++) {
        if (dash[0] == '-' && dash[1] == '-') {
            rules_end = dash;
            const char *a = dash + 2, *b = q;
            while (a < b && blank(*a))
                a++;
            while (b > a && blank(b[-1]))
                b--;
            if (b > a && !(d->reason = sg__arena_strndup(&r->arena, a, (size_t)(b - a))))
                return -1;
            break;
        }
    }
    if (parse_rules(r, d, s, c->start, w, rules_end) < 0)
        return -1;

    if (d->kind == NEXT_LINE) {
        d->target_line = next_code_line(r, c, code_line);
        d->sql_after = sql_after_on_line(r, c);
        /* above a statement, it covers the statement (written one keyword
         * a line, its findings stand on lines after its first), and no
         * other that starts where it ends */
        d->target_last = d->target_line;
        const sg__lint_span *next = statement_from(stmts, nstmts, c->end);
        if (d->target_line > 0 && !d->sql_after && next &&
            sg__lint_line_from(r, next->start, 0) == d->target_line) {
            d->stmt_start = next->start;
            d->stmt_end = next->end;
            d->target_last = sg__lint_line_from(r, next->end - 1, d->target_line);
        }
    } else if (d->kind == SAME_LINE) {
        d->target_line = d->target_last = sg__lint_line_from(r, c->start, 0);
    }
    return 1;
}

static bool covers(const directive *d, const entry *e, const sg__lint_item *g)
{
    if (strcmp(e->rule, g->rule) != 0)
        return false;
    if (d->kind == NEXT_LINE)
        return (long)g->line == d->target_line ||
               ((size_t)g->at - 1 >= d->stmt_start && (size_t)g->at - 1 < d->stmt_end);
    if (d->kind == SAME_LINE)
        return (long)g->line == d->target_line;
    if (d->kind == DISABLE)
        return (size_t)g->at - 1 >= d->end && (size_t)g->at - 1 < e->span_end;
    return false;
}

/* Spans: an enable closes the latest open disable of the same rule; an
 * enable that closes none is reported. */
static int close_spans(sg_lint_result *r, directive *ds, size_t nd)
{
    for (size_t i = 0; i < nd; i++) {
        if (ds[i].kind != ENABLE)
            continue;
        for (size_t k = 0; k < ds[i].nrules; k++) {
            entry *en = &ds[i].rules[k];
            for (size_t j = i; j-- > 0 && !en->used;) {
                if (ds[j].kind != DISABLE)
                    continue;
                for (size_t m = 0; m < ds[j].nrules && !en->used; m++) {
                    entry *dis = &ds[j].rules[m];
                    if (dis->span_end == SIZE_MAX && strcmp(dis->rule, en->rule) == 0) {
                        dis->span_end = ds[i].start;
                        en->used = true;
                    }
                }
            }
            if (!en->used &&
                !sg__lint_add(
                    r, SG_LINT_RULE_UNUSED_SUPPRESSION, SG_SEVERITY_WARNING, (long)en->offset,
                    "sqlguard-enable %s has no sqlguard-disable %s before it", en->rule, en->rule))
                return -1;
        }
    }
    return 0;
}

/* Marks the first `count` findings that a directive covers as suppressed. */
static void apply(sg_lint_result *r, directive *ds, size_t nd, size_t count)
{
    for (size_t g = 0; g < count; g++) {
        sg__lint_item *diag = &SG__VEC_AT(r->findings, sg__lint_item, g);
        if (diag->at == 0)
            continue; /* about the whole text */
        for (size_t i = 0; i < nd; i++) {
            for (size_t k = 0; k < ds[i].nrules; k++) {
                if (!covers(&ds[i], &ds[i].rules[k], diag))
                    continue;
                ds[i].rules[k].used = true;
                if (!diag->suppressed) {
                    diag->suppressed = true;
                    diag->reason = ds[i].reason;
                }
            }
        }
    }
}

/* Reports a rule of a disable directive that suppressed nothing. */
static int report_unused(sg_lint_result *r, const directive *d, const entry *e)
{
    sg__lint_item *added;
    if (d->kind == NEXT_LINE && d->sql_after && d->target_line == 0)
        added =
            sg__lint_add(r, SG_LINT_RULE_UNUSED_SUPPRESSION, SG_SEVERITY_WARNING, (long)e->offset,
                         "sqlguard-disable-next-line %s suppresses nothing: it covers the "
                         "line after it, where no SQL follows; for the SQL after it on line "
                         "%ld, write sqlguard-disable-line %s",
                         e->rule, d->sql_after, e->rule);
    else if (d->kind == NEXT_LINE && d->sql_after)
        added =
            sg__lint_add(r, SG_LINT_RULE_UNUSED_SUPPRESSION, SG_SEVERITY_WARNING, (long)e->offset,
                         "sqlguard-disable-next-line %s suppresses nothing: it covers the "
                         "line after it, line %ld, which has no %s finding; for the SQL "
                         "after it on line %ld, write sqlguard-disable-line %s",
                         e->rule, d->target_line, e->rule, d->sql_after, e->rule);
    else if (d->kind == NEXT_LINE && d->target_line == 0)
        added = sg__lint_add(
            r, SG_LINT_RULE_UNUSED_SUPPRESSION, SG_SEVERITY_WARNING, (long)e->offset,
            "sqlguard-disable-next-line %s suppresses nothing: no SQL follows it", e->rule);
    else if (d->kind == SAME_LINE)
        added =
            sg__lint_add(r, SG_LINT_RULE_UNUSED_SUPPRESSION, SG_SEVERITY_WARNING, (long)e->offset,
                         "sqlguard-disable-line %s suppresses nothing: line %ld has no %s "
                         "finding",
                         e->rule, d->target_line, e->rule);
    else if (d->kind == NEXT_LINE && d->target_last > d->target_line)
        added =
            sg__lint_add(r, SG_LINT_RULE_UNUSED_SUPPRESSION, SG_SEVERITY_WARNING, (long)e->offset,
                         "sqlguard-disable-next-line %s suppresses nothing: the statement on "
                         "lines %ld to %ld has no %s finding",
                         e->rule, d->target_line, d->target_last, e->rule);
    else if (d->kind == NEXT_LINE)
        added =
            sg__lint_add(r, SG_LINT_RULE_UNUSED_SUPPRESSION, SG_SEVERITY_WARNING, (long)e->offset,
                         "sqlguard-disable-next-line %s suppresses nothing: line %ld has no "
                         "%s finding",
                         e->rule, d->target_line, e->rule);
    else
        added = sg__lint_add(
            r, SG_LINT_RULE_UNUSED_SUPPRESSION, SG_SEVERITY_WARNING, (long)e->offset,
            "sqlguard-disable %s suppresses nothing: no %s finding between it and %s", e->rule,
            e->rule, e->span_end == SIZE_MAX ? "the end of the file" : "its sqlguard-enable");
    return added ? 0 : -1;
}

/* Whether `rule` does not run in a migration (its descriptor says so): a
 * suppression of it there suppresses nothing, and was right before. */
static bool idle_in_migrations(const char *rule)
{
    const sg__rule *r = sg__rule_find(rule);
    return r && r->not_in_migrations;
}

int sg__lint_suppress(sg_lint_result *r, const sg__lint_comment *comments, size_t ncomments,
                      const bool *code_line, const sg__lint_span *stmts, size_t nstmts,
                      bool migration)
{
    directive *ds = sg__arena_alloc(&r->arena, (ncomments + 1) * sizeof *ds);
    if (!ds)
        return -1;
    size_t nd = 0;
    size_t library_findings = r->findings.count; /* lint.* findings come after */
    for (size_t i = 0; i < ncomments; i++) {
        int rc = parse_comment(r, &comments[i], code_line, stmts, nstmts, &ds[nd]);
        if (rc < 0)
            return -1;
        nd += (size_t)rc;
    }
    if (close_spans(r, ds, nd) < 0)
        return -1;
    apply(r, ds, nd, library_findings);
    for (size_t i = 0; i < nd; i++) {
        if (ds[i].kind == ENABLE)
            continue;
        for (size_t k = 0; k < ds[i].nrules; k++)
            if (!ds[i].rules[k].used && !(migration && idle_in_migrations(ds[i].rules[k].rule)) &&
                report_unused(r, &ds[i], &ds[i].rules[k]) < 0)
                return -1;
    }
    return 0;
}
