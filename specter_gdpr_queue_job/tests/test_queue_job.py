# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job as QueueJob


@tagged("post_install", "-at_install")
class TestBulkErasureOnQueueJob(TransactionCase):
    def _partners(self, count):
        return self.env["res.partner"].create(
            [{"name": f"Köjobbkund {i}", "email": f"kojobb.{i}@example.org"} for i in range(count)]
        )

    def _queued(self, method, job):
        return (
            self.env["queue.job"]
            .search(
                [
                    ("model_name", "=", "gdpr.erasure.job"),
                    ("method_name", "=", method),
                    ("records", "!=", False),
                ]
            )
            .filtered(lambda queued: queued.records == job)
        )

    def _perform(self, queued):
        return [QueueJob.load(self.env, each.uuid).perform() for each in queued]

    def test_each_batch_is_a_queue_job_of_the_gdpr_channel(self):
        partners = self._partners(450)
        job = self.env["gdpr.erasure.job"]._create_for_partners(partners)
        batches = self._queued("_job_erase_lines", job)
        self.assertEqual(len(batches), 3)
        self.assertEqual(set(batches.mapped("channel")), {"root.gdpr"})
        self.assertEqual(sorted(len(batch.args[0]) for batch in batches), [50, 200, 200])
        self._perform(batches)
        self.assertFalse(partners.exists())
        self.assertNotEqual(job.state, "done", "closed by its own queue job, after the batches' commit")
        finishers = self._queued("_job_finish", job)
        self.assertEqual(len(finishers), 3)
        self._perform(finishers)
        job.invalidate_recordset()
        self.assertEqual((job.state, job.deleted_count, job.total), ("done", 450, 450))
        self.assertTrue(job.date_end)
        notices = job.message_ids.filtered(lambda message: "finished" in (message.body or ""))
        self.assertEqual(len(notices), 1, "three finishers, one notice")
        logs = self.env["gdpr.erasure.log"].search([("job_id", "=", job.id)])
        self.assertEqual(sorted(logs.mapped("partner_ref")), sorted(partners.ids))
        # a batch retried by queue_job after it committed finds nothing left to do
        self.assertIn("0 partners", self._perform(batches[:1])[0])

    def test_the_cron_still_takes_what_no_queue_job_did(self):
        partners = self._partners(5)
        job = self.env["gdpr.erasure.job"]._create_for_partners(partners)
        self.env["gdpr.erasure.job"]._cron_process(commit=False)
        self.assertEqual(job.state, "done")
        self.assertFalse(partners.exists())
