/*
 * exit.h - the exit codes of the sqlguard command line (contract section 6).
 */
#ifndef SG_CLI_EXIT_H
#define SG_CLI_EXIT_H

enum {
    EXIT_CLEAN = 0,    /* every operation allowed; lint: no error */
    EXIT_FINDINGS = 1, /* an operation denied; lint: an error or too many warnings */
    EXIT_TROUBLE = 2,  /* the command could not do its job */
    EXIT_REFUSED = 3,  /* exec: allowed, but the server refused the statement */
    EXIT_UNKNOWN = 4   /* exec: the connection was lost after COMMIT was sent */
};

#endif
