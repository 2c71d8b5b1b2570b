/*
 * naming_table_prefix.c - physical tables carry the project's prefix.
 *
 * Projects that share one schema collide on bare names (`account`,
 * `alembic_version`); a policy names the project's prefix patterns (option
 * `prefix`, e.g. "^sdk_examples_") and every relation a statement names or a
 * migration creates, alters, renames or drops must match one of them. `sqlguard
 * lint --catalog` applies the same rule to the catalog's physical names.
 * Without patterns the rule has nothing to enforce.
 */
#include "rules.h"

const sg__option sg__options_naming_table_prefix[] = {
    {"prefix", SG_OPT_PATTERNS, NULL,
     "patterns a physical table name must match, e.g. \"^sdk_examples_\""},
    {NULL, 0, NULL, NULL},
};

static bool system_schema(const char *schema)
{
    return schema && (strcmp(schema, "pg_catalog") == 0 ||
                      strcmp(schema, "information_schema") == 0);
}

/* 1 when `name` matches a prefix pattern, 0 when not, -1 on allocation failure. */
static int matches(const sg_policy *policy, const char *name)
{
    return sg__policy_match(policy, "naming.table-prefix", "prefix", name);
}

static int check_list(const sg__rule_ctx *ctx, const sg__vec *rels, const char *what)
{
    for (size_t i = 0; i < rels->count; i++) {
        const sg__relref *r = &SG__VEC_AT(*rels, sg__relref, i);
        if (r->catalog || system_schema(r->schema) || strncmp(r->name, "pg_", 3) == 0)
            continue;
        int m = matches(ctx->policy, r->name);
        if (m < 0)
            return -1;
        if (m == 0 &&
            sg__report(ctx->diags, "naming.table-prefix", SG_AT_COMPILED, r->location,
                       "%s %s does not carry the project's table prefix", what, r->name) < 0)
            return -1;
    }
    return 0;
}

int sg__rule_naming_table_prefix(const sg__rule_ctx *ctx)
{
    if (sg__policy_pattern_count(ctx->policy, "naming.table-prefix", "prefix") == 0)
        return 0;
    if (check_list(ctx, &ctx->facts->relations, "relation") < 0 ||
        check_list(ctx, &ctx->facts->ddl_relations, "relation") < 0)
        return -1;
    return 0;
}

int sg__naming_check_catalog(const sg_catalog *catalog, const sg_policy *policy, sg__diags *d)
{
    if (sg__policy_pattern_count(policy, "naming.table-prefix", "prefix") == 0)
        return 0;
    for (size_t i = 0; i < catalog->table_count; i++) {
        const sg__meta_table *t = &catalog->tables[i];
        int m = matches(policy, t->name);
        if (m < 0)
            return -1;
        if (m == 0 && sg__report(d, "naming.table-prefix", SG_AT_NONE, -1,
                                 "catalog table %s (meta_tables[%zu], uid %s) has physical name "
                                 "%s.%s without the project's table prefix",
                                 t->identifier ? t->identifier : t->name, i, t->uid, t->schema,
                                 t->name) < 0)
            return -1;
    }
    return 0;
}
