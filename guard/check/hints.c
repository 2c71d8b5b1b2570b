/*
 * hints.c - one-line hints for SQL written in another dialect.
 *
 * When PostgreSQL's parser refuses a statement, the text is matched against a
 * few patterns of MySQL and SQL Server habits (backtick identifiers, LIMIT
 * a, b, TOP n, AUTO_INCREMENT, ...) and the first that matches adds the
 * PostgreSQL form to the sql.syntax message. The patterns are PCRE2, compiled
 * once per process (interpreted, under a lock, on first need) and only read
 * afterwards; each match uses match data of its own from the library's
 * allocator, so threads share them safely and running out of memory is the
 * caller's SG_ENOMEM, never a message without its hint. A compile that ran
 * out of memory is tried again by the next caller. A hint never changes a
 * verdict: the statement is denied either way.
 *
 * The grammar is PostgreSQL 15's (libpg_query's). SQL that PostgreSQL 16 and
 * later accept but 15 refuses (a sub-select in FROM without an alias, 1_000,
 * 0x1F, the SQL/JSON constructors and JSON_TABLE, GRANT ... WITH INHERIT,
 * MERGE ... WHEN NOT MATCHED BY SOURCE and RETURNING, virtual generated
 * columns) gets a hint that says so; those patterns are tried first, some on
 * the parser's message rather than the text.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#include "check/hints.h"
#include "util/regex.h"

#define PG15 "; sqlguard's grammar is PostgreSQL 15's"

static const struct {
    const char *pattern;
    const char *hint;
    bool on_message;    /* matched against the parser's message, not the SQL */
    const char *in_sql; /* and this against the SQL, when not NULL */
} dialect[] = {
    {"^(subquery|VALUES) in FROM must have an alias$",
     "PostgreSQL 16 and later accept a sub-select or VALUES in FROM without an alias" PG15
     ": give it one (AS s)",
     true, NULL},
    /* only where the SQL holds such a number as PostgreSQL 16 reads it:
     * 1__000, 5_ and 0xZZ are no numbers in any version */
    {"^trailing junk after numeric literal at or near \"[0-9.eE+-]*_",
     "PostgreSQL 16 and later accept underscores in numbers (1_000)" PG15
     ": write the digits without them",
     true,
     "(?<![\\w.])(?=[0-9.eE+-]*\\d_\\d)\\d+(?:_\\d+)*(?:\\.(?:\\d+(?:_\\d+)*)?)?"
     "(?:[eE][-+]?\\d+(?:_\\d+)*)?(?![\\w.])"},
    {"^trailing junk after numeric literal at or near \"0[xXoObB]\"$",
     "PostgreSQL 16 and later accept hexadecimal, octal and binary integers (0x1F)" PG15
     ": write the number in decimal",
     true,
     "(?<![\\w.])0(?:[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|[oO][0-7]+(?:_[0-7]+)*|[bB][01]+(?:_[01]+)*"
     ")"
     "(?![\\w])"},
    {"(?i)\\bjson_(object|array|objectagg|arrayagg)\\s*\\(|\\bis\\s+(not\\s+)?json\\b",
     "PostgreSQL 16 and later have the SQL/JSON constructors and IS JSON" PG15
     ": write json_build_object, json_build_array, json_object_agg, json_agg, or a cast "
     "to json",
     false, NULL},
    /* a template's placeholders, which a tool fills in before PostgreSQL reads
     * the text */
    {"\\{\\{[^\\n]*?\\}\\}|\\{%[^\\n]*?%\\}",
     "the text holds a template's placeholder ({{ ... }} of Go templates, Jinja or dbt, {% ... "
     "%}), which its tool fills in before PostgreSQL reads the SQL: lint the rendered SQL, or "
     "leave the file out",
     false, NULL},
    {"(?<![\\w'%])%[A-Za-z_][A-Za-z0-9_]*%(?![\\w%])",
     "the text holds a query template's %name% placeholder (goyesql's raw queries), which its "
     "tool fills in before PostgreSQL reads the SQL: lint the rendered SQL, or leave the "
     "statement out",
     false, NULL},
    {"(?<![:\\w]):(?:(?:tuple|t|value|v|identifier|i|sql|snip)\\*?:[A-Za-z_][\\w-]*|"
     "[A-Za-z_]\\w*(?:-[A-Za-z]\\w*)+)",
     "the text holds a HugSQL parameter (:v*:ids, :tuple*:rows, :i:col, :snip:s, a hyphenated "
     ":name-like), which HugSQL expands before PostgreSQL reads the SQL: lint the rendered SQL, "
     "or leave the statement out",
     false, NULL},
    /* a placeholder after an operator or keyword, before the statement's end,
     * a separator or a keyword: never jsonb's `?`, `?|` or `?&` */
    {"(?i)(?:[=<>(,]|\\b(?:like|ilike|limit|offset|in|values|then|else|when|and|or|set|by|is|"
     "not)\\b)\\s*\\?(?=\\s*(?:[),;]|\\z|\\b(?:and|or|order|group|limit|offset|then|else|"
     "end|from|where|returning)\\b))",
     "the text holds a ? placeholder (JDBC, ODBC, yesql), which the driver replaces before "
     "PostgreSQL reads the SQL; PostgreSQL's own are $1, $2, ...: lint the SQL as the driver "
     "sends it, or leave the statement out",
     false, NULL},
    {"`", "PostgreSQL quotes identifiers with double quotes, not backticks", false, NULL},
    {"(?i)\\blimit\\s+(\\d+|\\$\\d+)\\s*,\\s*(\\d+|\\$\\d+)",
     "PostgreSQL writes LIMIT count OFFSET skip, not LIMIT skip, count", false, NULL},
    {"(?i)\\bselect\\s+(distinct\\s+)?top\\s*\\(?\\s*(\\d+|\\$\\d+)",
     "PostgreSQL writes SELECT ... LIMIT n (or FETCH FIRST n ROWS ONLY), not TOP n", false, NULL},
    {"(?i)\\bauto_increment\\b",
     "PostgreSQL writes GENERATED ALWAYS AS IDENTITY (or serial), not AUTO_INCREMENT", false, NULL},
    /* after a keyword or a separator, never a subscript (which follows an expression) */
    {"(?i)(?:(?:^|[,(=<>])\\s*|\\b(?:select|from|join|by|where|and|or|on|into|update|set)"
     "\\s+)\\[[a-z_][a-z0-9_ ]*\\]",
     "PostgreSQL quotes identifiers with double quotes, not square brackets", false, NULL},
    {"(?i)\\bon\\s+duplicate\\s+key\\s+update\\b",
     "PostgreSQL writes INSERT ... ON CONFLICT (...) DO UPDATE, not ON DUPLICATE KEY UPDATE", false,
     NULL},
    {"(?i)\\bunsigned\\b", "PostgreSQL has no unsigned integer types", false, NULL},
    /* later PostgreSQL's statements, after the other dialects' habits, whose
     * hints are surer */
    {"(?i)\\bgrant\\b[\\s\\S]*\\bwith\\b[\\s\\S]*\\b(?:(?:inherit|set)\\s+(?:true|false|option)|"
     "admin\\s+(?:true|false))\\b",
     "PostgreSQL 16 and later accept GRANT role ... WITH INHERIT, SET or ADMIN TRUE/FALSE "
     "(pg_dumpall 16 writes it for every membership)" PG15 ": grant the role without them",
     false, NULL},
    {"(?i)\\bwhen\\s+not\\s+matched\\s+by\\s+(?:source|target)\\b",
     "PostgreSQL 17 and later accept MERGE ... WHEN NOT MATCHED BY SOURCE" PG15, false, NULL},
    {"(?i)^\\s*(?:with\\b[\\s\\S]*)?\\bmerge\\s+into\\b[\\s\\S]*\\breturning\\b",
     "PostgreSQL 17 and later accept MERGE ... RETURNING" PG15, false, NULL},
    {"(?i)\\bjson_table\\s*\\([\\s\\S]*\\bcolumns\\s*\\(",
     "PostgreSQL 17 and later have JSON_TABLE" PG15
     ": write jsonb_to_recordset or jsonb_path_query in FROM",
     false, NULL},
    {"(?i)\\balter\\s+column\\s+\\S+\\s+set\\s+expression\\b",
     "PostgreSQL 17 and later accept ALTER COLUMN ... SET EXPRESSION" PG15, false, NULL},
    {"(?i)\\bgenerated\\s+always\\s+as\\s*\\([\\s\\S]*\\)\\s*virtual\\b|\\bnot\\s+enforced\\b|"
     "\\bwithout\\s+overlaps\\b",
     "PostgreSQL 18 accepts virtual generated columns, NOT ENFORCED constraints and WITHOUT "
     "OVERLAPS" PG15,
     false, NULL},
};

enum { DIALECT_COUNT = sizeof dialect / sizeof dialect[0] };

static pcre2_code *compiled[DIALECT_COUNT], *compiled_sql[DIALECT_COUNT];
static atomic_bool ready; /* every pattern compiled: read-only from here */
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

/* Compiles what is not compiled yet; 0, or -1 when memory ran out. The
 * patterns are fixed and valid, so only memory can make a compile fail. */
static int compile_all(void)
{
    pthread_mutex_lock(&compile_lock);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < DIALECT_COUNT; i++) {
        int err;
        PCRE2_SIZE at;
        /* No JIT: hints run only on SQL that failed to parse, where speed does
         * not matter, and JIT code scans ahead in 16-byte blocks past the end
         * of the subject, which memory checkers rightly flag on a heap string. */
        if (!compiled[i] &&
            !(compiled[i] = pcre2_compile((PCRE2_SPTR)dialect[i].pattern, PCRE2_ZERO_TERMINATED,
                                          PCRE2_UTF, &err, &at, NULL)))
            rc = -1;
        if (rc == 0 && dialect[i].in_sql && !compiled_sql[i] &&
            !(compiled_sql[i] = pcre2_compile((PCRE2_SPTR)dialect[i].in_sql, PCRE2_ZERO_TERMINATED,
                                              PCRE2_UTF, &err, &at, NULL)))
            rc = -1;
    }
    if (rc == 0)
        atomic_store_explicit(&ready, true, memory_order_release);
    pthread_mutex_unlock(&compile_lock);
    return rc;
}

int sg__dialect_hint(const char *sql, size_t len, const char *message, const char **hint)
{
    *hint = NULL;
    if (!atomic_load_explicit(&ready, memory_order_acquire) && compile_all() < 0)
        return -1;
    /* this call's match data, from the library's allocator */
    pcre2_general_context *gc = sg__regex_context();
    if (!gc)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && !*hint && i < DIALECT_COUNT; i++) {
        const char *subject = dialect[i].on_message ? message : sql;
        size_t subject_len = dialect[i].on_message ? strlen(message) : len;
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(compiled[i], gc);
        int m = md ? pcre2_match(compiled[i], (PCRE2_SPTR)subject, subject_len, 0, 0, md, NULL)
                   : PCRE2_ERROR_NOMEMORY;
        pcre2_match_data_free(md);
        if (m >= 0 && compiled_sql[i]) {
            md = pcre2_match_data_create_from_pattern(compiled_sql[i], gc);
            m = md ? pcre2_match(compiled_sql[i], (PCRE2_SPTR)sql, len, 0, 0, md, NULL)
                   : PCRE2_ERROR_NOMEMORY;
            pcre2_match_data_free(md);
        }
        if (m == PCRE2_ERROR_NOMEMORY)
            rc = -1;
        else if (m >= 0)
            *hint = dialect[i].hint;
    }
    pcre2_general_context_free(gc);
    return rc;
}

static const struct {
    const char *name;
    const char *hint;
} functions[] = {
    {"charindex", "PostgreSQL has strpos(string, substring) or position(substring IN string)"},
    {"datediff", "PostgreSQL subtracts dates (or uses age()) instead of datediff"},
    {"getdate", "PostgreSQL has now() or CURRENT_TIMESTAMP"},
    {"group_concat", "PostgreSQL has string_agg(expression, delimiter)"},
    {"ifnull", "PostgreSQL has coalesce(a, b)"},
    {"isnull", "PostgreSQL has coalesce(a, b), or x IS NULL"},
    {"len", "PostgreSQL has length(string)"},
    {"nvl", "PostgreSQL has coalesce(a, b)"},
    {"sysdate", "PostgreSQL has now() or CURRENT_TIMESTAMP"},
};

const char *sg__function_hint(const char *name)
{
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (strcmp(functions[i].name, name) == 0)
            return functions[i].hint;
    return NULL;
}
