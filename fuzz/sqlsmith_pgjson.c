/*
 * sqlsmith_pgjson.c - libpg_query for the SQLsmith campaign (fuzz/sqlsmith_campaign.py),
 * which has no PostgreSQL parser of its own. It never calls sqlguard: the campaign's
 * static cross-check must stay independent of the guard's walker.
 *
 *   sqlsmith_pgjson split   stdin: SQL text holding any number of statements (SQLsmith's
 *                           --dry-run output); stdout: one JSON string per statement, one
 *                           a line, in order. libpg_query's parser splits; where the text
 *                           does not parse, its scanner does.
 *   sqlsmith_pgjson parse   stdin: one JSON string (a statement) a line; stdout: one line
 *                           each, in order: libpg_query's parse tree as JSON
 *                           (pg_query_parse), or {"error": "..."} when it does not parse.
 *
 * Output is flushed after each line of `parse`, so the campaign can keep one process
 * and talk to it line by line.
 */
#include <cjson/cJSON.h>
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *msg)
{
    fprintf(stderr, "sqlsmith_pgjson: %s\n", msg);
    exit(2);
}

/* The whole of stdin as a NUL-terminated string. */
static char *read_all(size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        die("out of memory");
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            char *more = realloc(buf, cap);
            if (!more)
                die("out of memory");
            buf = more;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, stdin);
        if (got == 0)
            break;
        n += got;
    }
    if (ferror(stdin))
        die("cannot read standard input");
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Writes s[0..n) as one JSON string. */
static void put_json_string(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            putchar('\\');
            putchar(c);
        } else if (c == '\n') {
            fputs("\\n", stdout);
        } else if (c == '\r') {
            fputs("\\r", stdout);
        } else if (c == '\t') {
            fputs("\\t", stdout);
        } else if (c < 0x20) {
            printf("\\u%04x", c);
        } else {
            putchar(c); /* UTF-8 passes through; the campaign reads it as UTF-8 */
        }
    }
    putchar('"');
}

static int split(void)
{
    size_t len;
    char *text = read_all(&len);
    if (strlen(text) != len)
        die("the input holds a NUL byte");
    PgQuerySplitResult r = pg_query_split_with_parser(text);
    if (r.error) {
        pg_query_free_split_result(r);
        r = pg_query_split_with_scanner(text);
        if (r.error) {
            fprintf(stderr, "sqlsmith_pgjson: cannot split: %s\n", r.error->message);
            pg_query_free_split_result(r);
            free(text);
            return 1;
        }
    }
    for (int i = 0; i < r.n_stmts; i++) {
        const char *s = text + r.stmts[i]->stmt_location;
        size_t n = (size_t)r.stmts[i]->stmt_len;
        if (n == 0) /* the last statement runs to the end of the text */
            n = len - (size_t)r.stmts[i]->stmt_location;
        while (n > 0 && strchr(" \t\r\n;", s[0])) {
            s++;
            n--;
        }
        while (n > 0 && strchr(" \t\r\n;", s[n - 1]))
            n--;
        if (n == 0)
            continue;
        put_json_string(s, n);
        putchar('\n');
    }
    pg_query_free_split_result(r);
    free(text);
    return fflush(stdout) == 0 ? 0 : 2;
}

static int parse(void)
{
    size_t cap = 1 << 16;
    char *line = malloc(cap);
    if (!line)
        die("out of memory");
    for (;;) {
        /* one line of any length */
        size_t n = 0;
        int c;
        while ((c = getchar()) != EOF && c != '\n') {
            if (n + 1 >= cap) {
                cap *= 2;
                char *more = realloc(line, cap);
                if (!more)
                    die("out of memory");
                line = more;
            }
            line[n++] = (char)c;
        }
        if (n == 0 && c == EOF)
            break;
        line[n] = '\0';
        cJSON *v = cJSON_ParseWithLength(line, n);
        if (!cJSON_IsString(v)) {
            fputs("{\"error\":\"the line is not a JSON string\"}\n", stdout);
        } else {
            PgQueryParseResult r = pg_query_parse(v->valuestring);
            if (r.error) {
                fputs("{\"error\":", stdout);
                put_json_string(r.error->message, strlen(r.error->message));
                fputs("}\n", stdout);
            } else {
                /* JSON whitespace only: a raw newline never occurs inside its strings */
                for (char *p = r.parse_tree; *p; p++)
                    if (*p == '\n' || *p == '\r')
                        *p = ' ';
                fputs(r.parse_tree, stdout);
                putchar('\n');
            }
            pg_query_free_parse_result(r);
        }
        cJSON_Delete(v);
        if (fflush(stdout) != 0)
            die("cannot write standard output");
        if (c == EOF)
            break;
    }
    free(line);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "split") == 0)
        return split();
    if (argc == 2 && strcmp(argv[1], "parse") == 0)
        return parse();
    fputs("usage: sqlsmith_pgjson split|parse < input\n", stderr);
    return 2;
}
