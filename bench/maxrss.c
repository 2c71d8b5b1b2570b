/*
 * maxrss.c - runs a command and prints its peak resident memory and CPU time.
 *
 * The kernel counts, in a process's peak resident size, the pages of the
 * process it was forked from (and keeps the highest across exec), so a
 * command started straight from a large process such as a Python
 * interpreter reports that process's size as its own floor. This program is
 * small: the command is forked from here, and wait4() gives its own peak.
 *
 *   sqlguard_maxrss OUT CMD [ARG...]
 *
 * writes CMD's standard output to OUT and prints, on standard output,
 * "MAXRSS_KIB USER_SECONDS SYSTEM_SECONDS WALL_SECONDS EXIT_STATUS".
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: sqlguard_maxrss OUT CMD [ARG...]\n", stderr);
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("sqlguard_maxrss: fork");
        return 2;
    }
    if (pid == 0) {
        int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
            perror("sqlguard_maxrss: output");
            _exit(127);
        }
        execvp(argv[2], argv + 2);
        perror("sqlguard_maxrss: exec");
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("sqlguard_maxrss: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%ld %.3f %.3f %.3f %d\n", ru.ru_maxrss, seconds(ru.ru_utime), seconds(ru.ru_stime),
           wall, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return 0;
}
