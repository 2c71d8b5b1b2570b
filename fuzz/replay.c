/*
 * replay.c - a plain driver for the fuzz targets, for builds without
 * libFuzzer (gcc, the normal build, ctest).
 *
 *     <target>_replay PATH...
 *
 * Every regular file under each PATH (directories are walked recursively, in
 * name order) is passed once to LLVMFuzzerTestOneInput. A PATH that does not
 * exist is skipped with a note, so a regressions directory may be absent; but
 * replaying no file at all is a failure. A violated property aborts.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Defined by every target; weak so a target may leave it out. */
extern int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static size_t g_files;

static int run_file(const char *path)
{
    char *buf = NULL;
    size_t n = 0;
    sg_error err;
    if (sg_read_file(path, (size_t)64 << 20, SG_READ_REGULAR, &buf, &n, &err) != SG_OK) {
        fprintf(stderr, "replay: %s\n", err.message);
        return -1;
    }
    /* An exact-size copy, so that ASan catches reads past the input's end. */
    unsigned char *exact = malloc(n ? n : 1);
    if (!exact) {
        sg_free(buf);
        return -1;
    }
    memcpy(exact, buf, n);
    sg_free(buf);
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    g_files++;
    return 0;
}

static int run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s does not exist, skipped\n", path);
        return 0;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    struct dirent **entries;
    int count = scandir(path, &entries, NULL, alphasort);
    if (count < 0) {
        fprintf(stderr, "replay: cannot read directory %s\n", path);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < count; i++) {
        const char *name = entries[i]->d_name;
        if (name[0] != '.' && rc == 0) {
            size_t len = strlen(path) + strlen(name) + 2;
            char *child = malloc(len);
            if (!child) {
                rc = -1;
            } else {
                snprintf(child, len, "%s/%s", path, name);
                rc = run_path(child);
                free(child);
            }
        }
        free(entries[i]);
    }
    free(entries);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++)
        if (run_path(argv[i]) != 0)
            return 1;
    if (g_files == 0) {
        fprintf(stderr, "replay: no input file found\n");
        return 1;
    }
    fprintf(stderr, "replay: %zu inputs, every property held\n", g_files);
    return 0;
}
