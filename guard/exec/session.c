/*
 * session.c - the session setup every checked statement runs under.
 *
 * The compiled SQL names every relation with the schema the guard resolved it
 * to, so the statement runs under search_path = pg_catalog, pg_temp: the
 * functions, operators and types it names resolve only in pg_catalog, where
 * the guard judged them (PostgreSQL never searches pg_temp for functions or
 * operators, and pg_temp last shadows nothing). The executor must set exactly
 * that, in a transaction of the statement's own, with the operation's
 * statement timeout, standard_conforming_strings on (as the guard's parser
 * reads literals), the input and output styles of dates, intervals, floats
 * and bytea at PostgreSQL's defaults, read only for selects, and under the
 * configured role. The libpq executor sends
 * these statements and the dryrun executor shows them; both get them from here, so `--dry-run`
 * shows what would be sent. Identifiers are quoted here, without a connection.
 */
#include <stdio.h>
#include <string.h>

#include "exec/session.h"
#include "resolve/pin.h"
#include "util/error.h"
#include "util/text.h"

enum { NAMEDATALEN_MAX = 63 };

int sg__quote_identifier(sg__arena *arena, const char *what, const char *name, const char **out,
                         sg_error *err)
{
    *out = NULL;
    size_t len = name ? strlen(name) : 0;
    if (len == 0)
        return sg__set_error(err, SG_EINVAL, "%s: an identifier must not be empty", what);
    if (len > NAMEDATALEN_MAX)
        return sg__set_error(err, SG_EINVAL,
                             "%s: \"%s\" is longer than PostgreSQL's 63-byte identifiers", what,
                             name);
    if (!sg__utf8_valid(name, len, NULL))
        return sg__set_error(err, SG_EINVAL, "%s: the identifier is not valid UTF-8", what);
    sg__strbuf b = SG__STRBUF_INIT(arena);
    sg__strbuf_put_identifier(&b, name);
    if (b.failed)
        return sg__set_error(err, SG_ENOMEM, "%s", "out of memory");
    *out = b.data;
    return SG_OK;
}

int sg__session_check_role(const char *role, sg_error *err)
{
    if (!role)
        return SG_OK;
    sg__arena scratch;
    sg__arena_init(&scratch);
    const char *quoted;
    int rc = sg__quote_identifier(&scratch, "role", role, &quoted, err);
    sg__arena_release(&scratch);
    return rc;
}

int sg__session_setup_build(sg__arena *arena, const sg_statement *stmt, const char *role,
                            sg__session_setup *out, sg_error *err)
{
    memset(out, 0, sizeof *out);
    const char *quoted_role = NULL;
    int rc = role ? sg__quote_identifier(arena, "role", role, &quoted_role, err) : SG_OK;
    if (rc != SG_OK)
        return rc;
    bool read_only = stmt->operation && strcmp(stmt->operation, "select") == 0;
    const char **s = out->statement;
    s[out->count++] = read_only ? "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY"
                                : "BEGIN ISOLATION LEVEL READ COMMITTED";
    s[out->count++] = "SET LOCAL search_path TO " SG__PINNED_SEARCH_PATH;
    s[out->count++] =
        sg__arena_printf(arena, "SET LOCAL statement_timeout = %lld", stmt->statement_timeout_ms);
    /* the server must read string literals as the guard's parser did: with
     * standard_conforming_strings off (a database or role may set it), a
     * backslash in '...' escapes the quote, and a literal the guard saw
     * would end elsewhere and let text it took for a string run as SQL */
    s[out->count++] = "SET LOCAL standard_conforming_strings = on";
    /* values in and out mean one thing whatever a database or role sets:
     * dates read month first and print in ISO form, intervals and floats
     * print as PostgreSQL's defaults do (extra_float_digits below 1 rounds
     * 9007199254740992 to 9e+15), bytea in hex */
    s[out->count++] = "SET LOCAL DateStyle = ISO, MDY";
    s[out->count++] = "SET LOCAL IntervalStyle = postgres";
    s[out->count++] = "SET LOCAL extra_float_digits = 1";
    s[out->count++] = "SET LOCAL bytea_output = hex";
    if (quoted_role)
        s[out->count++] = sg__arena_printf(arena, "SET LOCAL ROLE %s", quoted_role);
    sg__strbuf text = SG__STRBUF_INIT(arena);
    for (size_t i = 0; i < out->count; i++) {
        if (!s[i])
            return sg__set_error(err, SG_ENOMEM, "%s", "out of memory");
        if (i)
            sg__strbuf_put(&text, "; ", 2);
        sg__strbuf_puts(&text, s[i]);
    }
    if (text.failed)
        return sg__set_error(err, SG_ENOMEM, "%s", "out of memory");
    out->text = text.data;
    return SG_OK;
}

void sg__session_refused(sg_exec_outcome *out, const sg_error *err)
{
    out->ok = false;
    snprintf(out->message, sizeof out->message, "cannot start the transaction: %.400s",
             err->message);
}
