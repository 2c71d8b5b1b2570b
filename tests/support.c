/*
 * support.c - small helpers the test binaries share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

char *sg_test_slurp(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

char *sg_test_state_value(const char *text, const char *key)
{
    size_t klen = strlen(key);
    for (const char *line = text; line && *line;) {
        if (strncmp(line, key, klen) == 0 && line[klen] == '=' && line[klen + 1] == '\'') {
            const char *v = line + klen + 2;
            const char *end = strchr(v, '\'');
            return end ? strndup(v, (size_t)(end - v)) : NULL;
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return NULL;
}
