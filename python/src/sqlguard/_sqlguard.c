/*
 * _sqlguard.c - the CPython extension module under the sqlguard package.
 *
 * Thin and typed: the handles of sqlguard.h (catalog, policy, verdict) as
 * Python objects, each check and lint run with the GIL released so that
 * threads sharing one catalog check in parallel, and every negative SG_E*
 * code raised as a subclass of sqlguard.Error. The Pythonic surface (dicts
 * in, keyword arguments, the pytest helper) lives in the package's Python
 * files on top of this.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include <sqlguard.h>

/* ---- exceptions -------------------------------------------------------------------------- */

/* sqlguard.Error and one subclass per SG_E* code, indexed by -code. */
#define SG_CODE_SLOTS 16
static PyObject *error_base;
static PyObject *error_by_code[SG_CODE_SLOTS];
static PyObject *json_loads;
static PyObject *decimal_type; /* decimal.Decimal */
static PyObject *loads_kwargs; /* {"parse_float": exact_float} */

/* Raises the exception class of `code` with `message` (or the code's own
 * text), its .code and .name set; returns NULL for the caller to return. */
static PyObject *raise_code(int code, const char *message)
{
    PyObject *cls = code < 0 && -code < SG_CODE_SLOTS && error_by_code[-code] ? error_by_code[-code]
                                                                              : error_base;
    const char *text = message && *message ? message : sg_strerror(code);
    /* a message may name a file whose name is not UTF-8: its bytes come
     * back as os.fsdecode() gives them (surrogate escapes), never as a
     * UnicodeDecodeError in place of the error */
    PyObject *pytext = PyUnicode_DecodeUTF8(text, (Py_ssize_t)strlen(text), "surrogateescape");
    if (!pytext)
        return NULL;
    PyObject *exc = PyObject_CallOneArg(cls, pytext);
    Py_DECREF(pytext);
    if (!exc)
        return NULL;
    PyObject *pycode = PyLong_FromLong(code);
    PyObject *pyname = PyUnicode_FromString(sg_err_name(code));
    if (pycode && pyname && PyObject_SetAttrString(exc, "code", pycode) == 0 &&
        PyObject_SetAttrString(exc, "name", pyname) == 0)
        PyErr_SetObject(cls, exc);
    Py_XDECREF(pycode);
    Py_XDECREF(pyname);
    Py_DECREF(exc);
    return NULL;
}

static PyObject *raise_error(const sg_error *err, int code)
{
    return raise_code(code, err->code == code ? err->message : NULL);
}

/* Wrong Python types are SG_EINVAL too: InvalidArgumentError is a TypeError. */
static PyObject *raise_invalid(const char *message)
{
    return raise_code(SG_EINVAL, message);
}

/* ---- text arguments ---------------------------------------------------------------------- */

/* The bytes of a str (UTF-8) or bytes argument, borrowed from `obj`, which
 * the caller keeps alive (both are immutable, so the bytes stay put while
 * the GIL is released). */
static int text_of(PyObject *obj, const char *what, const char **buf, Py_ssize_t *len)
{
    if (PyUnicode_Check(obj)) {
        *buf = PyUnicode_AsUTF8AndSize(obj, len);
        if (!*buf) {
            /* a lone surrogate: no UTF-8 text to judge */
            PyErr_Clear();
            char message[120];
            PyOS_snprintf(message, sizeof message, "%s is not encodable as UTF-8", what);
            raise_invalid(message);
            return -1;
        }
        return 0;
    }
    if (PyBytes_Check(obj)) {
        char *b;
        if (PyBytes_AsStringAndSize(obj, &b, len) < 0)
            return -1;
        *buf = b;
        return 0;
    }
    char message[200];
    PyOS_snprintf(message, sizeof message, "%s must be str or bytes, not %.80s", what,
                  Py_TYPE(obj)->tp_name);
    raise_invalid(message);
    return -1;
}

/* A filesystem path (str, bytes or os.PathLike) as a bytes object. */
static PyObject *path_of(PyObject *obj)
{
    PyObject *bytes = NULL;
    if (!PyUnicode_FSConverter(obj, &bytes)) {
        /* ValueError for a NUL byte, TypeError for anything but a path */
        int nul = PyErr_ExceptionMatches(PyExc_ValueError);
        PyErr_Clear();
        return raise_invalid(nul ? "path contains a NUL byte"
                                 : "path must be str, bytes or os.PathLike");
    }
    if (memchr(PyBytes_AS_STRING(bytes), '\0', (size_t)PyBytes_GET_SIZE(bytes))) {
        Py_DECREF(bytes);
        return raise_invalid("path contains a NUL byte");
    }
    return bytes;
}

/* ---- Policy ------------------------------------------------------------------------------ */

typedef struct {
    PyObject ob_base;
    sg_policy *policy;
} PolicyObject;

static PyTypeObject PolicyType;

static void policy_dealloc(PolicyObject *self)
{
    sg_policy_free(self->policy);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *policy_wrap(PyTypeObject *cls, sg_policy *policy)
{
    PolicyObject *self = (PolicyObject *)cls->tp_alloc(cls, 0);
    if (!self) {
        sg_policy_free(policy);
        return NULL;
    }
    self->policy = policy;
    return (PyObject *)self;
}

static PyObject *policy_from_json(PyObject *cls, PyObject *text)
{
    const char *buf;
    Py_ssize_t len;
    if (text_of(text, "policy text", &buf, &len) < 0)
        return NULL;
    sg_policy *policy = NULL;
    sg_error err = {0};
    int rc = sg_policy_load(buf, (size_t)len, &policy, &err);
    if (rc != SG_OK)
        return raise_error(&err, rc);
    return policy_wrap((PyTypeObject *)cls, policy);
}

static PyObject *policy_load(PyObject *cls, PyObject *path)
{
    PyObject *bytes = path_of(path);
    if (!bytes)
        return NULL;
    sg_policy *policy = NULL;
    sg_error err = {0};
    int rc;
    PyThreadState *ts = PyEval_SaveThread();
    rc = sg_policy_load_file(PyBytes_AS_STRING(bytes), &policy, &err);
    PyEval_RestoreThread(ts);
    Py_DECREF(bytes);
    if (rc != SG_OK)
        return raise_error(&err, rc);
    return policy_wrap((PyTypeObject *)cls, policy);
}

static PyMethodDef policy_methods[] = {
    {"from_json", policy_from_json, METH_O | METH_CLASS,
     "Policy.from_json(text) -> Policy: a policy from its JSON text (str or bytes)."},
    {"load", policy_load, METH_O | METH_CLASS, "Policy.load(path) -> Policy: a policy file."},
    {NULL, NULL, 0, NULL}};

/* A policy argument: None or a Policy; *out the handle (NULL for None). */
static int policy_arg(PyObject *obj, const sg_policy **out)
{
    *out = NULL;
    if (obj == NULL || obj == Py_None)
        return 0;
    if (!PyObject_TypeCheck(obj, &PolicyType)) {
        raise_invalid("policy must be a sqlguard.Policy or None");
        return -1;
    }
    *out = ((PolicyObject *)obj)->policy;
    return 0;
}

/* ---- Catalog ----------------------------------------------------------------------------- */

typedef struct {
    PyObject ob_base;
    sg_catalog *catalog;
} CatalogObject;

static PyTypeObject CatalogType;
static PyTypeObject VerdictType;

static void catalog_dealloc(CatalogObject *self)
{
    sg_catalog_free(self->catalog);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *catalog_wrap(PyTypeObject *cls, sg_catalog *catalog)
{
    CatalogObject *self = (CatalogObject *)cls->tp_alloc(cls, 0);
    if (!self) {
        sg_catalog_free(catalog);
        return NULL;
    }
    self->catalog = catalog;
    return (PyObject *)self;
}

static PyObject *catalog_from_json(PyObject *cls, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"text", "policy", NULL};
    PyObject *text, *pypolicy = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:from_json", keywords, &text, &pypolicy))
        return NULL;
    const sg_policy *policy;
    const char *buf;
    Py_ssize_t len;
    if (policy_arg(pypolicy, &policy) < 0 || text_of(text, "catalog text", &buf, &len) < 0)
        return NULL;
    sg_catalog *catalog = NULL;
    sg_error err = {0};
    int rc;
    PyThreadState *ts = PyEval_SaveThread();
    rc = sg_catalog_load_policy(buf, (size_t)len, policy, &catalog, &err);
    PyEval_RestoreThread(ts);
    if (rc != SG_OK)
        return raise_error(&err, rc);
    return catalog_wrap((PyTypeObject *)cls, catalog);
}

static PyObject *catalog_load(PyObject *cls, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"path", "policy", NULL};
    PyObject *path, *pypolicy = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:load", keywords, &path, &pypolicy))
        return NULL;
    const sg_policy *policy;
    if (policy_arg(pypolicy, &policy) < 0)
        return NULL;
    PyObject *bytes = path_of(path);
    if (!bytes)
        return NULL;
    sg_catalog *catalog = NULL;
    sg_error err = {0};
    int rc;
    PyThreadState *ts = PyEval_SaveThread();
    rc = sg_catalog_load_file_policy(PyBytes_AS_STRING(bytes), policy, &catalog, &err);
    PyEval_RestoreThread(ts);
    Py_DECREF(bytes);
    if (rc != SG_OK)
        return raise_error(&err, rc);
    return catalog_wrap((PyTypeObject *)cls, catalog);
}

/* ---- Verdict ----------------------------------------------------------------------------- */

typedef struct {
    PyObject ob_base;
    sg_verdict *verdict;
    PyObject *catalog; /* the verdict borrows names from it; NULL for a catalog-less lint */
    PyObject *policy;  /* None or the Policy it was judged under */
} VerdictObject;

static PyObject *verdict_wrap(sg_verdict *verdict, PyObject *catalog, PyObject *policy)
{
    VerdictObject *self = PyObject_New(VerdictObject, &VerdictType);
    if (!self) {
        sg_verdict_free(verdict);
        return NULL;
    }
    self->verdict = verdict;
    Py_XINCREF(catalog);
    self->catalog = catalog;
    Py_INCREF(policy);
    self->policy = policy;
    return (PyObject *)self;
}

static void verdict_dealloc(VerdictObject *self)
{
    /* the verdict first: it borrows from its catalog */
    sg_verdict_free(self->verdict);
    Py_XDECREF(self->catalog);
    Py_XDECREF(self->policy);
    PyObject_Free(self);
}

/* catalog._check(operation, policy=None): operation is str or bytes. */
static PyObject *catalog_check(CatalogObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2)
        return raise_invalid("_check(operation, policy=None)");
    PyObject *pypolicy = nargs == 2 ? args[1] : Py_None;
    const sg_policy *policy;
    const char *buf;
    Py_ssize_t len;
    if (policy_arg(pypolicy, &policy) < 0 || text_of(args[0], "operation", &buf, &len) < 0)
        return NULL;
    sg_check_options options = SG_CHECK_OPTIONS_INIT;
    options.policy = policy;
    sg_verdict *verdict = NULL;
    int rc;
    PyThreadState *ts = PyEval_SaveThread();
    rc = sg_check(self->catalog, buf, (size_t)len, &options, &verdict);
    PyEval_RestoreThread(ts);
    if (rc != SG_OK)
        return raise_code(rc, NULL);
    return verdict_wrap(verdict, (PyObject *)self, pypolicy);
}

static PyObject *catalog_table_count(CatalogObject *self, void *closure)
{
    (void)closure;
    return PyLong_FromSize_t(sg_catalog_table_count(self->catalog));
}

static PyObject *str_or_none(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}

/* The catalog's tables as (uid, data_source_uid, schema, name) tuples. */
static PyObject *catalog_tables(CatalogObject *self, void *closure)
{
    (void)closure;
    size_t n = sg_catalog_table_count(self->catalog);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        const sg_catalog *c = self->catalog;
        PyObject *t = Py_BuildValue("(ssss)", sg_catalog_table_uid(c, i),
                                    sg_catalog_table_data_source_uid(c, i),
                                    sg_catalog_table_schema(c, i), sg_catalog_table_name(c, i));
        if (!t) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, t);
    }
    return list;
}

static PyObject *catalog_data_sources(CatalogObject *self, void *closure)
{
    (void)closure;
    size_t n = sg_catalog_data_source_count(self->catalog);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *t = Py_BuildValue("(ss)", sg_catalog_data_source_uid(self->catalog, i),
                                    sg_catalog_data_source_default_schema(self->catalog, i));
        if (!t) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, t);
    }
    return list;
}

static PyMethodDef catalog_methods[] = {
    {"from_json", (PyCFunction)(void (*)(void))catalog_from_json,
     METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "Catalog.from_json(text, policy=None) -> Catalog: a catalog from its JSON text."},
    {"load", (PyCFunction)(void (*)(void))catalog_load, METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "Catalog.load(path, policy=None) -> Catalog: a catalog file."},
    {"_check", (PyCFunction)(void (*)(void))catalog_check, METH_FASTCALL,
     "_check(operation_text, policy=None) -> Verdict"},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef catalog_getset[] = {
    {"table_count", (getter)catalog_table_count, NULL, "number of meta tables", NULL},
    {"tables", (getter)catalog_tables, NULL,
     "[(uid, data_source_uid, schema, physical_table_name), ...]", NULL},
    {"data_sources", (getter)catalog_data_sources, NULL, "[(uid, default_schema), ...]", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

/* ---- Diagnostic and Table (struct sequences) ---------------------------------------------- */

static PyTypeObject DiagnosticType;
static PyTypeObject TableType;

static PyStructSequence_Field diagnostic_fields[] = {
    {"rule", "the rule id, e.g. scope.table-not-declared"},
    {"severity", "'error' or 'warning'"},
    {"message", "what is wrong, in words"},
    {"line", "1-based line in the SQL, or None when the finding has no place in it"},
    {"column", "1-based column in characters, or None"},
    {"offset", "0-based byte offset into the SQL's UTF-8 text, or None"},
    {NULL, NULL}};

static PyStructSequence_Desc diagnostic_desc = {
    "sqlguard.Diagnostic", "One finding of a check or a lint.", diagnostic_fields, 6};

static PyStructSequence_Field table_fields[] = {
    {"meta_table_uid", "the scoped MetaTable"},
    {"alias", "its alias in the scope"},
    {"schema", "the schema it resolved to"},
    {"name", "the physical table name"},
    {"declared", "the access the scope grants: 'read' or 'write'"},
    {"required", "the access the SQL needs: 'none', 'read' or 'write'"},
    {NULL, NULL}};

static PyStructSequence_Desc table_desc = {
    "sqlguard.ResolvedTable", "A scoped table as resolved against the catalog.", table_fields, 6};

static const char *severity_name(sg_severity s)
{
    return s == SG_SEVERITY_ERROR ? "error" : "warning";
}

static const char *access_name(sg_access a)
{
    return a == SG_ACCESS_WRITE ? "write" : a == SG_ACCESS_READ ? "read" : "none";
}

static PyObject *place(long value)
{
    if (value < 0)
        Py_RETURN_NONE;
    return PyLong_FromLong(value);
}

static PyObject *diagnostic_new(const char *rule, sg_severity severity, const char *message,
                                long line, long column, long offset)
{
    PyObject *d = PyStructSequence_New(&DiagnosticType);
    if (!d)
        return NULL;
    PyObject *items[6] = {PyUnicode_FromString(rule),
                          PyUnicode_FromString(severity_name(severity)),
                          PyUnicode_FromString(message),
                          place(line),
                          place(column),
                          place(offset)};
    for (int i = 0; i < 6; i++) {
        if (!items[i]) {
            for (int j = 0; j < 6; j++)
                Py_XDECREF(items[j]);
            Py_DECREF(d);
            return NULL;
        }
    }
    for (int i = 0; i < 6; i++)
        PyStructSequence_SET_ITEM(d, i, items[i]);
    return d;
}

/* ---- Verdict's attributes ----------------------------------------------------------------- */

static PyObject *verdict_allowed(VerdictObject *self, void *closure)
{
    (void)closure;
    return PyBool_FromLong(sg_verdict_allowed(self->verdict));
}

static PyObject *verdict_diagnostics_truncated(VerdictObject *self, void *closure)
{
    (void)closure;
    return PyBool_FromLong(sg_verdict_diagnostics_truncated(self->verdict));
}

static PyObject *verdict_operation(VerdictObject *self, void *closure)
{
    (void)closure;
    return PyUnicode_FromString(sg_verdict_operation(self->verdict));
}

static PyObject *verdict_sql(VerdictObject *self, void *closure)
{
    (void)closure;
    return str_or_none(sg_verdict_sql(self->verdict));
}

static PyObject *verdict_compiled_sql(VerdictObject *self, void *closure)
{
    (void)closure;
    return str_or_none(sg_verdict_compiled_sql(self->verdict));
}

static PyObject *verdict_search_path(VerdictObject *self, void *closure)
{
    (void)closure;
    return str_or_none(sg_verdict_search_path(self->verdict));
}

static PyObject *verdict_diagnostics(VerdictObject *self, void *closure)
{
    (void)closure;
    size_t n = sg_verdict_diagnostic_count(self->verdict);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        const sg_diagnostic *d = sg_verdict_diagnostic(self->verdict, i);
        PyObject *item =
            diagnostic_new(d->rule, d->severity, d->message, d->line, d->column, d->offset);
        if (!item) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

static PyObject *table_new(const sg_resolved_table *t)
{
    PyObject *r = PyStructSequence_New(&TableType);
    if (!r)
        return NULL;
    const char *texts[6] = {
        t->meta_table_uid,       t->alias, t->schema, t->name, access_name(t->declared),
        access_name(t->required)};
    for (int i = 0; i < 6; i++) {
        PyObject *s = str_or_none(texts[i]);
        if (!s) {
            Py_DECREF(r);
            return NULL;
        }
        PyStructSequence_SET_ITEM(r, i, s);
    }
    return r;
}

static PyObject *verdict_tables(VerdictObject *self, void *closure)
{
    (void)closure;
    size_t n = sg_verdict_table_count(self->verdict);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *item = table_new(sg_verdict_table(self->verdict, i));
        if (!item) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

/* json.loads's parse_float: a float when the float is the number the text
 * writes (its repr reads back as the same decimal value: 0.1, 1.5, 1e300),
 * else a decimal.Decimal of the text as written (1e400, which a float makes
 * inf, and 0.1000000000000000055511151231257827, which it makes 0.1), the
 * value the executor binds from the same text. */
static PyObject *exact_float(PyObject *self, PyObject *text)
{
    (void)self;
    PyObject *f = PyFloat_FromString(text);
    if (!f)
        return NULL;
    PyObject *exact = PyObject_CallOneArg(decimal_type, text);
    PyObject *shown = exact ? PyObject_Repr(f) : NULL;
    PyObject *back = shown && Py_IS_FINITE(PyFloat_AS_DOUBLE(f))
                         ? PyObject_CallOneArg(decimal_type, shown)
                         : NULL;
    int same = back ? PyObject_RichCompareBool(back, exact, Py_EQ) : 0;
    Py_XDECREF(shown);
    Py_XDECREF(back);
    if (same < 0 || !exact) {
        Py_DECREF(f);
        Py_XDECREF(exact);
        return NULL;
    }
    if (same) {
        Py_DECREF(exact);
        return f;
    }
    Py_DECREF(f);
    return exact;
}

static PyMethodDef exact_float_def = {"exact_float", exact_float, METH_O, NULL};

/* The bound values, in $n order, as Python values (json.loads of each; a
 * number a float cannot hold exactly as a decimal.Decimal). */
static PyObject *verdict_parameters(VerdictObject *self, void *closure)
{
    (void)closure;
    size_t n = sg_verdict_parameter_count(self->verdict);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        /* the texts are printed on first use: NULL when memory ran out */
        const char *text = sg_verdict_parameter_json(self->verdict, i);
        PyObject *arg = text ? Py_BuildValue("(s)", text) : PyErr_NoMemory();
        PyObject *value = arg ? PyObject_Call(json_loads, arg, loads_kwargs) : NULL;
        Py_XDECREF(arg);
        if (!value) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, value);
    }
    return list;
}

static PyObject *verdict_parameter_names(VerdictObject *self, void *closure)
{
    (void)closure;
    size_t n = sg_verdict_parameter_count(self->verdict);
    if (n == 0 || !sg_verdict_parameter_name(self->verdict, 0))
        Py_RETURN_NONE;
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *name = str_or_none(sg_verdict_parameter_name(self->verdict, i));
        if (!name) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, name);
    }
    return list;
}

static PyObject *verdict_to_json(VerdictObject *self, PyObject *unused)
{
    (void)unused;
    char *json = NULL;
    int rc = sg_verdict_to_json(self->verdict, &json);
    if (rc != SG_OK)
        return raise_code(rc, NULL);
    PyObject *text = PyUnicode_FromString(json);
    sg_free(json);
    return text;
}

static PyObject *verdict_repr(VerdictObject *self)
{
    return PyUnicode_FromFormat("<sqlguard.Verdict %s %s, %zu diagnostic(s)>",
                                sg_verdict_allowed(self->verdict) ? "allowed" : "denied",
                                sg_verdict_operation(self->verdict),
                                sg_verdict_diagnostic_count(self->verdict));
}

static PyMethodDef verdict_methods[] = {
    {"to_json", (PyCFunction)verdict_to_json, METH_NOARGS,
     "to_json() -> str: the contract's verdict object as one line of JSON."},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef verdict_getset[] = {
    {"allowed", (getter)verdict_allowed, NULL, "True when no diagnostic is an error", NULL},
    {"operation", (getter)verdict_operation, NULL, "the declared kind, '' when unreadable", NULL},
    {"sql", (getter)verdict_sql, NULL, "the SQL as written, which diagnostics point into", NULL},
    {"compiled_sql", (getter)verdict_compiled_sql, NULL, "the SQL with $1..$n, or None", NULL},
    {"search_path", (getter)verdict_search_path, NULL, "the search_path it must run under", NULL},
    {"diagnostics", (getter)verdict_diagnostics, NULL, "list of Diagnostic, errors first", NULL},
    {"diagnostics_truncated", (getter)verdict_diagnostics_truncated, NULL,
     "True when more diagnostics were found than max_diagnostics keeps", NULL},
    {"tables", (getter)verdict_tables, NULL, "list of ResolvedTable", NULL},
    {"parameters", (getter)verdict_parameters, NULL, "bound values, $1 first", NULL},
    {"parameter_names", (getter)verdict_parameter_names, NULL,
     "the name of each bound value (named style), else None", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

/* ---- lint -------------------------------------------------------------------------------- */

static int choice(PyObject *obj, const char *what, const char *const *names, int count, int *out)
{
    *out = 0;
    if (obj == Py_None)
        return 0;
    const char *s = PyUnicode_Check(obj) ? PyUnicode_AsUTF8(obj) : NULL;
    for (int i = 0; s && i < count; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = i + 1;
            return 0;
        }
    }
    PyErr_Clear();
    char message[120];
    PyOS_snprintf(message, sizeof message, "unknown %s", what);
    raise_invalid(message);
    return -1;
}

/* _lint(text, catalog, policy, data_source_uid, profile, placeholders) -> [Diagnostic] */
static PyObject *module_lint(PyObject *module, PyObject *args)
{
    (void)module;
    static const char *const profiles[] = {"repository", "strict"};
    static const char *const styles[] = {"auto", "psycopg", "dollar", "none"};
    PyObject *text, *pycatalog, *pypolicy, *pysource, *pyprofile, *pystyle;
    if (!PyArg_ParseTuple(args, "OOOOOO:_lint", &text, &pycatalog, &pypolicy, &pysource, &pyprofile,
                          &pystyle))
        return NULL;
    sg_lint_options options = SG_LINT_OPTIONS_INIT;
    const char *buf;
    Py_ssize_t len;
    int profile, style;
    if (policy_arg(pypolicy, &options.policy) < 0 || text_of(text, "SQL text", &buf, &len) < 0 ||
        choice(pyprofile, "lint profile", profiles, 2, &profile) < 0 ||
        choice(pystyle, "placeholder style", styles, 4, &style) < 0)
        return NULL;
    options.profile = (sg_lint_profile)profile;
    options.placeholders = (sg_lint_placeholders)style;
    options.without_lines = true; /* the findings carry no line text */
    const sg_catalog *catalog = NULL;
    if (pycatalog != Py_None) {
        if (!PyObject_TypeCheck(pycatalog, &CatalogType))
            return raise_invalid("catalog must be a sqlguard.Catalog or None");
        catalog = ((CatalogObject *)pycatalog)->catalog;
    }
    if (pysource != Py_None) {
        if (!PyUnicode_Check(pysource))
            return raise_invalid("data_source_uid must be str or None");
        options.data_source_uid = PyUnicode_AsUTF8(pysource);
        if (!options.data_source_uid)
            return NULL;
    }
    sg_lint_result *result = NULL;
    int rc;
    PyThreadState *ts = PyEval_SaveThread();
    rc = sg_lint_text(catalog, buf, (size_t)len, SG_LINT_INPUT_SQL, &options, &result);
    PyEval_RestoreThread(ts);
    if (rc != SG_OK)
        return raise_code(rc, NULL);
    PyObject *list = PyList_New(0);
    size_t n = sg_lint_result_finding_count(result);
    for (size_t i = 0; list && i < n; i++) {
        sg_lint_finding found;
        const sg_lint_finding *f = sg_lint_result_get_finding(result, i, &found) ? &found : NULL;
        if (!f || f->suppressed)
            continue;
        PyObject *d =
            diagnostic_new(f->rule, f->severity, f->message, f->line, f->column, f->offset);
        if (!d || PyList_Append(list, d) < 0)
            Py_CLEAR(list);
        Py_XDECREF(d);
    }
    sg_lint_result_free(result);
    return list;
}

/* ---- module ------------------------------------------------------------------------------ */

static PyObject *module_version(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    const sg_version_info *v = sg_version();
    return Py_BuildValue("{s:s,s:I,s:s,s:l}", "version", v->version, "abi", v->abi, "pg_version",
                         v->pg_version, "pg_version_num", v->pg_version_num);
}

static PyObject *module_install_json_allocator(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    int rc = sg_json_allocator_install();
    if (rc != SG_OK)
        return raise_code(rc, NULL);
    Py_RETURN_NONE;
}

static PyMethodDef module_methods[] = {
    {"version", module_version, METH_NOARGS, "the running library's version, ABI and grammar"},
    {"install_json_allocator", module_install_json_allocator, METH_NOARGS,
     "sg_json_allocator_install(): cJSON's trees in each check's arena (process-wide)"},
    {"_lint", module_lint, METH_VARARGS, "_lint(text, catalog, policy, source, profile, style)"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module_def = {PyModuleDef_HEAD_INIT,
                                        "sqlguard._sqlguard",
                                        "The C core of the sqlguard package.",
                                        -1,
                                        module_methods,
                                        NULL,
                                        NULL,
                                        NULL,
                                        NULL};

static PyTypeObject PolicyType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sqlguard._sqlguard.Policy",
    .tp_basicsize = sizeof(PolicyObject),
    .tp_dealloc = (destructor)policy_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A loaded policy: immutable, shared by threads.",
    .tp_methods = policy_methods,
};

static PyTypeObject CatalogType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sqlguard._sqlguard.Catalog",
    .tp_basicsize = sizeof(CatalogObject),
    .tp_dealloc = (destructor)catalog_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A loaded catalog: immutable, shared by threads.",
    .tp_methods = catalog_methods,
    .tp_getset = catalog_getset,
};

static PyTypeObject VerdictType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sqlguard.Verdict",
    .tp_basicsize = sizeof(VerdictObject),
    .tp_dealloc = (destructor)verdict_dealloc,
    .tp_repr = (reprfunc)verdict_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "What a check decided: allowed, diagnostics, compiled SQL, parameters.",
    .tp_methods = verdict_methods,
    .tp_getset = verdict_getset,
};

/* The exception classes: (name, code, the builtin it also is). */
static int add_errors(PyObject *module)
{
    error_base = PyErr_NewExceptionWithDoc("sqlguard.Error",
                                           "A sqlguard call could not do its job (an SG_E* code).",
                                           PyExc_Exception, NULL);
    if (!error_base || PyModule_AddObjectRef(module, "Error", error_base) < 0)
        return -1;
    struct {
        const char *name;
        int code;
        PyObject *also;
        PyObject *also2;
    } table[] = {
        {"sqlguard.OutOfMemoryError", SG_ENOMEM, PyExc_MemoryError, NULL},
        {"sqlguard.InvalidArgumentError", SG_EINVAL, PyExc_ValueError, PyExc_TypeError},
        {"sqlguard.FileError", SG_EIO, PyExc_OSError, NULL},
        {"sqlguard.CatalogError", SG_ECATALOG, PyExc_ValueError, NULL},
        {"sqlguard.TooBigError", SG_ETOOBIG, PyExc_ValueError, NULL},
        {"sqlguard.RangeError", SG_ERANGE, PyExc_IndexError, NULL},
        {"sqlguard.DeniedError", SG_EDENIED, NULL, NULL},
        {"sqlguard.ConnectError", SG_ECONNECT, PyExc_ConnectionError, NULL},
        {"sqlguard.PolicyError", SG_EPOLICY, PyExc_ValueError, NULL},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        PyObject *bases = table[i].also2
                              ? PyTuple_Pack(3, error_base, table[i].also, table[i].also2)
                          : table[i].also ? PyTuple_Pack(2, error_base, table[i].also)
                                          : PyTuple_Pack(1, error_base);
        if (!bases)
            return -1;
        PyObject *cls = PyErr_NewException(table[i].name, bases, NULL);
        Py_DECREF(bases);
        if (!cls)
            return -1;
        error_by_code[-table[i].code] = cls;
        /* the class knows its code, so that one raised from Python has it too */
        PyObject *pycode = PyLong_FromLong(table[i].code);
        PyObject *pyname = PyUnicode_FromString(sg_err_name(table[i].code));
        int bad = !pycode || !pyname || PyObject_SetAttrString(cls, "code", pycode) < 0 ||
                  PyObject_SetAttrString(cls, "name", pyname) < 0;
        Py_XDECREF(pycode);
        Py_XDECREF(pyname);
        if (bad)
            return -1;
        if (PyModule_AddObjectRef(module, strchr(table[i].name, '.') + 1, cls) < 0)
            return -1;
    }
    return 0;
}

PyMODINIT_FUNC PyInit__sqlguard(void)
{
    PyObject *module = PyModule_Create(&module_def);
    if (!module)
        return NULL;
    PyObject *json = PyImport_ImportModule("json");
    if (json) {
        json_loads = PyObject_GetAttrString(json, "loads");
        Py_DECREF(json);
    }
    PyObject *decimal = PyImport_ImportModule("decimal");
    if (decimal) {
        decimal_type = PyObject_GetAttrString(decimal, "Decimal");
        Py_DECREF(decimal);
    }
    PyObject *parse_float = decimal_type ? PyCFunction_New(&exact_float_def, NULL) : NULL;
    loads_kwargs = parse_float ? Py_BuildValue("{s:O}", "parse_float", parse_float) : NULL;
    Py_XDECREF(parse_float);
    if (!json_loads || !loads_kwargs || PyType_Ready(&PolicyType) < 0 ||
        PyType_Ready(&CatalogType) < 0 || PyType_Ready(&VerdictType) < 0 ||
        PyStructSequence_InitType2(&DiagnosticType, &diagnostic_desc) < 0 ||
        PyStructSequence_InitType2(&TableType, &table_desc) < 0 || add_errors(module) < 0 ||
        PyModule_AddObjectRef(module, "Policy", (PyObject *)&PolicyType) < 0 ||
        PyModule_AddObjectRef(module, "Catalog", (PyObject *)&CatalogType) < 0 ||
        PyModule_AddObjectRef(module, "Verdict", (PyObject *)&VerdictType) < 0 ||
        PyModule_AddObjectRef(module, "Diagnostic", (PyObject *)&DiagnosticType) < 0 ||
        PyModule_AddObjectRef(module, "ResolvedTable", (PyObject *)&TableType) < 0 ||
        PyModule_AddStringConstant(module, "HEADER_VERSION", SG_VERSION_STRING) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
