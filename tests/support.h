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

/* printf into a new string (malloc'd; the caller frees it); aborts when
 * memory runs out. */
char *sg_test_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The contract's seed operations, verbatim (JSON text). */
extern const char sg_test_seed_insert[];
extern const char sg_test_seed_select[];

/* A fresh empty temporary file (its path, malloc'd), or one holding `data`;
 * NULL on failure. sg_test_remove_temp() unlinks and frees. */
char *sg_test_temp_path(const char *what);
char *sg_test_temp_file(const char *data);
void sg_test_remove_temp(char *path);

#endif
