"""Assertions for tests of code that builds governed operations.

    from sqlguard.testing import assert_allowed, assert_denied, use_catalog

    use_catalog(sqlguard.Catalog.load("catalog.json"))      # once, e.g. in conftest.py
    assert_allowed(build_operation(...))
    assert_denied(op, rule="scope.table-not-declared")

A failure names each diagnostic and shows its SQL line with a caret under the
place, as `sqlguard check` does:

    operation denied (select): 1 error
      error scope.table-not-declared at 3:6: relation public.x is not in the declared scope
          3 | JOIN x AS s ON s.uid = a.uid
            |      ^
"""
from __future__ import annotations

from typing import Any, List, Optional

from . import Catalog, Operation, Policy, Verdict

__all__ = ["assert_allowed", "assert_denied", "use_catalog", "format_verdict"]

_default: List[Any] = [None, None]


def use_catalog(catalog: Optional[Catalog], policy: Optional[Policy] = None) -> None:
    """The catalog (and policy) assert_allowed/assert_denied use when given none."""
    _default[0], _default[1] = catalog, policy


def _caret_lines(sql: Optional[str], line: Optional[int], column: Optional[int]) -> List[str]:
    if not sql or not line or not column:
        return []
    lines = sql.split("\n")
    if line > len(lines):
        return []
    text = lines[line - 1].rstrip("\r")
    # the column counts characters; tabs stay tabs so the caret lines up
    pad = "".join("\t" if ch == "\t" else " " for ch in text[:column - 1])
    gutter = f"{line:>5} | "
    return [gutter + text, " " * (len(gutter) - 2) + "| " + pad + "^"]


def format_verdict(verdict: Verdict) -> str:
    """The verdict as readable text: a summary line, each diagnostic with a caret."""
    diags = verdict.diagnostics
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = len(diags) - errors
    counts = [f"{errors} error{'s' if errors != 1 else ''}"]
    if warnings:
        counts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    state = "allowed" if verdict.allowed else "denied"
    out = [f"operation {state} ({verdict.operation or '?'}): {', '.join(counts)}"]
    for d in diags:
        where = f" at {d.line}:{d.column}" if d.line is not None else ""
        out.append(f"  {d.severity} {d.rule}{where}: {d.message}")
        out.extend("    " + s for s in _caret_lines(verdict.sql, d.line, d.column))
    return "\n".join(out)


def _check(op: Operation, catalog: Optional[Catalog], policy: Optional[Policy]) -> Verdict:
    catalog = catalog if catalog is not None else _default[0]
    policy = policy if policy is not None else _default[1]
    if catalog is None:
        raise RuntimeError("no catalog: pass catalog= or call sqlguard.testing.use_catalog()")
    return catalog.check(op, policy)


def assert_allowed(op: Operation, catalog: Optional[Catalog] = None,
                   policy: Optional[Policy] = None) -> Verdict:
    """Fails, showing every diagnostic under its SQL, unless the operation is allowed."""
    __tracebackhide__ = True
    verdict = _check(op, catalog, policy)
    if not verdict.allowed:
        raise AssertionError("expected the operation to be allowed\n" + format_verdict(verdict))
    return verdict


def assert_denied(op: Operation, rule: Optional[str] = None, catalog: Optional[Catalog] = None,
                  policy: Optional[Policy] = None) -> Verdict:
    """Fails unless the operation is denied (by an error of `rule`, when given)."""
    __tracebackhide__ = True
    verdict = _check(op, catalog, policy)
    if verdict.allowed:
        raise AssertionError("expected the operation to be denied\n" + format_verdict(verdict))
    if rule is not None and not any(d.rule == rule and d.severity == "error"
                                    for d in verdict.diagnostics):
        raise AssertionError(f"expected the operation to be denied by {rule}\n"
                             + format_verdict(verdict))
    return verdict
