/*
 * regex.c - PCRE2's memory functions on the library's allocator.
 */
#include "util/regex.h"
#include "util/arena.h"

static void *regex_malloc(PCRE2_SIZE size, void *data)
{
    (void)data;
    return sg__malloc(size);
}

static void regex_free(void *ptr, void *data)
{
    (void)data;
    sg__free(ptr);
}

pcre2_general_context *sg__regex_context(void)
{
    return pcre2_general_context_create(regex_malloc, regex_free, NULL);
}
