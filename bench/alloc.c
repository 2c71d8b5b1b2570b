/*
 * alloc.c - counts heap allocations of the calling thread, for the benchmark.
 *
 * The benchmark executable defines malloc, calloc, realloc, free and the
 * aligned allocators itself and forwards each to glibc's allocator
 * (__libc_malloc and friends). Definitions in the executable take precedence
 * over the C library's for every shared object too, so this sees the
 * allocations of sqlguard, cJSON, PCRE2 and libpg_query alike, which a linker
 * --wrap=malloc would not (it only rewrites references in objects linked
 * statically into the executable).
 *
 * Counting is off until bench_alloc_start() on a thread; it is thread-local,
 * so the throughput threads never touch shared counters. Live bytes are the
 * usable sizes of the blocks (malloc_usable_size), without glibc's chunk
 * headers. Under the sanitizers (which bring their own allocator) nothing is
 * interposed and bench_alloc_available() says so.
 */
#include <malloc.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

typedef struct counters {
    int on;
    long long calls, frees, live, peak;
} counters;

static _Thread_local counters t;

#ifndef SG_BENCH_NO_INTERPOSE

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void *__libc_memalign(size_t align, size_t size);
extern void __libc_free(void *ptr);

static void note_alloc(void *p)
{
    t.calls++;
    if (p) {
        t.live += (long long)malloc_usable_size(p);
        if (t.live > t.peak)
            t.peak = t.live;
    }
}

void *malloc(size_t size)
{
    void *p = __libc_malloc(size);
    if (t.on)
        note_alloc(p);
    return p;
}

void *calloc(size_t n, size_t size)
{
    void *p = __libc_calloc(n, size);
    if (t.on)
        note_alloc(p);
    return p;
}

void *realloc(void *ptr, size_t size)
{
    if (!t.on)
        return __libc_realloc(ptr, size);
    long long before = ptr ? (long long)malloc_usable_size(ptr) : 0;
    void *p = __libc_realloc(ptr, size);
    if (p || size == 0) {
        t.live -= before;
        if (ptr && size == 0 && !p)
            t.frees++;
    }
    note_alloc(p);
    return p;
}

void free(void *ptr)
{
    if (t.on && ptr) {
        t.frees++;
        t.live -= (long long)malloc_usable_size(ptr);
    }
    __libc_free(ptr);
}

void *memalign(size_t align, size_t size)
{
    void *p = __libc_memalign(align, size);
    if (t.on)
        note_alloc(p);
    return p;
}

void *aligned_alloc(size_t align, size_t size)
{
    return memalign(align, size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    if (align < sizeof(void *) || (align & (align - 1)) != 0)
        return 22; /* EINVAL */
    void *p = memalign(align, size);
    if (!p)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}

int bench_alloc_available(void)
{
    return 1;
}

#else

int bench_alloc_available(void)
{
    return 0;
}

#endif

void bench_alloc_start(void)
{
    memset(&t, 0, sizeof t);
    t.on = 1;
}

bench_alloc_stats bench_alloc_stop(void)
{
    t.on = 0;
    bench_alloc_stats s = {t.calls, t.frees, t.live, t.peak};
    return s;
}

bench_alloc_stats bench_alloc_peek(void)
{
    bench_alloc_stats s = {t.calls, t.frees, t.live, t.peak};
    return s;
}

void bench_alloc_reset_peak(void)
{
    t.peak = t.live;
}
