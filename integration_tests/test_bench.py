"""The benchmarks keep working: they run at a small size on the test database."""

import configparser
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CONF = os.environ.get("SPECTER_ODOO_CONF")
BENCH = Path(__file__).resolve().parent.parent / "bench"
pytestmark = pytest.mark.skipif(not CONF, reason="run through `make test` (needs SPECTER_ODOO_CONF)")


def _db():
    options = configparser.ConfigParser()
    options.read(CONF)
    return options["options"]["db_name"]


def _bench(script, *args, database=True):
    run = subprocess.run(
        [sys.executable, str(BENCH / script), "-c", CONF, *(("-d", _db()) if database else ()), *args],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    print(run.stdout)
    return run.stdout


def test_erasure_benchmark_small():
    out = _bench("bench_erasure.py", "--n", "40", "--messages", "2000")
    assert re.search(r"partners erased\s+: 50 \(40 anonymised, 10 deleted, 0 blocked, 0 failed\)", out)
    assert re.search(r"chatter messages in db\s+: \d{4,}", out)
    assert re.search(r"erasure job\s+: [\d.]+ s, \d+ partners/s", out)
    assert re.search(r"raw-SQL floor\s+: [\d.]+ s", out)


def test_data_export_benchmark_small():
    out = _bench("bench_data_export.py", "--messages", "300", "--orders", "40", "--invoices", "40")
    assert re.search(r"export ZIP\s+: [\d.]+ s", out), out
    assert "sale.order 40" in out and "account.move 40" in out, out


def test_inactive_benchmark_small():
    out = _bench("bench_inactive.py", "--customers", "500", "--rows", "5000", "--export-rows", "300")
    assert re.search(r"fill last_purchase_date : \d+ ms \(raw-SQL floor \d+ ms", out)
    assert re.search(r"inactive search\s+: first page [\d.]+ ms", out)
    assert re.search(r"same, with the rights\s+: first page [\d.]+ ms", out)
    assert re.search(r"export 300 rows\s+: [\d.]+ s", out)


def test_retention_benchmark_small():
    out = _bench("bench_retention.py", "--partners", "500", "--rows", "5000", "--repeats", "2")
    assert re.search(r"due partners\s+: customers \d+, never_purchased \d+, lost_leads \d+", out)
    assert re.search(r"same as the floor\s+: True", out)
    assert re.search(r"rule evaluation\s+: \d+ ms for 3 rules", out)
    assert re.search(r"raw-SQL floor\s+: \d+ ms", out)


def test_rights_benchmark_small():
    """Both sides on the test database: the script runs; the figures are not the point here."""
    db = _db()
    args = ("--with-addon", db, "--without-addon", db, "--customers", "300", "--repeats", "2")
    out = _bench("bench_rights.py", *args, database=False)
    assert re.search(r"name_search \(autocomplete\)\s+[\d.]+ ms\s+[\d.]+ ms\s+[\d.]+x", out)
    assert re.search(r"invoice create \+ post\s+[\d.]+ ms", out)
