"""The errors planledger raises, each naming the input and the problem in one line.

The CLI turns a PlanledgerError into one line on stderr and a non-zero exit; the library
never returns None for a failure.
"""
from __future__ import annotations


class PlanledgerError(Exception):
    """Base class: str(error) is a complete, one-line message naming the input."""

    code = "E000"

    def __init__(self, path: object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # pickled as (path, problem): it crosses process boundaries (web uploads)
        return type(self), (self.path, self.problem)


class ReadError(PlanledgerError):
    """A file could not be read or decoded into text (missing, empty, binary, scanned PDF...)."""

    code = "E100"


class LimitError(ReadError):
    """A file is over one of the limits of ``planledger.limits`` (size, text, pages, zip, depth, time)."""

    code = "E110"


class DataFileError(PlanledgerError):
    """A packaged data file (catalogue, lexicon) is missing or malformed."""

    code = "E200"


class StoreError(PlanledgerError):
    """The store could not be opened or written."""

    code = "E300"


class GoldError(PlanledgerError):
    """A gold file or document directory for evaluation is malformed."""

    code = "E400"


def one_line(e: BaseException) -> str:
    """The first line of an exception's message (its class name when it has none): what a one-line
    error report shows of an exception planledger did not raise itself."""
    lines = str(e).strip().splitlines()
    return lines[0] if lines else type(e).__name__
