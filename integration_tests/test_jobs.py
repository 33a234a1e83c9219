"""Bulk-erasure jobs run by real processes: two workers on one job, and Odoo's
own cron machinery with its worker killed (``kill -9``) three runs in a row.

The partners and the job are committed by a subprocess; each worker is a
separate Python process with its own Odoo registry and database connection.
"""

import os
import subprocess
import sys
import uuid
from collections import Counter

import pytest
from odoo_db import options
from odoo_db import query

CONF = os.environ.get("SPECTER_ODOO_CONF")
pytestmark = pytest.mark.skipif(not CONF, reason="run through `make test` (needs SPECTER_ODOO_CONF)")

PRELUDE = """
import os, signal, sys
import odoo
from odoo.tools import config
config.parse_config(["-c", {conf!r}, "-d", {db!r}, "--log-level=warn"])
registry = odoo.modules.registry.Registry({db!r})
"""

SETUP = """
with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {{"tracking_disable": True}})
    Partner = env["res.partner"]
    companies = Partner.create([{{"name": "Jobbföretag {tag} %d AB" % i, "is_company": True}}
                                for i in range({companies})])
    contacts = Partner.create([{{"name": "Jobbkontakt {tag} %d" % i, "parent_id": c.id}}
                               for i, c in enumerate(companies)])
    alone = Partner.create([{{"name": "Jobbkund {tag} %d" % i, "email": "jobb.{tag}.%d@example.org" % i}}
                            for i in range({alone})])
    job = env["gdpr.erasure.job"]._create_for_partners(contacts | companies | alone)
    print(job.id)
"""

WORKER = """
Job = registry["gdpr.erasure.job"]
Job.BATCH_SIZE = {batch}
with registry.cursor() as cr:
    odoo.api.Environment(cr, odoo.SUPERUSER_ID, {{}})["gdpr.erasure.job"]._cron_process()
"""

# One cron run as Odoo's cron worker does it; the process kills itself (SIGKILL,
# no cleanup of any kind) when it starts its ``crash_at``-th batch.
CRON_RUN = """
Job = registry["gdpr.erasure.job"]
Job.BATCH_SIZE = {batch}
process_lines, started = Job._process_lines, []
def process_or_die(self, lines):
    started.append(1)
    if len(started) == {crash_at}:
        os.kill(os.getpid(), signal.SIGKILL)
    return process_lines(self, lines)
Job._process_lines = process_or_die
with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {{}})
    cron_id = env.ref("specter_gdpr.ir_cron_gdpr_erasure_job").id
IrCron = registry["ir.cron"]
db = odoo.sql_db.db_connect({db!r})
with db.cursor() as cron_cr:
    job = IrCron._acquire_one_job(cron_cr, cron_id)
    print("acquired" if job else "not ready")
    if job:
        IrCron._process_job(db, cron_cr, job)
"""


def _python(code, **values):
    script = PRELUDE.format(conf=CONF, db=options()["db_name"]) + code.format(
        db=options()["db_name"], **values
    )
    return subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _run(code, **values):
    process = _python(code, **values)
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def _new_job(companies, alone):
    code, out, err = _run(SETUP, tag=uuid.uuid4().hex[:6], companies=companies, alone=alone)
    assert code == 0, err[-3000:]
    return int(out.strip().splitlines()[-1])


def _assert_complete_exactly_once(job_id, lines):
    state, date_end = query(None, "SELECT state, date_end FROM gdpr_erasure_job WHERE id = %s", [job_id])[0]
    assert (state, date_end is not None) == ("done", True)
    notices = query(
        None,
        """SELECT count(*) FROM mail_message
            WHERE model = 'gdpr.erasure.job' AND res_id = %s AND body LIKE '%%finished:%%'""",
        [job_id],
    )
    assert notices == [(1,)], "the officer is told once"
    line_states = query(
        None, "SELECT partner_ref, state FROM gdpr_erasure_job_line WHERE job_id = %s", [job_id]
    )
    logs = query(None, "SELECT partner_ref, action FROM gdpr_erasure_log WHERE job_id = %s", [job_id])
    assert len(line_states) == lines
    assert Counter(ref for ref, _action in logs) == Counter(
        ref for ref, _state in line_states
    ), "every line has exactly one log"
    outcome = {"refused": "blocked"}
    assert sorted(line_states) == sorted((ref, outcome.get(action, action)) for ref, action in logs)


def test_two_workers_finish_a_job_exactly_once():
    """Three jobs, each run by two worker processes at once, batches of 9 (not
    a divisor): each ends once, with one notice, and lines and logs agree."""
    for _attempt in range(3):
        job_id = _new_job(companies=60, alone=70)
        workers = [_python(WORKER, batch=9) for _i in range(2)]
        for worker in workers:
            _out, err = worker.communicate(timeout=600)
            assert worker.returncode == 0, err[-3000:]
        _assert_complete_exactly_once(job_id, lines=130)


def test_killed_three_runs_in_a_row_the_job_still_completes_at_once():
    """Odoo's cron worker is killed in the first batch of three runs in a row
    (after a first run that got some batches done): the next pickup runs the
    job at once, not an hour later, and completes it."""
    job_id = _new_job(companies=0, alone=250)
    for crash_at in (3, 1, 1, 1):
        code, out, _err = _run(CRON_RUN, batch=50, crash_at=crash_at)
        assert code == -9, "the worker was killed"
        assert "acquired" in out, "the cron was ready again right after the kill"
    assert query(
        None, "SELECT count(*) FROM gdpr_erasure_job_line WHERE job_id = %s AND state = 'pending'", [job_id]
    ) == [(150,)]
    code, out, err = _run(CRON_RUN, batch=50, crash_at=0)
    assert code == 0, err[-3000:]
    assert "acquired" in out, "not moved to the next hourly slot"
    assert "timed out" not in err
    _assert_complete_exactly_once(job_id, lines=250)
    failures = query(
        None,
        """SELECT failure_count FROM ir_cron WHERE id = (
               SELECT res_id FROM ir_model_data
                WHERE module = 'specter_gdpr' AND name = 'ir_cron_gdpr_erasure_job')""",
    )
    assert failures == [(0,)]
