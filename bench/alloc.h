/* alloc.h - per-thread heap counters of the benchmark (see alloc.c). */
#ifndef SG_BENCH_ALLOC_H
#define SG_BENCH_ALLOC_H

typedef struct bench_alloc_stats {
    long long calls; /* malloc, calloc, realloc and aligned allocations */
    long long frees; /* free of a non-NULL pointer */
    long long live;  /* bytes allocated and not yet freed since start */
    long long peak;  /* highest `live` since start (or the last reset) */
} bench_alloc_stats;

/* 1 when allocations are counted (not in sanitizer builds). */
int bench_alloc_available(void);
/* Zeroes the calling thread's counters and starts counting. */
void bench_alloc_start(void);
/* Stops counting on the calling thread and returns the counters. */
bench_alloc_stats bench_alloc_stop(void);
bench_alloc_stats bench_alloc_peek(void);
/* Sets the peak to the current live bytes. */
void bench_alloc_reset_peak(void);

#endif
