/*
 * file.c - the one way the library and the command line read a whole file.
 *
 * The file is read with a byte bound: a larger file is refused after reading
 * at most one byte more than the bound, whatever its stat() size says, so a
 * file that grows while it is read or a pipe that never ends cannot grow the
 * process. Opening never blocks (O_NONBLOCK, cleared once the file is known),
 * so a FIFO met in a tree walk is refused rather than waited on when only
 * regular files are asked for.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sqlguard.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/file.h"

static int io_error(sg_error *err, const char *path, int errnum)
{
    return sg__set_error(err, SG_EIO, "%s: cannot be read: %s", path, strerror(errnum));
}

/* Reads up to `limit` + 1 bytes of `fd` into a buffer grown from `hint`. */
static int read_bounded(int fd, const char *path, size_t limit, size_t hint, char **out,
                        size_t *len, sg_error *err)
{
    size_t cap = hint < limit ? hint : limit;
    cap = cap < 4096 ? 4096 : cap;
    if (cap > limit + 1)
        cap = limit + 1;
    char *buf = sg__malloc(cap + 1);
    size_t n = 0;
    while (buf) {
        if (n == cap) {
            if (n > limit)
                break;
            size_t bigger_cap = cap > limit / 2 ? limit + 1 : cap * 2;
            char *bigger = sg__realloc(buf, bigger_cap + 1);
            if (!bigger) {
                sg__free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap = bigger_cap;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            sg__free(buf);
            return io_error(err, path, e);
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (!buf)
        return sg__set_error(err, SG_ENOMEM, "%s: out of memory reading the file", path);
    if (n > limit) {
        sg__free(buf);
        return sg__set_error(err, SG_ETOOBIG, "%s: is over the limit of %zu bytes", path, limit);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return SG_OK;
}

int sg__open_regular(const char *path, size_t max_bytes, int *fd, size_t *size, sg_error *err)
{
    *fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (*fd < 0)
        return io_error(err, path, errno);
    struct stat st;
    int rc = SG_OK;
    if (fstat(*fd, &st) != 0)
        rc = io_error(err, path, errno);
    else if (S_ISDIR(st.st_mode))
        rc = sg__set_error(err, SG_EIO, "%s: is a directory", path);
    else if (!S_ISREG(st.st_mode))
        rc = sg__set_error(err, SG_EIO, "%s: is not a regular file", path);
    else if ((unsigned long long)st.st_size > max_bytes)
        rc = sg__set_error(err, SG_ETOOBIG, "%s: is %lld bytes, over the limit of %zu bytes", path,
                           (long long)st.st_size, max_bytes);
    if (rc != SG_OK) {
        close(*fd);
        *fd = -1;
        return rc;
    }
    *size = (size_t)st.st_size;
    return SG_OK;
}

int sg_read_file(const char *path, size_t max_bytes, unsigned flags, char **out, size_t *len,
                 sg_error *err)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!path || !out || !len)
        return sg__set_error(err, SG_EINVAL, "sg_read_file: path, out and len are required");
    bool stdin_path = strcmp(path, "-") == 0 && !(flags & SG_READ_REGULAR);
    int fd = stdin_path ? STDIN_FILENO : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, path, errno);
    struct stat st;
    int rc;
    if (fstat(fd, &st) != 0) {
        rc = io_error(err, path, errno);
    } else if (S_ISDIR(st.st_mode)) {
        rc = sg__set_error(err, SG_EIO, "%s: is a directory", path);
    } else if ((flags & SG_READ_REGULAR) && !S_ISREG(st.st_mode)) {
        rc = sg__set_error(err, SG_EIO, "%s: is not a regular file", path);
    } else if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_bytes) {
        rc = sg__set_error(err, SG_ETOOBIG, "%s: is %lld bytes, over the limit of %zu bytes", path,
                           (long long)st.st_size, max_bytes);
    } else {
        if (!stdin_path) {
            int fl = fcntl(fd, F_GETFL);
            if (fl >= 0)
                (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
        }
        size_t hint = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 1 << 16;
        rc = read_bounded(fd, path, max_bytes, hint, out, len, err);
    }
    if (!stdin_path)
        close(fd);
    return rc;
}
