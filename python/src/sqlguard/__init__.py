"""sqlguard: judge governed SQL operations in process.

Load a catalog (and optionally a policy) once, then check any number of
operations against it, from any number of threads::

    catalog = sqlguard.Catalog.load("catalog.json")
    verdict = catalog.check(operation)          # a dict, or its JSON text
    if not verdict.allowed:
        for d in verdict.diagnostics:
            print(d.line, d.column, d.rule, d.message)

A call that cannot do its job raises a sqlguard.Error subclass (one per SG_E*
code of the C library); everything wrong with the operation itself is a
diagnostic in a verdict that denies.
"""
from __future__ import annotations

import json
import os
from typing import Any, List, Mapping, Optional, Union

from . import _sqlguard
from ._sqlguard import (
    CatalogError,
    ConnectError,
    DeniedError,
    Diagnostic,
    Error,
    FileError,
    InvalidArgumentError,
    OutOfMemoryError,
    PolicyError,
    RangeError,
    ResolvedTable,
    TooBigError,
    Verdict,
    install_json_allocator,
)

__all__ = [
    "Catalog", "Policy", "Verdict", "Diagnostic", "ResolvedTable", "lint_sql", "version",
    "install_json_allocator", "Error", "OutOfMemoryError", "InvalidArgumentError", "FileError",
    "CatalogError", "TooBigError", "RangeError", "DeniedError", "ConnectError", "PolicyError",
]

__version__ = "0.1.0"

Operation = Union[Mapping[str, Any], str, bytes]
PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

_dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


def _json_text(obj: Any, what: str) -> str:
    """Compact JSON text of a dict; values JSON cannot carry are InvalidArgumentError."""
    try:
        return _dumps(obj)
    except (TypeError, ValueError, RecursionError) as e:
        raise InvalidArgumentError(f"{what} is not JSON-serialisable: {e}") from None


class Policy(_sqlguard.Policy):
    """Rule severities, options and bounds; immutable, shared by threads.

    Policy.load(path), Policy.from_json(text) and Policy.from_dict(obj) raise
    PolicyError (or FileError) naming what is wrong.
    """

    @classmethod
    def from_dict(cls, obj: Mapping[str, Any]) -> "Policy":
        if not isinstance(obj, Mapping):
            raise InvalidArgumentError(f"a policy must be a mapping, not {type(obj).__name__}")
        return cls.from_json(_json_text(obj, "policy"))

    __slots__ = ()


class Catalog(_sqlguard.Catalog):
    """The registered MetaTables operations are judged against.

    Immutable once loaded: share one between threads; checks release the GIL.
    """

    @classmethod
    def from_dict(cls, obj: Mapping[str, Any], policy: Optional[Policy] = None) -> "Catalog":
        if not isinstance(obj, Mapping):
            raise InvalidArgumentError(f"a catalog must be a mapping, not {type(obj).__name__}")
        return cls.from_json(_json_text(obj, "catalog"), policy)

    def check(self, operation: Operation, policy: Optional[Policy] = None) -> Verdict:
        """Judges one operation: a dict as build_operation() returns it, or its JSON text.

        Malformed operations are verdicts that deny (op.invalid), never exceptions;
        a value JSON cannot carry (a set, a datetime) is InvalidArgumentError.
        """
        if isinstance(operation, (str, bytes)):
            return self._check(operation, policy)
        if not isinstance(operation, Mapping):
            raise InvalidArgumentError(
                f"an operation must be a mapping, str or bytes, not {type(operation).__name__}")
        return self._check(_json_text(operation, "operation"), policy)

    __slots__ = ()


def lint_sql(text: Union[str, bytes], catalog: Optional[Catalog] = None,
             policy: Optional[Policy] = None, *, data_source_uid: Optional[str] = None,
             profile: Optional[str] = None,
             placeholders: Optional[str] = None) -> List[Diagnostic]:
    """Lints SQL text (one statement or a whole migration file) as `sqlguard lint` does.

    Suppression comments are honoured and suppressed findings left out. Without a
    catalog the scope rules are skipped. profile: "repository" (the default) or
    "strict"; placeholders: "auto", "psycopg", "dollar" or "none" (None: the
    policy's choice).
    """
    return _sqlguard._lint(text, catalog, policy, data_source_uid, profile, placeholders)


def version() -> Mapping[str, Any]:
    """The running library: {"version", "abi", "pg_version", "pg_version_num"}."""
    return _sqlguard.version()
