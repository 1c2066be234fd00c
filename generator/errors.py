"""Problems and the project's small exception tree.

Core functions return ``Problem`` lists; the orchestrator decides whether they
warn or fail. ``ReadingsError`` is the only exception type callers need to catch.
"""

from __future__ import annotations

import enum
import reprlib
from dataclasses import dataclass

_REPR = reprlib.Repr()  # a bounded repr: long strings, lists and deep values are cut while they are shown
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist, _REPR.maxtuple, _REPR.maxset = 3, 4, 4, 4, 4
_REPR.maxstring, _REPR.maxother, _REPR.maxlong = 60, 60, 40


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located as precisely as we can: ``path:line:col``."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    code: str

    def format(self) -> str:
        return f"{_shown(self.path)}:{self.line}:{self.col}: {self.severity.value}: {_shown(self.message)} [{self.code}]"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's diff.

        Properties and the message are escaped as the workflow-command syntax requires: a file name
        holding a newline, a comma or "::" cannot start a command of its own.
        """
        level = "error" if self.severity is Severity.ERROR else "warning"
        return (f"::{level} file={_property(self.path)},line={self.line},col={self.col},title={_property(self.code)}"
                f"::{_data(self.message)}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _shown(text: str) -> str:
    """One line, whatever a file name or message holds: control characters are shown escaped."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


QUOTE_LIMIT = 80  # characters of a value a message shows


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr(value)`` as a message shows it: at most ``limit`` characters, built without walking a huge value."""
    shown = _REPR.repr(value)
    return shown if len(shown) <= limit else shown[:limit - 1] + "…"


def error(path: str, line: int, col: int, message: str, code: str) -> Problem:
    return Problem(path, line, col, Severity.ERROR, message, code)


def warning(path: str, line: int, col: int, message: str, code: str) -> Problem:
    return Problem(path, line, col, Severity.WARNING, message, code)


class ReadingsError(Exception):
    """Base of every error the tool reports to its user (never shown as a traceback)."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            text = problems
        else:
            self.problems = sorted(problems)
            text = "\n".join(p.format() for p in self.problems)
        super().__init__(text)


class InputError(ReadingsError):
    """A seed, page or configuration file cannot be used as it is."""


class RefusedError(ReadingsError):
    """The command would lose or overwrite contributors' work, so it stops."""


class BuildError(ReadingsError):
    """The site build (MkDocs) failed."""
