/*
 * naming_table_prefix.c - physical tables carry the project's prefix.
 *
 * Projects that share one schema collide on bare names (`account`,
 * `alembic_version`); a policy names the project's prefix patterns (option
 * `prefix`, e.g. "^sdk_examples_") and every relation a statement names, and
 * every table or view a migration creates or renames to (at the new name),
 * must match one of them; what a migration only alters, drops or renames
 * away from is history it cannot change, and indexes and sequences are not
 * tables; nor are temporary ones, which live in the session's own schema:
 * named with pg_temp, or unqualified after the text created one of that
 * name (which such a name finds first). It is
 * also a catalog rule: sg_lint_catalog() (`sqlguard lint --catalog`) applies
 * it to the catalog's physical names. Without patterns the rule has nothing to
 * enforce.
 */
#include "rules.h"

enum { PREFIX };

static const sg__option options[] = {
    [PREFIX] = {"prefix", SG_OPT_PATTERNS, NULL,
                "patterns a physical table name must match, e.g. \"^sdk_examples_\""},
    {NULL, 0, NULL, NULL},
};

static bool system_schema(const char *schema)
{
    return schema &&
           (strcmp(schema, "pg_catalog") == 0 || strcmp(schema, "information_schema") == 0);
}

/* 1 when `name` matches a prefix pattern, 0 when not (or when PCRE2 cannot
 * tell: the name is then reported), -1 on allocation failure. */
static int matches(const sg__rule_ctx *ctx, const char *name)
{
    return sg__policy_match(ctx->policy, ctx->rule, PREFIX, name, 0);
}

static bool has_patterns(const sg__rule_ctx *ctx)
{
    return sg__policy_pattern_count(ctx->policy, ctx->rule, PREFIX) > 0;
}

/* Whether `r` names a temporary table: in pg_temp (the session's, or one
 * spelled by its number), or unqualified after the text created one. */
static bool temporary(const sg__rule_ctx *ctx, const sg__relref *r)
{
    if (r->schema)
        return strcmp(r->schema, "pg_temp") == 0 || strncmp(r->schema, "pg_temp_", 8) == 0;
    for (size_t i = 0; i < ctx->temp_table_count; i++)
        if (strcmp(ctx->temp_tables[i], r->name) == 0)
            return true;
    return false;
}

static int check_list(const sg__rule_ctx *ctx, const sg__vec *rels)
{
    for (size_t i = 0; i < rels->count; i++) {
        const sg__relref *r = &SG__VEC_AT(*rels, sg__relref, i);
        if (r->catalog || system_schema(r->schema) || strncmp(r->name, "pg_", 3) == 0 ||
            temporary(ctx, r))
            continue;
        int m = matches(ctx, r->name);
        if (m < 0)
            return -1;
        if (m == 0 &&
            sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                       "relation %s does not carry the project's table prefix", r->name) < 0)
            return -1;
    }
    return 0;
}

/* The relations a statement names, and those a migration's DDL touches. */
static int check_facts(const sg__rule_ctx *ctx)
{
    if (!has_patterns(ctx))
        return 0;
    if (check_list(ctx, &ctx->facts->relations) < 0 ||
        check_list(ctx, &ctx->facts->ddl_relations) < 0)
        return -1;
    return 0;
}

/* The physical names of every table of the catalog. */
static int check_catalog(const sg__rule_ctx *ctx)
{
    if (!has_patterns(ctx))
        return 0;
    const sg_catalog *catalog = ctx->catalog;
    for (size_t i = 0; i < catalog->table_count; i++) {
        const sg__meta_table *t = &catalog->tables[i];
        int m = matches(ctx, t->name);
        if (m < 0)
            return -1;
        if (m == 0 &&
            sg__report(ctx->diags, ctx->rule, SG_AT_NONE, -1,
                       "catalog table %s (meta_tables[%zu], uid %s) has physical name "
                       "%s.%s without the project's table prefix",
                       t->identifier ? t->identifier : t->name, i, t->uid, t->schema, t->name) < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_naming_table_prefix = {
    .id = "naming.table-prefix",
    .summary =
        "a physical table name without the project's prefix (in SQL, migrations or the catalog)",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS | SG_RULE_CATALOG,
    .options = options,
    .check = check_facts,
    .check_catalog = check_catalog,
};
