"""The command line, through click's CliRunner."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planledger.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "chongqing"
SEED = SEEDS / "002_f2220428a883fe7d.txt"
GOLD = ROOT.parent / "shared" / "gold" / "seeds.jsonl"

try:
    import planledger.pipeline  # noqa: F401

    HAVE_PIPELINE = True
except ImportError:
    HAVE_PIPELINE = False
needs_pipeline = pytest.mark.skipif(not HAVE_PIPELINE, reason="planledger.pipeline is not importable yet")


def runner() -> CliRunner:
    return CliRunner()  # click 8.2+: result.stdout and result.stderr are kept apart


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_commands_have_help(name):
    command = cli.commands[name]
    assert command.help, f"{name} is missing its help"
    result = runner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout


def test_shared_format_option():
    for name in ("docs", "facts", "extract"):
        result = runner().invoke(cli, [name, "--help"])
        assert "table|csv|json|jsonl" in result.stdout, name


@needs_pipeline
def test_extract_jsonl_on_a_seed():
    result = runner().invoke(cli, ["extract", str(SEED), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines, "no facts extracted"
    for line in lines:
        fact = json.loads(line)
        assert fact["doc"] == SEED.stem
        assert fact["kind"] in ("target", "actual", "other")
        for key in ("indicator", "measure", "value", "value_high", "unit", "qualifier", "period",
                    "binding", "estimated", "quote", "sentence", "start", "end", "page", "canonical",
                    "section"):
            assert key in fact, key


@needs_pipeline
@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_extract_other_formats(fmt):
    result = runner().invoke(cli, ["extract", str(SEED), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows and rows[0]["doc"] == SEED.stem
    elif fmt == "json":
        assert json.loads(result.stdout)[0]["doc"] == SEED.stem
    else:
        assert "指标" in result.stdout  # a readable table is in Chinese by default
        english = runner().invoke(cli, ["extract", str(SEED), "--format", fmt, "--lang", "en"])
        assert english.exit_code == 0 and "indicator" in english.stdout


@needs_pipeline
def test_extract_missing_file_one_line(tmp_path):
    missing = tmp_path / "nope.txt"
    result = runner().invoke(cli, ["extract", str(missing), "--format", "jsonl"])
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0] and lines[0].startswith("planledger: ")


@needs_pipeline
def test_extract_empty_file_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner().invoke(cli, ["extract", str(empty), "--format", "jsonl"])
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(empty) in lines[0]


@needs_pipeline
def test_ingest_docs_facts(tmp_path):
    db = str(tmp_path / "t.db")
    r = runner()
    result = r.invoke(cli, ["ingest", str(SEEDS), "--db", db])
    assert result.exit_code == 0, result.stderr
    n = len(list(SEEDS.glob("*.txt")))
    assert result.stdout.strip() == f"{n} added, 0 unchanged, 0 replaced, 0 failed"
    again = r.invoke(cli, ["ingest", str(SEEDS), "--db", db])
    assert again.stdout.strip() == f"0 added, {n} unchanged, 0 replaced, 0 failed"

    docs = json.loads(r.invoke(cli, ["docs", "--db", db, "--format", "json"]).stdout)
    assert sorted(d["name"] for d in docs) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    facts = r.invoke(cli, ["facts", "--db", db, "--doc", SEED.stem, "--format", "jsonl"]).stdout.splitlines()
    assert facts and all(json.loads(line)["doc"] == SEED.stem for line in facts)
    table = r.invoke(cli, ["facts", "--db", db, "--doc", SEED.stem])
    assert table.exit_code == 0 and "引文" in table.stdout
    table = r.invoke(cli, ["facts", "--db", db, "--doc", SEED.stem, "--lang", "en"])
    assert table.exit_code == 0 and "quote" in table.stdout


@needs_pipeline
def test_ingest_bad_file_continues_and_fails(tmp_path):
    db = str(tmp_path / "t.db")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner().invoke(cli, ["ingest", str(SEED), str(empty), str(tmp_path / "missing.txt"), "--db", db])
    assert result.exit_code == 1
    assert result.stdout.strip() == "1 added, 0 unchanged, 0 replaced, 2 failed"
    errors = [line for line in result.stderr.splitlines() if line.startswith("planledger: ")]
    assert len(errors) == 2 and str(empty) in errors[0] + errors[1]
    docs = json.loads(runner().invoke(cli, ["docs", "--db", db, "--format", "json"]).stdout)
    assert [d["name"] for d in docs] == [SEED.stem]


def test_bad_db_location_one_line(tmp_path):
    where = tmp_path / "no" / "dir" / "t.db"
    result = runner().invoke(cli, ["docs", "--db", str(where)])
    assert result.exit_code == 1
    assert result.stderr.startswith("planledger: ") and str(where) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_eval_bad_gold_one_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{oops\n", encoding="utf-8")
    result = runner().invoke(cli, ["eval", str(gold), str(tmp_path)])
    assert result.exit_code == 1
    assert f"{gold}:1" in result.stderr


@needs_pipeline
@pytest.mark.skipif(not GOLD.exists(), reason="shared gold is not available")
def test_eval_json_on_seeds():
    result = runner().invoke(cli, ["eval", str(GOLD), str(SEEDS), "--format", "json", "--misses", "3"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert 0 <= report["precision"] <= 1 and 0 <= report["recall"] <= 1
    assert set(report["by_doc"]) == {p.stem for p in SEEDS.glob("*.txt")}
    assert len(report["misses"]) <= 3 and len(report["false_positives"]) <= 3
    table = runner().invoke(cli, ["eval", str(GOLD), str(SEEDS), "--misses", "2"])
    assert table.exit_code == 0 and "per document" in table.stdout and "false positives" in table.stdout


def test_the_library_api_is_importable_without_work():
    import subprocess
    import sys

    code = ("import sys, planledger; assert 'planledger.extract' not in sys.modules; "
            "p = planledger.process; assert callable(p) and planledger.__version__")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    # `planledger extract … | head -1`: the pipe closes while the facts are being written. No "unexpected
    # BrokenPipeError" line, no "Exception ignored" at exit: stderr stays empty, and the exit status is 1
    import subprocess
    import sys

    # the seeds three times over: facts of more than 1 MB, more than any pipe holds (pipe-max-size)
    big = tmp_path / "seeds-thrice.txt"
    big.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) * 3),
                   encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "planledger", "extract", str(big), "--format", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = json.loads(proc.stdout.readline())
    proc.stdout.close()  # the reader goes away with the rest of the output unread
    stderr = proc.stderr.read()
    assert proc.wait() == 1
    assert stderr == b"", stderr.decode("utf-8", "replace")
    assert first["doc"] == big.stem and first["kind"] in ("target", "actual", "other")


def test_a_whole_output_still_ends_with_status_0():
    import subprocess
    import sys

    seed = min(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)
    done = subprocess.run([sys.executable, "-m", "planledger", "extract", str(seed), "--format", "jsonl"],
                          capture_output=True, check=False)
    assert done.returncode == 0 and done.stderr == b""
    assert all(json.loads(line)["doc"] == seed.stem for line in done.stdout.splitlines())


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full (a device whose every write fails: disk full)")
def test_stdout_that_cannot_be_written_is_named(tmp_path):
    # writing the facts fails (a full disk: /dev/full): one line names stdout and the problem, the status is 1
    # (not "unexpected OSError"); a small output fails so as a large one does
    import subprocess
    import sys

    small = tmp_path / "small.txt"
    small.write_text("2025年，全市地区生产总值增长5.2%。\n", encoding="utf-8")
    for source in (small, max(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)):
        with open("/dev/full", "wb") as full:
            done = subprocess.run([sys.executable, "-m", "planledger", "extract", str(source), "--format", "jsonl"],
                                  stdout=full, stderr=subprocess.PIPE, check=False)
        assert done.returncode == 1, source
        assert done.stderr.decode("utf-8") == "planledger: stdout: [Errno 28] No space left on device\n", source
