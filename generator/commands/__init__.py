"""The commands: each module runs one ``readings`` command on a ``Project`` and returns its exit code.

``cli`` parses the arguments and calls them; ``serve`` calls the others
directly. A command that writes takes the project's lock itself. Problems are
printed by ``report``, one located line each.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from generator.errors import Problem, ReadingsError, error


def report(problems: list[Problem], fmt: str = "text") -> None:
    """Print problems to stderr, sorted: ``path:line:col: severity: message [code]`` or GitHub workflow commands."""
    for problem in sorted(problems):
        print(problem.format_github() if fmt == "github" else problem.format(), file=sys.stderr)


def waiting() -> None:
    print("readings: another readings command is writing to this project; waiting for it to finish…", file=sys.stderr)


def reporting(run: Callable[[], int]) -> int:
    """Run a command; a ``ReadingsError`` becomes its located lines on stderr and exit code 1."""
    try:
        return run()
    except ReadingsError as exc:
        if exc.problems:
            report(exc.problems)
        else:
            print(f"readings: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # what no stage foresaw (a disk gone, a file vanished): still one located line
        report([error(str(exc.filename or "readings"), 1, 1, f"{exc.strerror or exc}", "os-error")])
        return 1
