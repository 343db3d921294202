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
_saving: set = set()  # the save functions registered with atexit (save_at_exit)


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
            save_at_exit(save)
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


# -- files of the cache folder: what patterns, records, lexicon and normalize keep -----------------------
def keyed_file(stem: str, key: str) -> Path | None:
    """The cache folder's file for ``stem`` under ``key`` (what its contents depend on), named by this
    Python's version and the key's CRC; None when there is no cache folder."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = zlib.crc32(key.encode("utf-8")) & 0xFFFFFFFF
    return folder / f"{stem}.py{sys.version_info[0]}{sys.version_info[1]}.{digest:08x}.marshal"


def read_file(path: Path):
    """The value ``write_file`` kept in ``path``; None when the file is missing or does not load."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_file(path: Path, value) -> None:
    """``value`` marshalled into ``path``, whole or not at all (other processes write the folder too);
    passed by when marshal cannot hold it or the folder cannot be written."""
    try:
        blob = marshal.dumps(value)  # ValueError for what marshal cannot hold
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(blob)
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
    except (OSError, ValueError):
        pass


def read_checked(path: Path, head) -> dict:
    """The entries ``write_checked`` kept in ``path`` under ``head``: empty when the file is missing,
    damaged (its CRC) or written under another head (another format, interpreter or engine)."""
    try:
        stored, crc, body = read_file(path)
        if stored != head or zlib.crc32(body) != crc:
            return {}
        entries = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def write_checked(path: Path, head, entries: dict) -> None:
    """``entries`` into ``path`` with ``head`` and their CRC (``read_checked``)."""
    try:
        body = marshal.dumps(entries)
    except ValueError:
        return
    write_file(path, (head, zlib.crc32(body), body))


def cache_file() -> Path | None:
    """The file of this interpreter's patterns in the cache folder, or None when there is none."""
    return keyed_file("patterns", engine_key())


def _read(path: Path) -> dict[tuple, tuple]:
    """The patterns of the file (empty when it is missing, damaged or another engine's)."""
    return read_checked(path, (_FORMAT, engine_key()))


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


def save_at_exit(save_fn) -> None:
    """Run ``save_fn`` when the process ends, once however often asked: a cache kept in a file writes there
    what the process added to it (this module's patterns, records' compiled code)."""
    if save_fn not in _saving:
        _saving.add(save_fn)
        atexit.register(save_fn)


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
    write_checked(path, (_FORMAT, engine_key()), entries)
    _new.clear()


def longest_first(words) -> list[str]:
    """The distinct words, longest first and, among words of one length, in code-point order: the
    order of an alternation that finds the longest word at a place. A set's order changes from one
    process to the next (string hashes are randomised), and with it the pattern written from it, which
    ``compile`` would then find in no cache; words of one length cannot both match at one place, so
    their order does not change what the alternation matches."""
    return sorted(set(words), key=lambda w: (-len(w), w))


def alternation(words) -> str:
    """The words as one pattern that matches what ``"|".join(map(re.escape, longest_first(words)))`` matches,
    written by first character: ``一(?:体化|卡通|是|)|三(?:个作用|大)|…``. re tries the alternatives of an
    alternation one by one, checking each against the text's next character first: grouped, the words are
    checked once per first character, not once per word (the 135 slogans of not_facts.yaml open on 30).
    The same matches, in the same order: two words that open on different characters never both match at
    one place, and inside a group the words keep their order, so at any place the alternatives that can
    match are tried in the order they were, also when the pattern around backtracks into them."""
    ordered = longest_first(words)
    if not all(ordered):
        return "|".join(map(re.escape, ordered))  # an empty word opens on no character
    groups: dict[str, list[str]] = {}
    for w in ordered:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(re.escape(first + rests[0]) if len(rests) == 1
                    else re.escape(first) + "(?:" + "|".join(map(re.escape, rests)) + ")"
                    for first, rests in groups.items())


def cached_patterns() -> list[tuple]:
    """The (pattern, flags) the cache file holds now."""
    path = cache_file()
    return [key for key in _read(path) if len(key) == 2] if path is not None else []


def forget() -> None:
    """Drop what this process compiled and read (a following ``compile`` reads the file again), after
    writing what it compiled (``save``)."""
    global _stored
    save()
    _compiled.clear()
    _first.clear()
    _used.clear()
    _stored = None



def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can open on, or None when that is not known: when the
    pattern can match the empty string, or opens on what no short list of characters holds (``.``,
    ``\\d``, a negated or wide class, a back-reference), or matches case-insensitively. ``match`` tries
    every alternative of a pattern at the place it is given (only ``search`` skips ahead on the first
    character), so ``text[at:at + 1] not in first`` settles most places without it. Read from the
    pattern as CPython's regex parser reads it (``re._parser``), and kept in the cache file with the
    compiled patterns (parsing a long pattern costs a start-up milliseconds)."""
    found = _derived("first", pattern, flags, _first_chars)
    return found if found is None or isinstance(found, frozenset) else None


def required_text(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` holds (one for each alternative of an
    alternation, the longest run of characters it must match in a row), or None when that is not
    known. A text that holds none of them after a place cannot match there. Read and kept as
    ``first_chars``."""
    found = _derived("required", pattern, flags, _required_text)
    return found if found is None or isinstance(found, tuple) and all(isinstance(w, str) for w in found) else None


def _derived(kind: str, pattern, flags: int, derive):
    """``derive(pattern, flags)``, through the cache file (``kind``: what is derived)."""
    key = (kind, pattern, int(flags))
    if key in _first:
        return _first[key]
    entry = _load().get(key) if _parser is not None else None
    try:
        found = marshal.loads(entry[1]) if entry is not None else _UNREAD
    except (ValueError, EOFError, TypeError):
        found = _UNREAD
    if found is _UNREAD:
        found = derive(pattern, int(flags))
        _new[key] = marshal.dumps(found)
        save_at_exit(save)
    _used.add(key)
    _first[key] = found
    return found


def _parsed(pattern, flags: int):
    """The pattern as re's parser reads it, or None (bytes, case-insensitive, another parser)."""
    if _parser is None or flags & re.IGNORECASE or not isinstance(pattern, str):
        return None
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - not a pattern, or a parser other than the one expected
        return None
    return None if parsed.state.flags & re.IGNORECASE else parsed  # (?i) in the pattern


def _required_text(pattern, flags: int) -> tuple[str, ...] | None:
    parsed = _parsed(pattern, flags)
    try:
        return None if parsed is None else _required_of_sequence(list(parsed))
    except Exception:  # noqa: BLE001 - a parser other than the one expected: nothing known
        return None


def _required_of_sequence(items) -> tuple[str, ...] | None:
    c = _parser
    if len(items) == 1 and items[0][0] is c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = items[0][1]
        return None if add_flags & re.IGNORECASE else _required_of_sequence(list(sub))
    if len(items) == 1 and items[0][0] is c.BRANCH:
        out: list[str] = []
        for alternative in items[0][1][1]:
            words = _required_of_sequence(list(alternative))
            if words is None:
                return None
            out += words
        return tuple(out)
    best, run = "", ""
    for op, av in items:
        run = run + chr(av) if op is c.LITERAL else ""
        best = max(best, run, key=len)
    return (best,) if best else None


_first: dict[tuple, frozenset[str] | None] = {}
_UNREAD = object()
_WIDEST_RANGE = 4096  # a class with a wider range (a CJK block) gives no list


def _first_chars(pattern, flags: int) -> frozenset[str] | None:
    parsed = _parsed(pattern, flags)
    try:
        chars, empty = _first_of_sequence(parsed) if parsed is not None else (None, True)
    except Exception:  # noqa: BLE001 - a parser other than the one expected: nothing known
        return None
    return None if chars is None or empty else frozenset(chars)


def _first_of_sequence(items) -> tuple[set | None, bool]:
    """(the characters the items' match can open on, whether it can be empty), or (None, True)."""
    out: set[str] = set()
    for op, av in items:
        chars, empty = _first_of_item(op, av)
        if chars is None:
            return None, True
        out |= chars
        if not empty:
            return out, False
    return out, True


def _first_of_item(op, av) -> tuple[set | None, bool]:
    c = _parser  # the opcodes, as the parser names them (re._constants)
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        out = set()
        for kind, value in av:
            if kind is c.LITERAL:
                out.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] <= _WIDEST_RANGE:
                out.update(map(chr, range(value[0], value[1] + 1)))
            else:  # NEGATE, CATEGORY (\d, \s, \w), a wide range
                return None, True
        return out, False
    if op is c.BRANCH:
        out, empty = set(), False
        for alternative in av[1]:
            chars, alternative_empty = _first_of_sequence(alternative)
            if chars is None:
                return None, True
            out |= chars
            empty = empty or alternative_empty
        return out, empty
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return (None, True) if add_flags & re.IGNORECASE else _first_of_sequence(sub)
    if op is c.ATOMIC_GROUP:
        return _first_of_sequence(av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, sub = av
        chars, empty = _first_of_sequence(sub)
        return chars, empty or low == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: what the match opens on comes after
        return set(), True
    return None, True  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS…
