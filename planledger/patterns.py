"""Compiled regular expressions, kept between processes: ``compile(pattern, flags=0) -> re.Pattern``.

``re.compile`` spends most of a start-up's compile time in Python code that no public API can skip:
for every character class holding a range beyond Latin-1 (``[\\u4e00-\\u9fff]``) its optimiser loops
over each code point of the range, and the pipeline's ~190 patterns cost ~165 ms per process. What
that compiler produces is plain data: the flags, a list of integers (the engine's code), the number
of groups and the group names, which ``re._compiler.compile`` hands to ``_sre.compile``. This module
keeps that data, per pattern string and flags, in one ``marshal`` file of planledger's cache folder
(``cache_dir``, shared with ``lexicon.packaged_data``), as Python keeps compiled modules, and builds
the ``re.Pattern`` from it with ``_sre.compile``: the same object ``re.compile`` returns (equal to it:
same code, flags and pattern; same groups and group names).

- The file's name and its header hold a key of the interpreter and its regex engine (``sys.version``,
  ``_sre.MAGIC``, ``_sre.CODESIZE``, ``sys.maxunicode``): another Python never reads it.
- Its body carries a CRC; a file that cannot be read, does not load, or fails the check is ignored
  (and rewritten at exit); a folder that cannot be written is passed by. Any failure here falls back
  to ``re.compile``.
- A pattern compiled for the first time is compiled by ``re.compile``; its data is taken again from
  the compiler's own steps and kept only if ``_sre.compile`` builds an equal pattern from it.
- New patterns are written once, at exit, merged into the file as it is then (processes and
  checkouts share it): written whole to a temporary file and moved over it with ``os.replace``.
- Bounded: at most ``MAX_PATTERNS`` patterns; over that, those used longest ago go first (each
  write stamps the patterns its process used), so the patterns of an edited data file do not pile up.

This module depends on CPython's regex compiler internals (``re._parser``, ``re._compiler``,
``_sre``); where they differ from what it expects, everything goes through ``re.compile``.
"""
from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import zlib
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another interpreter, or another version's layout: no cache
    _sre = _compiler = _parser = None

MAX_PATTERNS = 1000  # the pipeline compiles ~170, the web ~30 more; room for other checkouts' data
_FORMAT = 2  # of the file's contents (bump when they change)

_compiled: dict[tuple, re.Pattern] = {}  # this process's patterns, as re's own cache
_stored: dict[tuple, tuple] | None = None  # (pattern, flags) -> (stamp, marshalled parts), as in the file
_used: set[tuple] = set()  # keys this process compiled or read
_new: dict[tuple, bytes] = {}  # keys this process compiled: their parts, marshalled
_registered = False


def compile(pattern, flags: int = 0) -> re.Pattern:  # noqa: A001 - the name re's users expect
    """``re.compile(pattern, flags)``, through the cache of compiled patterns kept between processes."""
    flags = int(flags)
    key = (pattern, flags)
    try:
        return _compiled[key]
    except (KeyError, TypeError):  # TypeError: an unhashable pattern, which re.compile refuses
        pass
    if _sre is None or not isinstance(pattern, (str, bytes)) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    compiled = _from_cache(key)
    if compiled is None:
        compiled = re.compile(pattern, flags)
        parts = _parts(pattern, flags, compiled)
        if parts is not None:
            _new[key] = parts
            _at_exit()
    _used.add(key)
    _compiled[key] = compiled
    return compiled


# -- the file --------------------------------------------------------------------------------------
def cache_dir() -> Path | None:
    """Where planledger keeps what it compiles or parses from its own files (these patterns, the
    parsed data files of ``lexicon.packaged_data``): ``$PLANLEDGER_CACHE_DIR`` (empty: nowhere), else
    the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``) + ``planledger``."""
    given = os.environ.get("PLANLEDGER_CACHE_DIR")
    if given is not None:
        return Path(given) if given else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "planledger"


def engine_key() -> str:
    """What the cached code depends on: the interpreter and its regex engine."""
    magic = getattr(_sre, "MAGIC", None)
    codesize = getattr(_sre, "CODESIZE", None)
    return f"{sys.implementation.name} {sys.version} sre {magic} {codesize} maxunicode {sys.maxunicode}"


def cache_file() -> Path | None:
    """The file of this interpreter's patterns in the cache folder, or None when there is none."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = zlib.crc32(engine_key().encode("utf-8")) & 0xFFFFFFFF
    return folder / f"patterns.py{sys.version_info[0]}{sys.version_info[1]}.{digest:08x}.marshal"


def _read(path: Path) -> dict[tuple, tuple]:
    """The patterns of the file (empty when it is missing, damaged or another engine's)."""
    try:
        blob = path.read_bytes()
        head, crc, body = marshal.loads(blob)
        if head != (_FORMAT, engine_key()) or zlib.crc32(body) != crc:
            return {}
        entries = marshal.loads(body)
        return entries if isinstance(entries, dict) else {}
    except (OSError, ValueError, EOFError, TypeError):
        return {}


def _load() -> dict[tuple, tuple]:
    global _stored
    if _stored is None:
        path = cache_file()
        _stored = _read(path) if path is not None else {}
    return _stored


def _from_cache(key: tuple) -> re.Pattern | None:
    entry = _load().get(key)
    if entry is None:
        return None
    try:
        _stamp, blob = entry
        flags, code, groups, groupindex, indexgroup = marshal.loads(blob)  # read when used
        return _sre.compile(key[0], flags, code, groups, groupindex, indexgroup)
    except Exception:  # noqa: BLE001 - a damaged entry: compiled afresh (and written again)
        return None


def _parts(pattern, flags: int, compiled: re.Pattern) -> bytes | None:
    """What ``re._compiler.compile`` hands ``_sre.compile`` for this pattern, checked against the
    pattern ``re.compile`` made, marshalled (None when it differs, or the compiler is not the one
    expected)."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]  # its opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        parts = (int(flags | parsed.state.flags), code, int(parsed.state.groups - 1), groupindex, tuple(indexgroup))
        again = _sre.compile(pattern, *parts)
        if (again != compiled or again.groups != compiled.groups or again.groupindex != compiled.groupindex
                or again.flags != compiled.flags):
            return None
        return marshal.dumps(parts)  # ValueError if it holds what marshal cannot
    except Exception:  # noqa: BLE001 - the internals are not as expected: this pattern is not kept
        return None


def _at_exit() -> None:
    global _registered
    if not _registered:
        _registered = True
        atexit.register(save)


def save() -> None:
    """Write the patterns this process compiled into the file, merged with what it holds now (run at
    exit; a folder that cannot be written is passed by)."""
    if not _new:
        return
    path = cache_file()
    if path is None:
        return
    entries = _read(path)
    stamp = 1 + max((s for s, _ in entries.values()), default=0)
    for key in _used:
        parts = _new.get(key) or (entries.get(key) or (None, None))[1]
        if parts is not None:
            entries[key] = (stamp, parts)
    if len(entries) > MAX_PATTERNS:
        keep = sorted(entries, key=lambda k: entries[k][0], reverse=True)[:MAX_PATTERNS]
        entries = {k: entries[k] for k in keep}
    try:
        body = marshal.dumps(entries)
        blob = marshal.dumps(((_FORMAT, engine_key()), zlib.crc32(body), body))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(blob)
            os.replace(tmp, path)  # whole or not at all, with other processes writing it too
        finally:
            if tmp.exists():
                tmp.unlink()
    except (OSError, ValueError):
        pass
    _new.clear()


def longest_first(words) -> list[str]:
    """The distinct words, longest first and, among words of one length, in code-point order: the
    order of an alternation that finds the longest word at a place. A set's order changes from one
    process to the next (string hashes are randomised), and with it the pattern written from it, which
    ``compile`` would then find in no cache; words of one length cannot both match at one place, so
    their order does not change what the alternation matches."""
    return sorted(set(words), key=lambda w: (-len(w), w))


def cached_patterns() -> list[tuple]:
    """The (pattern, flags) the cache file holds now."""
    path = cache_file()
    return list(_read(path)) if path is not None else []


def forget() -> None:
    """Drop what this process compiled and read (a following ``compile`` reads the file again), after
    writing what it compiled (``save``)."""
    global _stored
    save()
    _compiled.clear()
    _used.clear()
    _stored = None

