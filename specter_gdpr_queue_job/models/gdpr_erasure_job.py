# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import split_every


class GdprErasureJob(models.Model):
    """Each batch of lines is a queue job of the ``root.gdpr`` channel: the
    queue_job runner hands them to every worker of every server, as many at a
    time as the channel's capacity. A batch job commits its lines and their
    logs; the job is closed by a second, small queue job that runs after that
    commit (see ``_finish_if_done``). The cron stays as a safety net: it takes
    any line a queue job did not."""

    _inherit = "gdpr.erasure.job"

    def _enqueue(self, job, line_ids):
        for chunk in split_every(self.BATCH_SIZE, line_ids, list):
            job.with_delay(
                description=self.env._("%(job)s: erase %(count)s partners", job=job.name, count=len(chunk))
            )._job_erase_lines(chunk)

    def _job_erase_lines(self, line_ids):
        """Erase one batch (the lines still pending: a retried job skips what
        is done), then queue the check that closes the job."""
        processed, jobs = self._process_next_batch(len(line_ids), line_ids)
        for job in jobs:
            # after the batches of the channel (queue_job's default priority is 10)
            job.with_delay(priority=20, description=self.env._("%(job)s: finish", job=job.name))._job_finish()
        return self.env._("%(count)s partners erased or refused", count=processed)

    def _job_finish(self):
        # a serialization failure here is retried by queue_job on fresh data
        self._finish_if_done(commit=False)
