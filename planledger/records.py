"""``dataclass``: ``dataclasses.dataclass``, with the code of the methods it writes kept between processes.

``dataclasses.dataclass`` writes the source of a class's ``__init__``, ``__repr__``, ``__eq__`` (and of a
frozen class's ``__setattr__``, ``__delattr__``, ``__hash__``) and compiles it with ``exec`` each time the
class is made: ~0.7 ms a class, four fifths of it compiling, ~17 ms for the two dozen classes an
``extract`` run imports. What the compiler makes of such a source is a code object, which ``marshal``
keeps as Python keeps compiled modules. This decorator is ``dataclasses.dataclass`` (the same arguments,
the same class), except that while it runs the ``exec`` of the dataclasses module runs a code object
compiled once per source text (as ``exec`` compiles a string: file ``<string>``, no ``__future__`` flags
of the caller) and kept in one file of planledger's cache folder (``patterns.cache_dir``):

- the file's name and header hold the interpreter (``sys.version``): another Python never reads it;
- each code object is kept in it marshalled on its own, and loaded only when its source is met: the
  file holds the classes of other checkouts and versions too, and loading all of them cost a start-up
  3 ms where the two dozen classes of a run need a few hundred microseconds;
- a file that cannot be read or does not load is passed by (and written again); a folder that cannot
  be written is passed by; anything ``exec`` is given other than a source text and two namespaces goes
  to ``exec`` itself;
- new code is written once, at exit, merged into the file as it is then, whole or not at all;
- bounded: over ``MAX_SOURCES`` sources, only those this process used are kept.
"""
from __future__ import annotations

import builtins
import dataclasses
import marshal
import sys
import threading

from .patterns import keyed_file, read_checked, save_at_exit, write_checked

__all__ = ["dataclass"]

MAX_SOURCES = 2000  # the package's classes write ~120 sources; room for other checkouts' classes
_FORMAT = 2  # of the file's contents (bump when they change)

_code: dict[str, object] | None = None  # source → code object, or its marshalled bytes (the file's, not used yet)
_used: set[str] = set()
_new: set[str] = set()
_lock = threading.RLock()
_depth = 0
_NONE = object()
_before = _NONE  # what the dataclasses module held as exec before (nothing: its builtin)


def dataclass(cls=None, /, **kwargs):
    """``dataclasses.dataclass(cls, **kwargs)``, its methods' code compiled once (see the module)."""

    def wrap(c):
        global _depth, _before
        with _lock:
            if _depth == 0:
                _before = vars(dataclasses).get("exec", _NONE)
                dataclasses.exec = _exec  # the name _create_fn calls, found in the module before builtins
            _depth += 1
            try:
                return dataclasses.dataclass(c, **kwargs)
            finally:
                _depth -= 1
                if _depth == 0:
                    if _before is _NONE:
                        del dataclasses.exec
                    else:
                        dataclasses.exec = _before

    return wrap if cls is None else wrap(cls)


def _exec(source, globals=None, locals=None):  # noqa: A002 - exec's own parameter names
    if not isinstance(source, str) or not isinstance(globals, dict) or not isinstance(locals, dict):
        return builtins.exec(source, globals, locals)
    code = _load().get(source)
    if type(code) is bytes:
        code = _code[source] = _loaded(code)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)  # what exec(source) compiles
        _code[source] = code
        _new.add(source)
        save_at_exit(save)
    _used.add(source)
    return builtins.exec(code, globals, locals)


# -- the file --------------------------------------------------------------------------------------
def _key() -> str:
    return f"{sys.implementation.name} {sys.version}"


def cache_file():
    """The file of this interpreter's code in the cache folder, or None when there is none (named by the
    format too: checkouts that keep another format do not write over each other's file)."""
    return keyed_file("records", f"{_FORMAT} {_key()}")


def _read(path) -> dict[str, bytes]:
    """The marshalled code of the file, by source (empty when it is missing, damaged or another
    interpreter's)."""
    entries = read_checked(path, (_FORMAT, _key()))
    return {s: c for s, c in entries.items() if isinstance(s, str) and type(c) is bytes}


def _loaded(blob: bytes):
    """The code object marshalled in ``blob``, or None (compiled again) when it does not load as one."""
    try:
        code = marshal.loads(blob)
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, type(_loaded.__code__)) else None


def _load() -> dict[str, object]:
    global _code
    if _code is None:
        path = cache_file()
        _code = _read(path) if path is not None else {}
    return _code


def save() -> None:
    """Write the code this process compiled into the file, merged with what it holds now (run at exit;
    a folder that cannot be written is passed by)."""
    if not _new:
        return
    path = cache_file()
    if path is None:
        return
    entries = _read(path)
    entries.update({s: marshal.dumps(_code[s]) for s in _new})
    if len(entries) > MAX_SOURCES:
        entries = {s: c for s, c in entries.items() if s in _used}
    write_checked(path, (_FORMAT, _key()), entries)
    _new.clear()
