"""The errors planledger raises, each naming the input and the problem in one line.

The CLI turns a PlanledgerError into one line on stderr and a non-zero exit; the library
never returns None for a failure. The class says what failed (reading a file, a limit, a data
file, the store, a gold file); the message says which input and why. A message is always one
printable line: the names in it pass through ``printable`` (a newline or an escape sequence in a
file name, or the undecodable bytes of a GBK name, cannot reach a terminal raw).
"""
from __future__ import annotations


class PlanledgerError(Exception):
    """Base class: str(error) is a complete, one-line message naming the input."""


    def __init__(self, path: object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{printable(self.path)}: {printable(problem)}")

    def __reduce__(self):  # pickled as (path, problem): it crosses process boundaries (web uploads)
        return type(self), (self.path, self.problem)


class ReadError(PlanledgerError):
    """A file could not be read or decoded into text (missing, empty, binary, scanned PDF...)."""



class LimitError(ReadError):
    """A file is over one of the limits of ``planledger.limits`` (size, text, pages, zip, depth, time)."""



class DataFileError(PlanledgerError):
    """A packaged data file (catalogue, lexicon) is missing or malformed."""



class StoreError(PlanledgerError):
    """The store could not be opened or written."""



class GoldError(PlanledgerError):
    """A gold file or document directory for evaluation is malformed."""



class OutputError(PlanledgerError):
    """The output could not be written (stdout on a full disk or a broken device)."""



def one_line(e: BaseException) -> str:
    """The first line of an exception's message (its class name when it has none): what a one-line
    error report shows of an exception planledger did not raise itself."""
    lines = str(e).strip().splitlines()
    return lines[0] if lines else type(e).__name__


# C0/C1 controls, DEL, and the invisible characters that reorder or hide text on a terminal
_UNPRINTABLE = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_UNPRINTABLE.update({c: f"\\u{c:04x}" for c in [0x2028, 0x2029, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                                                  *range(0x2066, 0x206A), 0xFEFF]})
_UNPRINTABLE.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def printable(text: object) -> str:
    """``text`` safe to print on one terminal line: control characters, newlines and the invisible
    formatting characters escaped (``\\n``, ``\\x1b``, ``\\u202e``), and the undecodable bytes of a file
    name (Python keeps them as lone surrogates, e.g. the GBK bytes of 重庆) written ``\\xd6``."""
    text = str(text)
    text = surrogates_escaped(text)
    return text.translate(_UNPRINTABLE)


def surrogates_escaped(text: str) -> str:
    """``text`` with the lone surrogates Python uses for undecodable bytes of a file name written as
    ``\\xNN``: a string that can be encoded (stored, printed) and that is the same for the same name."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return text.encode("utf-8", "backslashreplace").decode("ascii")
