/*
 * scope_table_not_declared.c - every relation must be a scoped physical table.
 *
 * A reference that bound to no scoped table is denied, with the reason the
 * resolver found: a database-qualified name, a system catalog, a catalog table
 * left out of the scope, or a name the catalog does not know at all.
 */
#include "rules.h"

static int check(const sg__rule_ctx *ctx)
{
    const sg__facts *f = ctx->facts;
    if (ctx->scope->mode == SG_SCOPE_NONE)
        return 0; /* linting without a catalog: nothing to resolve against */
    for (size_t i = 0; i < f->relations.count; i++) {
        const sg__relref *r = &SG__VEC_AT(f->relations, sg__relref, i);
        const sg__relation_binding *b = &ctx->bindings[i];
        if (b->scoped >= 0)
            continue;
        int rc;
        if (r->catalog) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                            "relation %s.%s.%s is qualified with a database name and is never in "
                            "scope",
                            r->catalog, r->schema ? r->schema : "", r->name);
        } else if (!b->schema && ctx->scope->path) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                            "relation %s cannot be resolved: the search path names no schema "
                            "(`SET search_path` left it empty)",
                            r->name);
        } else if (!b->schema) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                            "relation %s cannot be resolved: the scope's data source is unknown",
                            r->name);
        } else if (strcmp(b->schema, "pg_catalog") == 0 ||
                   strcmp(b->schema, "information_schema") == 0) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                            "relation %s.%s is a system catalog relation and is never in scope",
                            b->schema, r->name);
        } else if (ctx->scope->mode == SG_SCOPE_CATALOG) {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                            "relation %s.%s is not a table of the catalog", b->schema, r->name);
        } else {
            rc = sg__report(ctx->diags, ctx->rule, SG_AT_COMPILED, r->location,
                            "relation %s.%s is not in the declared scope", b->schema, r->name);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

const sg__rule sg__rule_scope_table_not_declared = {
    .id = "scope.table-not-declared",
    .summary = "the SQL touches a relation that is not a scoped physical table",
    .severity = SG_SEVERITY_ERROR,
    .kinds = SG_RULE_FACTS,
    .locked = true,
    .check = check,
};
