"""scripts/make-venv: the interpreter named by PLANLEDGER_PYTHON is taken or refused, never replaced by another."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "make-venv"


@pytest.mark.skipif(sys.platform == "win32", reason="a bash script")
@pytest.mark.parametrize("named", ["/nonexistent/python3.11", sys.executable + "-no-such-build", "true"])
def test_a_named_interpreter_that_is_none_is_refused_by_name(named):
    # refused before anything is made: .venv is neither created nor touched
    done = subprocess.run(["bash", str(SCRIPT), "test"], env={**os.environ, "PLANLEDGER_PYTHON": named},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr.strip() == f"make-venv: PLANLEDGER_PYTHON={named} is no CPython 3.11 with venv and ensurepip"
    assert done.stdout == ""
