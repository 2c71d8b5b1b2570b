/*
 * jsonalloc.c - cJSON's trees allocated from an arena, and the window that watches them.
 *
 * cJSON allocates every node and every string of its tree from the heap, and
 * cJSON_Delete() gives them back one by one: for the seed's insert that is
 * about 90 heap calls, some 12 % of a check's instructions. cJSON has one
 * allocator for the whole process (cJSON_InitHooks), no per-call one, so
 * this module installs hooks that serve a thread's allocations from an arena
 * while that thread is inside a "window" (loading JSON text, jsonload.c;
 * writing a verdict's JSON) and from the heap everywhere else. The tree then
 * lives in an arena (the verdict's, or a load's scratch) and goes with it,
 * without cJSON_Delete. The window also records an allocation that failed:
 * that is how a load tells cJSON running out of memory from bad text.
 *
 * Because the hooks are process-wide, installing them is the embedding
 * program's decision (sg_json_allocator_install()): it must not be done where
 * something else in the process installs cJSON hooks of its own. Without the
 * hooks every window is a no-op and cJSON uses the heap as before.
 */
#include <pthread.h>
#include <stdatomic.h>

#include <cjson/cJSON.h>

#include "sqlguard.h"
#include "util/json.h"

static _Thread_local sg__json_window *current;
static atomic_bool installed;

static void *hook_malloc(size_t size)
{
    sg__json_window *w = current;
    if (!w)
        return sg__malloc(size);
    void *p = sg__arena_alloc_raw(w->arena, size ? size : 1);
    if (!p)
        w->failed = true;
    return p;
}

static void hook_free(void *p)
{
    /* Inside a window cJSON frees only what it just took from the arena (a
     * tree it abandons on a syntax error); that memory goes with the arena. */
    sg__json_window *w = current;
    if (w && sg__arena_owns(w->arena, p))
        return;
    sg__free(p);
}

static void install(void)
{
    cJSON_Hooks hooks = {hook_malloc, hook_free};
    cJSON_InitHooks(&hooks);
    atomic_store(&installed, true);
}

int sg_json_allocator_install(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    return pthread_once(&once, install) == 0 ? SG_OK : SG_EINVAL;
}

void sg__json_window_open(sg__json_window *w, sg__arena *arena)
{
    w->arena = arena;
    w->failed = false;
    w->active = atomic_load_explicit(&installed, memory_order_acquire);
    w->outer = current;
    if (w->active)
        current = w;
}

void sg__json_window_close(sg__json_window *w)
{
    if (w->active)
        current = w->outer;
}

bool sg__json_window_holds(const sg__json_window *w, const cJSON *root)
{
    /* hooks another component installed after ours would have served the
     * tree from elsewhere: then it still needs cJSON_Delete */
    return w->active && root && sg__arena_owns(w->arena, root);
}
