/*
 * file.h - the reader's checks on a file, for callers that read it in parts.
 */
#ifndef SG_UTIL_FILE_H
#define SG_UTIL_FILE_H

#include <stddef.h>

#include "sqlguard.h"

/*
 * Opens `path` for reading the way sg_read_file() with SG_READ_REGULAR does
 * (never blocking on a FIFO): SG_EIO (with *err "PATH: why") for a path that
 * cannot be opened, a directory or anything but a regular file, SG_ETOOBIG
 * for one over `max_bytes`. On SG_OK *fd is open (the caller closes it) and
 * *size is the file's size.
 */
int sg__open_regular(const char *path, size_t max_bytes, int *fd, size_t *size, sg_error *err);

#endif
