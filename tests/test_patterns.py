"""planledger.patterns: compiled regular expressions kept between processes.

A pattern read from the cache must be the pattern ``re.compile`` makes, for every pattern the pipeline
compiles, on real report text; a damaged, foreign or unwritable cache is passed by."""
from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planledger import patterns

from conftest import SEEDS, seed_paths

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder for this test, and the module's state of this process set aside."""
    patterns.forget()
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", str(folder))
    yield folder
    patterns.forget()  # what the test compiled is written into its own folder, not the user's
    monkeypatch.undo()


def _run_pipeline(folder: Path, *paths: Path) -> None:
    """Extract the files in a fresh process with this cache folder (it writes the cache at exit)."""
    code = "import sys\nfrom planledger.pipeline import process\nfor p in sys.argv[1:]:\n    process(p)\n"
    env = {**os.environ, "PLANLEDGER_CACHE_DIR": str(folder)}
    subprocess.run([sys.executable, "-c", code, *map(str, paths)], env=env, check=True, cwd=ROOT)


def _matches(pattern: re.Pattern, text):
    def m(x):
        return None if x is None else (x.span(), x.groups(), x.groupdict(), x.lastindex, x.lastgroup)

    return (m(pattern.search(text)), m(pattern.match(text)), m(pattern.fullmatch(text)),
            [m(x) for x in pattern.finditer(text)])


def _compile_count(monkeypatch) -> list:
    """Calls of re's compiler from now on (what the cache exists to avoid)."""
    from re import _compiler

    re.purge()  # re's own cache of this process's patterns
    calls = []
    real = _compiler.compile
    monkeypatch.setattr(_compiler, "compile", lambda p, flags=0: calls.append(p) or real(p, flags))
    return calls


def test_every_pattern_of_the_pipeline_read_from_the_cache_is_re_compile_s(cache, monkeypatch):
    seeds = seed_paths()
    assert seeds, f"no seed documents in {SEEDS}"
    _run_pipeline(cache, *seeds)  # a fresh machine: the first run writes the cache
    keys = patterns.cached_patterns()
    assert len(keys) > 100  # the lexicon's, the number grammar's, the frames', extract's...
    assert any("numbers" in str(k[0]) or "两位数" in str(k[0]) for k in keys)
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    lines = [ln for t in texts for ln in t.splitlines() if ln.strip()]

    calls = _compile_count(monkeypatch)
    cached = {key: patterns.compile(*key) for key in keys}
    assert calls == []  # all built from the file, none compiled
    for (pattern, flags), got in cached.items():
        want = re.compile(pattern, flags)
        assert got == want  # same code, flags and pattern
        assert (got.pattern, got.flags, got.groups, got.groupindex) == \
               (want.pattern, want.flags, want.groups, want.groupindex)
        if isinstance(pattern, str):
            for text in texts:
                assert _matches(got, text) == _matches(want, text), pattern
            hits = [ln for ln in lines if want.search(ln)][:200]
            assert [_matches(got, ln) for ln in hits] == [_matches(want, ln) for ln in hits], pattern


def test_a_warm_cache_extracts_the_same_facts_as_a_cold_one(cache, tmp_path):
    seed = seed_paths()[0]
    out = []
    for _ in range(2):  # cold (empty folder), then warm
        env = {**os.environ, "PLANLEDGER_CACHE_DIR": str(cache)}
        out.append(subprocess.run([sys.executable, "-m", "planledger", "extract", str(seed), "--format", "jsonl"],
                                  env=env, check=True, capture_output=True, cwd=ROOT).stdout)
        assert patterns.cache_file().exists()
    assert out[0] == out[1] and out[0].count(b"\n") > 10


def test_a_pattern_is_compiled_once_then_read_from_the_file(cache, monkeypatch):
    calls = _compile_count(monkeypatch)
    first = patterns.compile(r"(?P<year>(?:19|20)\d{2})年[\u4e00-\u9fff]{2,8}", re.I)
    assert len(calls) == 1 and not patterns.cache_file().exists()
    patterns.save()  # what exit does
    assert patterns.cached_patterns() == [(first.pattern, int(re.I))]
    patterns.forget()  # as a new process
    again = patterns.compile(first.pattern, re.I)
    assert len(calls) == 1 and again == first and again is not first
    assert again.groupindex == {"year": 1} and again.search("在2025年全市人民").group("year") == "2025"
    assert patterns.compile(first.pattern, re.I) is again  # and kept in the process


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "foreign", "old format", "folder"])
def test_a_damaged_or_foreign_cache_file_is_ignored_and_rewritten(cache, monkeypatch, damage):
    text = "到2025年全市地区生产总值增长6%左右"
    pattern = r"([\u4e00-\u9fff]{2,10}?)增长(\d+(?:\.\d+)?)%"
    patterns.compile(pattern)
    patterns.forget()
    path = patterns.cache_file()
    blob = path.read_bytes()
    head, crc, body = marshal.loads(blob)
    if damage == "garbage":
        path.write_bytes(b"\x00not marshal at all")
    elif damage == "truncated":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "flipped":  # a byte of the body changed: the CRC does not hold
        i = len(body) // 2
        path.write_bytes(marshal.dumps((head, crc, body[:i] + bytes([body[i] ^ 1]) + body[i + 1:])))
    elif damage == "foreign":  # another interpreter's file under this name
        path.write_bytes(marshal.dumps(((head[0], head[1] + " other"), crc, body)))
    elif damage == "old format":
        path.write_bytes(marshal.dumps(((head[0] + 1, head[1]), crc, body)))
    else:  # a folder where the file should be: neither read nor written
        path.unlink()
        path.mkdir()
    assert patterns.cached_patterns() == []
    calls = _compile_count(monkeypatch)
    got = patterns.compile(pattern)
    assert len(calls) == 1 and got == re.compile(pattern)
    assert got.search(text).groups() == ("年全市地区生产总值", "6")
    patterns.forget()
    if damage == "folder":
        assert path.is_dir() and patterns.cached_patterns() == []
    else:
        assert patterns.cached_patterns() == [(pattern, 0)]  # rewritten whole


def test_a_cache_folder_that_cannot_be_written_is_passed_by(cache, monkeypatch):
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("a file where the folder should be")  # no folder can be made there (root too)
    got = patterns.compile(r"[一二三四五六七八九十]是")
    assert got.findall("一是稳增长，二是调结构") == ["一是", "二是"]
    patterns.forget()
    assert cache.read_text() == "a file where the folder should be"
    assert not list(cache.parent.glob("*.tmp"))


def test_a_read_only_cache_folder_is_read(cache, monkeypatch):
    patterns.compile(r"[①②③④⑤]")
    patterns.forget()
    if os.geteuid() != 0:  # root writes anyway; then os.replace failing stands for it
        cache.chmod(0o555)
    else:
        monkeypatch.setattr(patterns.os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "read-only")))
    try:
        calls = _compile_count(monkeypatch)
        assert patterns.compile(r"[①②③④⑤]").findall("①②") == ["①", "②"] and calls == []
        patterns.compile(r"[⑥⑦⑧⑨⑩]")  # new: compiled, and not written
        patterns.forget()
        assert patterns.cached_patterns() == [(r"[①②③④⑤]", 0)]
        assert not list(cache.glob("*.tmp"))
    finally:
        cache.chmod(0o755)


def test_no_cache_when_turned_off(monkeypatch, tmp_path):
    patterns.forget()
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", "")
    try:
        assert patterns.cache_file() is None
        assert patterns.compile(r"\d+亿元").search("投资3000亿元").group() == "3000亿元"
        patterns.forget()
        assert patterns.cached_patterns() == []
    finally:
        patterns.forget()


def test_the_file_is_named_and_marked_by_the_interpreter_and_its_regex_engine(cache, monkeypatch):
    import _sre

    key = patterns.engine_key()
    assert sys.version in key and str(_sre.MAGIC) in key and str(_sre.CODESIZE) in key and str(sys.maxunicode) in key
    path = patterns.cache_file()
    monkeypatch.setattr(patterns, "engine_key", lambda: key + " another build")
    assert patterns.cache_file() != path


def test_the_file_is_bounded_by_recent_use(cache, monkeypatch):
    monkeypatch.setattr(patterns, "MAX_PATTERNS", 3)
    for run in (["a1", "a2"], ["b1", "b2"], ["c1"]):  # three processes, each its patterns (as edited data)
        for p in run:
            patterns.compile(p)
        patterns.forget()
    assert sorted(k for k, _ in patterns.cached_patterns()) == ["b1", "b2", "c1"]
    patterns.compile("a1")  # compiled again, and then used more recently than b1 and b2
    patterns.compile("c1")  # read from the file, and stamped as used
    patterns.forget()
    assert sorted(k for k, _ in patterns.cached_patterns()) in (["a1", "b1", "c1"], ["a1", "b2", "c1"])


def test_what_re_compile_refuses_or_keeps_to_itself_goes_to_re_compile(cache):
    with pytest.raises(re.error):
        patterns.compile(r"(?P<x>a")
    compiled = re.compile("abc")
    assert patterns.compile(compiled) is compiled
    assert patterns.compile(rb"\d+", re.I) == re.compile(rb"\d+", re.I)
    patterns.forget()
    assert patterns.cached_patterns() == [(rb"\d+", int(re.I))]


def test_longest_first_is_one_order_whatever_the_set():
    words = {"市", "全市", "全省", "自治区", "区", "省"}
    assert patterns.longest_first(words) == ["自治区", "全市", "全省", "区", "市", "省"]
    assert patterns.longest_first(list(words) + ["省"]) == patterns.longest_first(sorted(words))
    # as an alternation it finds what the same words in any other order of equal lengths find
    text = "全市、全省和自治区的区市省"
    a = re.compile("|".join(patterns.longest_first(words)))
    b = re.compile("|".join(sorted(words, key=len, reverse=True)))
    assert a.findall(text) == b.findall(text) == ["全市", "全省", "自治区", "区", "市", "省"]


def test_processes_writing_the_cache_at_once_leave_a_whole_file(cache):
    code = ("import sys\nfrom planledger import patterns\n"
            "patterns.compile(r'[\\u4e00-\\u9fff]{2,8}?(?:' + sys.argv[1] + ')')\npatterns.compile(r'\\d+(?:\\.\\d+)?%')\n")
    env = {**os.environ, "PLANLEDGER_CACHE_DIR": str(cache)}
    procs = [subprocess.Popen([sys.executable, "-c", code, word], env=env, cwd=ROOT)
             for word in ("市", "省", "区", "县", "镇", "村")]
    assert [p.wait() for p in procs] == [0] * len(procs)
    keys = patterns.cached_patterns()
    assert (r"\d+(?:\.\d+)?%", 0) in keys and len(keys) >= 2  # the last writer's whole file, at least
    for pattern, flags in keys:
        assert patterns.compile(pattern, flags) == re.compile(pattern, flags)
    assert not list(cache.glob("*.tmp"))


@pytest.mark.parametrize("pattern,first,required", [
    ("abc", {"a"}, ("abc",)),
    ("a|b", {"a", "b"}, None),
    ("(?:x)?y", {"x", "y"}, ("y",)),
    (r"“?(?:十[一二]|九)五", {"“", "十", "九"}, ("五",)),
    (r"^(?:#+\s*)?[一二三]、", {"#", "一", "二", "三"}, ("、",)),
    (r"(?P<x>ab|cd)e", {"a", "c"}, ("e",)),
    (r"(?=今)今年", {"今"}, ("今年",)),
    (r"[^。！；]{0,120}?编制了[^。！；]{0,40}?五年?”?规划", None, ("编制了",)),
    (r"(?P<f>(?:x+编制)|(?:y今年z))", {"x", "y"}, ("编制", "y今年z")),
    (r"[\u4e00-\u9fff]{2}", None, None),  # a class too wide to list
    (r"\d+", None, None), (r".", None, None), ("a*", None, None), ("(?:ab)?", None, None), ("$", None, None),
    ("(?i)abc", None, None),
])
def test_first_chars_and_required_text_of_a_pattern(cache, pattern, first, required):
    assert patterns.first_chars(pattern) == (frozenset(first) if first is not None else None)
    assert patterns.required_text(pattern) == required
    assert patterns.first_chars("abc", re.IGNORECASE) is None and patterns.required_text("abc", re.I) is None


def test_what_is_known_of_every_pipeline_pattern_holds_on_real_text(cache):
    """Where a pattern of the pipeline matches in a report, the match opens on one of its first_chars
    and holds one of its required_text; both read from the cache file in a later process."""
    seeds = seed_paths()
    _run_pipeline(cache, *seeds[:1])
    keys = patterns.cached_patterns()
    known = {key: (patterns.first_chars(*key), patterns.required_text(*key)) for key in keys if isinstance(key[0], str)}
    assert sum(1 for f, _ in known.values() if f) > 20 and sum(1 for _, r in known.values() if r) > 20
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    for (pattern, flags), (first, required) in known.items():
        compiled = re.compile(pattern, flags)
        for text in texts:
            for m in compiled.finditer(text):
                assert first is None or text[m.start():m.start() + 1] in first, pattern
                assert required is None or any(w in m.group() for w in required), pattern
    patterns.forget()  # as a new process: read from the file, not derived again
    from re import _parser

    parsed = []
    real = _parser.parse
    try:
        _parser.parse = lambda *a, **k: parsed.append(a) or real(*a, **k)
        assert {key: (patterns.first_chars(*key), patterns.required_text(*key)) for key in known} == known
    finally:
        _parser.parse = real
    assert parsed == []
