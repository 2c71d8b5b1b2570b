/*
 * support.h - small helpers the test binaries share.
 */
#ifndef SG_TEST_SUPPORT_H
#define SG_TEST_SUPPORT_H

#include <stddef.h>

/* The whole file, NUL-terminated (malloc'd; the caller frees it), with its
 * length in *len when len is not NULL; NULL when the file cannot be read. */
char *sg_test_slurp(const char *path, size_t *len);

/* The value of KEY='value' in a state file of tests/pg/cluster.sh (malloc'd),
 * or NULL when the key is absent. */
char *sg_test_state_value(const char *text, const char *key);

#endif
