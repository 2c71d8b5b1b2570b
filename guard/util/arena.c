/*
 * arena.c - heap wrapper and bump arena.
 *
 * This is the only file that calls malloc and free. Arenas hand out memory
 * from chunks that grow geometrically, the first one large enough for a
 * typical check, so a check costs one heap allocation however many facts it
 * records.
 */
#include "util/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef SG_TESTING
#include <stdatomic.h>

static _Thread_local unsigned long fail_at;  /* 0: no allocation fails */
static _Thread_local unsigned long attempts; /* since the last sg__alloc_fail_at() */
static atomic_long live;

void sg__alloc_fail_at(unsigned long k)
{
    fail_at = k;
    attempts = 0;
}

unsigned long sg__alloc_count(void)
{
    return attempts;
}

long sg__alloc_live(void)
{
    return atomic_load(&live);
}

static bool should_fail(void)
{
    return ++attempts == fail_at;
}

static void count_live(long delta)
{
    atomic_fetch_add(&live, delta);
}
#else
/* The production library: no hook, nothing counted. */
static bool should_fail(void)
{
    return false;
}

static void count_live(long delta)
{
    (void)delta;
}
#endif

void *sg__malloc(size_t size)
{
    if (should_fail())
        return NULL;
    void *p = malloc(size ? size : 1);
    if (p)
        count_live(1);
    return p;
}

void *sg__realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    void *p = realloc(ptr, size ? size : 1);
    if (p && !ptr)
        count_live(1);
    return p;
}

void sg__free(void *ptr)
{
    if (ptr)
        count_live(-1);
    free(ptr);
}

struct sg__arena_chunk {
    sg__arena_chunk *next;
    size_t size;
    max_align_t data[]; /* payload follows, aligned for any type */
};

/* A check of a bench operation allocates 7-14 KB (the seed's insert 10.7, the
 * analytical select 24): a first chunk of 16 KiB (header included) holds all
 * of a typical check, one heap allocation, and a larger check takes one more
 * chunk of twice the size. */
enum { ALIGN = SG__ARENA_ALIGN };
#define FIRST_CHUNK (16384 - sizeof(sg__arena_chunk))

void sg__arena_init(sg__arena *arena)
{
    arena->head = NULL;
    arena->free = NULL;
    arena->room = 0;
}

void sg__arena_release(sg__arena *arena)
{
    sg__arena_chunk *c = arena->head;
    while (c) {
        sg__arena_chunk *next = c->next;
        sg__free(c);
        c = next;
    }
    sg__arena_init(arena);
}

void *sg__arena_alloc(sg__arena *arena, size_t size)
{
    void *p = sg__arena_alloc_raw(arena, size);
    /* the padding too: a JIT-compiled PCRE2 match may read a few bytes past a
     * subject string's end, and memory checkers flag padding never written */
    if (p)
        memset(p, 0, (size + ALIGN - 1) & ~(size_t)(ALIGN - 1));
    return p;
}

size_t sg__arena_bytes(const sg__arena *arena)
{
    size_t n = 0;
    for (const sg__arena_chunk *c = arena->head; c; c = c->next)
        n += sizeof *c + c->size;
    return n;
}

bool sg__arena_owns(const sg__arena *arena, const void *p)
{
    uintptr_t at = (uintptr_t)p;
    for (const sg__arena_chunk *c = arena->head; c; c = c->next)
        if (at >= (uintptr_t)c->data && at < (uintptr_t)c->data + c->size)
            return true;
    return false;
}

void *sg__arena_alloc_chunk(sg__arena *arena, size_t size)
{
    /* In the testing build every arena allocation may fail, not only one that
     * needs a new chunk: which one does depends on sizes, so each must cope. */
    if (should_fail())
        return NULL;
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < size)
        return NULL;
    sg__arena_chunk *c = arena->head;
    if (!c || arena->room < need) {
        size_t cap = c ? c->size * 2 : FIRST_CHUNK;
        if (cap < need)
            cap = need;
        if (cap > SIZE_MAX - sizeof(sg__arena_chunk))
            return NULL;
        sg__arena_chunk *n = sg__malloc(sizeof(sg__arena_chunk) + cap);
        if (!n)
            return NULL;
        n->next = c;
        n->size = cap;
        arena->head = n;
        arena->free = (char *)n->data;
        arena->room = cap;
    }
    void *p = arena->free;
    arena->free += need;
    arena->room -= need;
    return p;
}

char *sg__arena_strndup(sg__arena *arena, const char *s, size_t len)
{
    if (len > SIZE_MAX - ALIGN)
        return NULL;
    char *d = sg__arena_alloc_raw(arena, len + 1);
    if (!d)
        return NULL;
    /* the padding after the terminator is zero, as sg__arena_alloc() leaves
     * it: the last aligned block is cleared, then the text copied over it */
    size_t need = (len + 1 + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    memset(d + need - ALIGN, 0, ALIGN);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *sg__arena_strdup(sg__arena *arena, const char *s)
{
    return sg__arena_strndup(arena, s, strlen(s));
}

char *sg__arena_vprintf(sg__arena *arena, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    char *d = sg__arena_alloc(arena, (size_t)n + 1);
    if (!d)
        return NULL;
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    return d;
}

char *sg__arena_printf(sg__arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *d = sg__arena_vprintf(arena, fmt, ap);
    va_end(ap);
    return d;
}

void *sg__vec_push_grow(sg__arena *arena, sg__vec *vec, size_t size)
{
    if (vec->count == vec->capacity) {
        size_t cap = vec->capacity ? vec->capacity * 2 : 8;
        if (cap > SIZE_MAX / size)
            return NULL;
        void *items = sg__arena_alloc_raw(arena, cap * size);
        if (!items)
            return NULL;
        if (vec->count)
            memcpy(items, vec->items, vec->count * size);
        vec->items = items;
        vec->capacity = cap;
    }
    void *slot = (char *)vec->items + vec->count * size;
    memset(slot, 0, size);
    vec->count++;
    return slot;
}

/* Marks the buffer failed; it keeps no room, so every later append comes
 * here and does nothing. */
static bool strbuf_fail(sg__strbuf *b)
{
    b->failed = 1;
    b->cap = b->len;
    return false;
}

bool sg__strbuf_grow(sg__strbuf *b, size_t n)
{
    if (b->failed)
        return false;
    if (b->cap - b->len > n)
        return true;
    if (n > SIZE_MAX / 4 - b->len)
        return strbuf_fail(b);
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    if (!b->arena) { /* a block of its own: grown in place where it can be */
        char *grown = sg__realloc(b->data, cap);
        if (!grown)
            return strbuf_fail(b);
        grown[b->len] = '\0'; /* always terminated, even before the first append */
        b->data = grown;
        b->cap = cap;
        return true;
    }
    /* not cleared: every byte up to len is written before it is read */
    char *d = sg__arena_alloc_raw(b->arena, cap);
    if (!d)
        return strbuf_fail(b);
    if (b->len)
        memcpy(d, b->data, b->len);
    d[b->len] = '\0';
    b->data = d;
    b->cap = cap;
    return true;
}

void sg__strbuf_puts(sg__strbuf *b, const char *s)
{
    sg__strbuf_put(b, s, strlen(s));
}
