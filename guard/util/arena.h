/*
 * arena.h - the one allocator of sqlguard.
 *
 * Every check allocates from one arena that lives as long as its verdict and is
 * released in one call; there is no per-object free. All heap memory of the
 * library goes through sg__malloc()/sg__free() in arena.c (cJSON's and PCRE2's
 * too, where the library hands them its allocator), so a test can make any one
 * allocation fail and prove that every failure is handled cleanly.
 */
#ifndef SG_ARENA_H
#define SG_ARENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *sg__malloc(size_t size);
void *sg__realloc(void *ptr, size_t size);
void sg__free(void *ptr);

#ifdef SG_TESTING
/*
 * Test hooks, compiled only into the testing build of the library
 * (sqlguard_testing, built with SG_TESTING); the production library has none.
 *
 * sg__alloc_fail_at(k) restarts the calling thread's allocation count and makes
 * exactly its k-th allocation from now on fail (1-based; 0: none fails), as
 * curl's torture tests do. Heap calls and arena allocations both count (any
 * arena allocation may be the one that needs a new chunk), so an arena
 * allocation that takes a new chunk counts twice. sg__alloc_count() is the
 * number of allocations the calling thread attempted since then, the failed
 * one included: a run that attempted fewer than k never reached the failure.
 * sg__alloc_live() counts the heap blocks of every thread obtained through
 * sg__malloc()/sg__realloc() and not yet given to sg__free().
 */
void sg__alloc_fail_at(unsigned long k);
unsigned long sg__alloc_count(void);
long sg__alloc_live(void);
#endif

typedef struct sg__arena_chunk sg__arena_chunk;

typedef struct sg__arena {
    sg__arena_chunk *head;
    char *free; /* the room left in the head chunk: `room` bytes at `free` */
    size_t room;
} sg__arena;

/* What every arena allocation is aligned to (and a multiple of). */
#define SG__ARENA_ALIGN sizeof(max_align_t)

void sg__arena_init(sg__arena *arena);
void sg__arena_release(sg__arena *arena);

/* Aligned, zero-filled memory; NULL when the heap is exhausted. */
void *sg__arena_alloc(sg__arena *arena, size_t size);
/* The same, not zero-filled. The usual case (room left in the head chunk) is
 * inline; a new chunk, and in the testing build every allocation (any may be
 * made to fail), is sg__arena_alloc_chunk()'s. */
void *sg__arena_alloc_chunk(sg__arena *arena, size_t size);
static inline void *sg__arena_alloc_raw(sg__arena *arena, size_t size)
{
#ifndef SG_TESTING
    /* need is 0 for size 0 and when rounding up overflows: both go out of line */
    size_t need = (size + SG__ARENA_ALIGN - 1) & ~(size_t)(SG__ARENA_ALIGN - 1);
    if (need - 1 < arena->room) {
        void *p = arena->free;
        arena->free += need;
        arena->room -= need;
        return p;
    }
#endif
    return sg__arena_alloc_chunk(arena, size);
}
/* The bytes of the chunks `arena` holds (headers included). */
size_t sg__arena_bytes(const sg__arena *arena);
/* Whether `p` points into memory `arena` handed out. */
bool sg__arena_owns(const sg__arena *arena, const void *p);
/* Copies of strings; the _n form copies exactly `len` bytes and terminates. */
char *sg__arena_strdup(sg__arena *arena, const char *s);
char *sg__arena_strndup(sg__arena *arena, const char *s, size_t len);
/* printf into the arena; NULL on allocation failure. */
char *sg__arena_printf(sg__arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *sg__arena_vprintf(sg__arena *arena, const char *fmt, va_list ap);

/* A growable array of fixed-size elements living in an arena. */
typedef struct sg__vec {
    void *items;
    size_t count;
    size_t capacity;
} sg__vec;

/* Appends one zeroed element of `size` bytes and returns it; NULL on failure.
 * The common case (room left) is inline, so that the memset of a constant
 * size becomes a few stores; growing is out of line. */
void *sg__vec_push_grow(sg__arena *arena, sg__vec *vec, size_t size);
static inline void *sg__vec_push(sg__arena *arena, sg__vec *vec, size_t size)
{
    if (vec->count == vec->capacity)
        return sg__vec_push_grow(arena, vec, size);
    void *slot = (char *)vec->items + vec->count * size;
    __builtin_memset(slot, 0, size);
    vec->count++;
    return slot;
}

#define SG__VEC_AT(vec, type, i) (((type *)(vec).items)[i])

/* A growable, always NUL-terminated string in an arena, or (arena NULL) in
 * one block of its own from sg__realloc, which the owner then frees with
 * sg__free (or hands on: nothing is copied). After an allocation failure
 * `failed` is set and further appends do nothing. */
typedef struct sg__strbuf {
    sg__arena *arena;
    char *data;
    size_t len, cap;
    int failed;
} sg__strbuf;

#define SG__STRBUF_INIT(arena)                                                                     \
    {                                                                                              \
        (arena), NULL, 0, 0, 0                                                                     \
    }

/* Makes room for n more bytes (and the terminator); false once the buffer
 * has failed (a failed buffer keeps no room, so that the test for room is
 * the only test of the usual case). Appends within that room take no
 * allocation. The growing is out of line. */
bool sg__strbuf_grow(sg__strbuf *b, size_t n);
static inline bool sg__strbuf_reserve(sg__strbuf *b, size_t n)
{
    return b->cap - b->len > n || sg__strbuf_grow(b, n);
}
/* Appends n bytes; inline, so that an append of a constant length becomes a
 * few stores. */
static inline void sg__strbuf_put(sg__strbuf *b, const char *s, size_t n)
{
    if (!sg__strbuf_reserve(b, n))
        return;
    __builtin_memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}
void sg__strbuf_puts(sg__strbuf *b, const char *s);

#endif
