"""The erasure benchmark keeps working: it runs at a small N on the test database."""

import configparser
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CONF = os.environ.get("SPECTER_ODOO_CONF")
BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_erasure.py"


@pytest.mark.skipif(not CONF, reason="run through `make test` (needs SPECTER_ODOO_CONF)")
def test_erasure_benchmark_small():
    options = configparser.ConfigParser()
    options.read(CONF)
    db = options["options"]["db_name"]
    run = subprocess.run(
        [sys.executable, str(BENCH), "-c", CONF, "-d", db, "--n", "40"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    print(run.stdout)
    assert re.search(r"partners erased\s+: 50 \(40 anonymised, 10 deleted, 0 blocked, 0 failed\)", run.stdout)
    assert re.search(r"erasure job\s+: [\d.]+ s, \d+ partners/s", run.stdout)
    assert re.search(r"raw-SQL floor\s+: [\d.]+ s", run.stdout)
