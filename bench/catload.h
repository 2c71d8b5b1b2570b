/* catload.h - the catalog-load benchmark (see catload.c). */
#ifndef SG_BENCH_CATLOAD_H
#define SG_BENCH_CATLOAD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct catalog_load_result {
    size_t tables, bytes; /* the generated catalog */
    int rounds;           /* loads timed */
    double first_ms;      /* the first load of the process: fresh memory */
    double median_ms, min_ms, max_ms;
    long long allocs;     /* heap allocations of one load (-1: not counted) */
    long long peak_bytes; /* live heap bytes at the load's peak, the text excluded */
    long long kept_bytes; /* what the loaded catalog keeps */
} catalog_load_result;

/* Generates a catalog of `tables` tables (catgen.c), then loads it with
 * sg_catalog_load() `rounds` times, each load timed alone and the catalog
 * freed after it; checks each catalog (table count, a lookup) so that a
 * broken load cannot pass for a fast one. Exits the process on failure. */
catalog_load_result bench_catalog_load(size_t tables, int rounds);

#endif
