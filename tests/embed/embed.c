/*
 * embed.c - a program that embeds sqlguard the way a gateway would, built
 * against an installed (or add_subdirectory'd) library by the install tests.
 *
 *   embed CATALOG ALLOWED_OP DENIED_OP
 *
 * Loads the catalog once, then two threads check the seed operations against
 * it at the same time: ALLOWED_OP must be allowed, DENIED_OP denied by
 * scope.table-not-declared. Prints one line with the library's version and
 * exits 0 when every verdict was the expected one.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sqlguard.h>

#define ROUNDS 20

typedef struct job {
    const sg_catalog *catalog;
    const char *allowed, *denied;
    size_t allowed_len, denied_len;
    int failures;
} job;

/* One check: 0 when the verdict is as expected, 1 otherwise. */
static int check_one(const job *j, const char *op, size_t len, int want_allowed)
{
    sg_verdict *v = NULL;
    if (sg_check(j->catalog, op, len, NULL, &v) != SG_OK)
        return 1;
    int bad = sg_verdict_allowed(v) != want_allowed;
    if (!want_allowed) {
        const sg_diagnostic *d = sg_verdict_diagnostic(v, 0);
        bad |= !d || strcmp(d->rule, "scope.table-not-declared") != 0;
    }
    sg_verdict_free(v);
    return bad;
}

static void *work(void *arg)
{
    job *j = arg;
    for (int i = 0; i < ROUNDS; i++) {
        j->failures += check_one(j, j->allowed, j->allowed_len, 1);
        j->failures += check_one(j, j->denied, j->denied_len, 0);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: embed CATALOG ALLOWED_OP DENIED_OP\n");
        return 2;
    }
    sg_error err;
    sg_catalog *catalog = NULL;
    char *allowed = NULL, *denied = NULL;
    size_t allowed_len = 0, denied_len = 0;
    if (sg_catalog_load_file(argv[1], &catalog, &err) != SG_OK ||
        sg_read_file(argv[2], 1u << 20, 0, &allowed, &allowed_len, &err) != SG_OK ||
        sg_read_file(argv[3], 1u << 20, 0, &denied, &denied_len, &err) != SG_OK) {
        fprintf(stderr, "embed: %s\n", err.message);
        sg_catalog_free(catalog);
        sg_free(allowed);
        return 2;
    }
    job jobs[2];
    pthread_t threads[2];
    int started = 0;
    for (int i = 0; i < 2; i++) {
        jobs[i] = (job){catalog, allowed, denied, allowed_len, denied_len, 0};
        if (pthread_create(&threads[i], NULL, work, &jobs[i]) == 0)
            started++;
    }
    int failures = started == 2 ? 0 : 1;
    for (int i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        failures += jobs[i].failures;
    }
    sg_free(allowed);
    sg_free(denied);
    sg_catalog_free(catalog);
    const sg_version_info *v = sg_version();
    printf("sqlguard %s (PostgreSQL %s): %d checks, %d unexpected\n", v->version, v->pg_version,
           2 * 2 * ROUNDS, failures);
    return failures == 0 ? 0 : 1;
}
