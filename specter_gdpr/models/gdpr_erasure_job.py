# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import threading
import time

from markupsafe import Markup

from odoo import api
from odoo import fields
from odoo import models

_logger = logging.getLogger(__name__)

OUTCOMES = ("deleted", "anonymised", "blocked", "failed")


class GdprErasureJob(models.Model):
    """A bulk erasure processed in the background, batch by batch.

    Each partner is a ``gdpr.erasure.job.line``. A batch claims its lines with
    ``FOR UPDATE SKIP LOCKED``, erases them through the same engine as a
    single erasure and records their outcome in the same transaction, which is
    committed: a crash loses at most the batch under way, which nothing has
    touched then, and several cron workers never take the same partners.
    """

    _name = "gdpr.erasure.job"
    _inherit = ["mail.thread"]
    _description = "GDPR bulk erasure job"
    _order = "id desc"

    BATCH_SIZE = 200
    TIME_BUDGET = 120  # seconds one cron run keeps claiming batches

    name = fields.Char(required=True, readonly=True, default="/")
    state = fields.Selection(
        [("queued", "Queued"), ("running", "Running"), ("done", "Done")],
        default="queued",
        required=True,
        readonly=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Launched by", required=True, readonly=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    date_start = fields.Datetime(string="Started", readonly=True)
    date_end = fields.Datetime(string="Finished", readonly=True)
    line_ids = fields.One2many("gdpr.erasure.job.line", "job_id", readonly=True)
    total = fields.Integer(compute="_compute_counts")
    done_count = fields.Integer(string="Done", compute="_compute_counts")
    deleted_count = fields.Integer(string="Deleted", compute="_compute_counts")
    anonymised_count = fields.Integer(string="Anonymised", compute="_compute_counts")
    blocked_count = fields.Integer(string="Refused", compute="_compute_counts")
    failed_count = fields.Integer(string="Failed", compute="_compute_counts")
    progress = fields.Float(compute="_compute_counts", help="Share of partners processed, in percent.")
    log_ids = fields.One2many("gdpr.erasure.log", "job_id", string="Logs", readonly=True)

    @api.depends("line_ids.state")
    def _compute_counts(self):
        counts = {
            (job.id, state): count
            for job, state, count in self.env["gdpr.erasure.job.line"]._read_group(
                [("job_id", "in", self.ids)], ["job_id", "state"], ["__count"]
            )
        }
        for job in self:
            by_state = {state: counts.get((job.id, state), 0) for state in ("pending", *OUTCOMES)}
            job.total = sum(by_state.values())
            job.done_count = job.total - by_state["pending"]
            job.deleted_count = by_state["deleted"]
            job.anonymised_count = by_state["anonymised"]
            job.blocked_count = by_state["blocked"]
            job.failed_count = by_state["failed"]
            job.progress = 100.0 * job.done_count / job.total if job.total else 0.0

    # -- creation ---------------------------------------------------------
    @api.model
    def _create_for_partners(self, partners):
        """A queued job for ``partners``, its lines written in one statement."""
        self.env["gdpr.erasure"]._check_officer()
        job = self.create({})
        job.name = self.env._("Erasure job %(id)s", id=job.id)
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO gdpr_erasure_job_line (job_id, partner_ref, state, create_uid, write_uid,
                                               create_date, write_date)
            SELECT %(job)s, partner_ref, 'pending', %(uid)s, %(uid)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%(ids)s) AS partner_ref
            """,
            {"job": job.id, "uid": self.env.uid, "ids": partners.ids},
        )
        self.env.ref("specter_gdpr.ir_cron_gdpr_erasure_job")._trigger()
        return job

    # -- processing -------------------------------------------------------
    @api.model
    def _claim_lines(self, limit):
        """Lock up to ``limit`` pending lines no other worker holds: [(line, partner, job)]."""
        self.env.cr.execute(
            """
            SELECT id, partner_ref, job_id FROM gdpr_erasure_job_line
             WHERE state = 'pending'
             ORDER BY id
             LIMIT %s
               FOR UPDATE SKIP LOCKED
            """,
            [limit],
        )
        return self.env.cr.fetchall()

    @api.model
    def _cron_process(self, batch_size=None, commit=None):
        """Process pending lines batch by batch, committing after each."""
        if commit is None:
            commit = not getattr(threading.current_thread(), "testing", False)
        started, done = time.monotonic(), 0
        while time.monotonic() - started < self.TIME_BUDGET:
            processed = self._process_next_batch(batch_size or self.BATCH_SIZE)
            if not processed:
                break
            done += processed
            if commit:
                # one committed transaction per batch: a crash loses at most the batch under way
                self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env.cr.execute("SELECT count(*) FROM gdpr_erasure_job_line WHERE state = 'pending'")
        self.env["ir.cron"]._notify_progress(done=done, remaining=self.env.cr.fetchone()[0])
        return done

    @api.model
    def _process_next_batch(self, batch_size):
        """Claim and erase one batch; returns how many partners it took."""
        claimed = self._claim_lines(batch_size)
        by_job = {}
        for line_id, partner_ref, job_id in claimed:
            by_job.setdefault(job_id, []).append((line_id, partner_ref))
        for job in self.browse(list(by_job)):
            job._process_lines(by_job[job.id])
        return len(claimed)

    def _process_lines(self, lines):
        """Erase the partners of ``lines`` as the officer who launched the job."""
        self.ensure_one()
        if self.state == "queued":
            self.write({"state": "running", "date_start": fields.Datetime.now()})
        partners = self.env["res.partner"].with_user(self.user_id).browse([ref for _line, ref in lines])
        result = partners.with_context(gdpr_job_id=self.id).gdpr_erase()
        outcome = {pid: key for key in ("deleted", "anonymised") for pid in result[key]}
        outcome.update({pid: "blocked" for pid in result["blocked"]})
        outcome.update({pid: "failed" for pid in result["failed"]})
        self.env.cr.execute(
            """
            UPDATE gdpr_erasure_job_line line
               SET state = outcome.state, write_date = now() at time zone 'UTC'
              FROM unnest(%s, %s) AS outcome(partner_ref, state)
             WHERE line.id IN %s AND line.partner_ref = outcome.partner_ref
            """,
            [list(outcome), list(outcome.values()), tuple(line for line, _ref in lines)],
        )
        self.env["gdpr.erasure.job.line"].invalidate_model(["state"])
        self._finish_if_done()

    def _finish_if_done(self):
        self.env.cr.execute(
            "SELECT 1 FROM gdpr_erasure_job_line WHERE job_id = %s AND state = 'pending' LIMIT 1", [self.id]
        )
        if self.env.cr.fetchone():
            return
        self.write({"state": "done", "date_end": fields.Datetime.now()})
        self._notify_done()

    def _notify_done(self):
        message = self.env._(
            "%(job)s finished: %(deleted)s deleted, %(anonymised)s anonymised, %(blocked)s refused, "
            "%(failed)s failed.",
            job=self.name,
            deleted=self.deleted_count,
            anonymised=self.anonymised_count,
            blocked=self.blocked_count,
            failed=self.failed_count,
        )
        self.message_post(
            body=Markup("<p>%s</p>") % message,
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
        self.env["bus.bus"]._sendone(
            self.user_id.partner_id,
            "simple_notification",
            {"title": self.env._("GDPR erasure job"), "message": message, "sticky": True},
        )
