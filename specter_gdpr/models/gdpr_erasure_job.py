# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import threading
import time

from markupsafe import Markup

from odoo import api
from odoo import fields
from odoo import models
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import config

_logger = logging.getLogger(__name__)

OUTCOMES = ("deleted", "anonymised", "blocked", "failed")
MAX_CONFLICTS = 20  # serialization failures in a row before a run gives up (the next run goes on)


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
    TIME_BUDGET = 60  # seconds one cron run keeps claiming batches, at most

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
    rule_id = fields.Many2one(
        "gdpr.retention.rule",
        string="Retention rule",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        default=lambda self: self.env.context.get("gdpr_rule_id"),
        help="The retention rule that launched this job, if any.",
    )

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
        """A queued job for ``partners``, its lines written in one statement:
        one line per root, so that a company and the contacts selected with it
        are erased together and no batch boundary falls between them."""
        self.env["gdpr.erasure"]._check_officer()
        job = self.create({})
        job.name = self.env._("Erasure job %(id)s", id=job.id)
        self.env.flush_all()
        self.env.cr.execute(
            """
            WITH RECURSIVE chosen AS (SELECT DISTINCT unnest(%(ids)s::int[]) AS id),
            ancestor(id, ancestor_id) AS (
                SELECT p.id, p.parent_id FROM res_partner p JOIN chosen USING (id)
                 WHERE p.parent_id IS NOT NULL
                 UNION
                SELECT ancestor.id, p.parent_id
                  FROM ancestor JOIN res_partner p ON p.id = ancestor.ancestor_id
                 WHERE p.parent_id IS NOT NULL
            )
            INSERT INTO gdpr_erasure_job_line (job_id, partner_ref, state, create_uid, write_uid,
                                               create_date, write_date)
            SELECT %(job)s, chosen.id, 'pending', %(uid)s, %(uid)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM chosen
             WHERE NOT EXISTS (SELECT 1 FROM ancestor a JOIN chosen c ON c.id = a.ancestor_id
                                WHERE a.id = chosen.id)
             ORDER BY chosen.id
         RETURNING id
            """,
            {"job": job.id, "uid": self.env.uid, "ids": partners.ids},
        )
        self._enqueue(job, sorted(row[0] for row in self.env.cr.fetchall()))
        return job

    def _enqueue(self, job, line_ids):
        """Hand the job's lines to the workers (the bridge to queue_job overrides this)."""
        self.env.ref("specter_gdpr.ir_cron_gdpr_erasure_job")._trigger()

    # -- processing -------------------------------------------------------
    @api.model
    def _time_budget(self):
        """Seconds one cron run keeps claiming batches: well inside the time a
        worker may run before Odoo kills it (``limit_time_real``)."""
        limit = config.get("limit_time_real_cron") or -1
        if limit <= 0:
            limit = config.get("limit_time_real") or 0
        return min(self.TIME_BUDGET, limit / 3) if limit > 0 else self.TIME_BUDGET

    @api.model
    def _claim_lines(self, limit, line_ids=None):
        """Lock up to ``limit`` pending lines no other worker holds: [(line, partner, job)]."""
        self.env.cr.execute(
            """
            SELECT id, partner_ref, job_id FROM gdpr_erasure_job_line
             WHERE state = 'pending' AND (%(ids)s::int[] IS NULL OR id = ANY(%(ids)s))
             ORDER BY id
             LIMIT %(limit)s
               FOR UPDATE SKIP LOCKED
            """,
            {"limit": limit, "ids": line_ids},
        )
        return self.env.cr.fetchall()

    @api.model
    def _cron_process(self, batch_size=None, commit=None):
        """Process pending lines batch by batch, each in its own committed
        transaction, telling Odoo the progress after every batch: a run
        killed by the watchdog or a crash loses at most the batch under way,
        and the next run picks up at once instead of an hour later."""
        if commit is None:
            commit = not getattr(threading.current_thread(), "testing", False)
        started, done, conflicts = time.monotonic(), 0, 0
        self.search([("state", "=", "running")])._finish_if_done(commit=commit)  # closed by nobody yet
        self._report_progress(remaining=None, commit=commit)
        while time.monotonic() - started < self._time_budget():
            try:
                processed, jobs = self._process_next_batch(batch_size or self.BATCH_SIZE)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                # another worker changed what this batch read: nothing of it stays, it is claimed again
                if not commit or conflicts >= MAX_CONFLICTS:
                    raise
                conflicts += 1
                self._rollback()
                continue
            if not processed:
                break
            done, conflicts = done + processed, 0
            self._report_progress(remaining=None, commit=commit)
            jobs._finish_if_done(commit=commit)
        self._report_progress(remaining=0 if not self._claimable() else None, commit=commit)
        return done

    @api.model
    def _process_next_batch(self, batch_size, line_ids=None):
        """Claim and erase one batch: (how many lines it took, their jobs)."""
        claimed = self._claim_lines(batch_size, line_ids)
        by_job = {}
        for line_id, partner_ref, job_id in claimed:
            by_job.setdefault(job_id, []).append((line_id, partner_ref))
        jobs = self.browse(list(by_job))
        for job in jobs:
            job._process_lines(by_job[job.id])
        return len(claimed), jobs

    def _process_lines(self, lines):
        """Erase the partners of ``lines`` as the officer who launched the job,
        re-planned now: anything that appeared since the job was created turns
        a deletion into an anonymisation (see ``_gdpr_plan``)."""
        self.ensure_one()
        if self.state == "queued":
            self.write({"state": "running", "date_start": fields.Datetime.now()})
        partners = self.env["res.partner"].with_user(self.user_id).browse([ref for _line, ref in lines])
        context = {
            "gdpr_job_id": self.id,
            "gdpr_planned_at": self.create_date,
            "gdpr_rule_id": self.rule_id.id,
        }
        result = partners.with_context(**context).gdpr_erase()
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

    def _finish_if_done(self, commit=True):
        """Close the jobs that have no pending line left, exactly once.

        Runs after the batch's commit, in a new transaction: its snapshot sees
        every batch committed before, so the worker that commits a job's last
        batch always sees it complete. Two workers finishing at once meet on
        the job's row lock; the second one's serialization failure (or empty
        result) means the first one closed it.
        """
        if not self:
            return
        self.flush_model(["state"])
        try:
            self.env.cr.execute(
                """
                SELECT id FROM gdpr_erasure_job job
                 WHERE id IN %s AND state != 'done'
                   AND NOT EXISTS (SELECT 1 FROM gdpr_erasure_job_line
                                    WHERE job_id = job.id AND state = 'pending')
                   FOR UPDATE
                """,
                [tuple(self.ids)],
            )
            finished = self.browse([row[0] for row in self.env.cr.fetchall()])
            finished.invalidate_recordset()
            if finished:
                finished._sweep_leftovers()
            for job in finished:
                job.write({"state": "done", "date_end": fields.Datetime.now()})
                job._notify_done()
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            if not commit:
                raise
            self._rollback()

    def _sweep_leftovers(self):
        """Chatter and files that someone attached to a partner while its batch
        was deleting it (committed after the batch read them) point to no
        partner any more: they go when the job closes."""
        self.env.cr.execute(
            "SELECT partner_ref FROM gdpr_erasure_job_line WHERE job_id IN %s AND state = 'deleted'",
            [tuple(self.ids)],
        )
        deleted = tuple(row[0] for row in self.env.cr.fetchall())
        if not deleted:
            return
        self.env.cr.execute(
            "DELETE FROM mail_message WHERE model = 'res.partner' AND res_id IN %s AND res_id NOT IN "
            "(SELECT id FROM res_partner WHERE id IN %s)",
            [deleted, deleted],
        )
        files = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "res.partner"), ("res_id", "in", list(deleted))])
        )
        files.filtered(lambda file: not self.env["res.partner"].browse(file.res_id).exists()).unlink()

    @api.model
    def _claimable(self):
        """Whether a pending line is left that no other worker holds. A line
        another worker changed since this transaction's snapshot counts as
        left: the serialization failure only says someone is at work."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT 1 FROM gdpr_erasure_job_line WHERE state = 'pending' "
                    "LIMIT 1 FOR UPDATE SKIP LOCKED"
                )
                return bool(self.env.cr.fetchone())
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            return True

    @api.model
    def _report_progress(self, remaining, commit):
        """Tell Odoo how far the unfinished jobs are (every worker's lines),
        and commit it with the batch: a run that dies later still counts as
        progress, so Odoo reschedules the cron at once instead of marking it
        timed out."""
        self.env.cr.execute(
            """
            SELECT count(*) FILTER (WHERE line.state != 'pending'),
                   count(*) FILTER (WHERE line.state = 'pending')
              FROM gdpr_erasure_job_line line JOIN gdpr_erasure_job job ON job.id = line.job_id
             WHERE job.state != 'done'
            """
        )
        done, pending = self.env.cr.fetchone()
        self.env["ir.cron"]._notify_progress(done=done, remaining=pending if remaining is None else remaining)
        if commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _rollback(self):
        self.env.cr.rollback()
        self.env.invalidate_all()

    def _gdpr_plan(self, plan):
        """A job erases what the officer saw: a partner with a document, a
        message or a meeting newer than the job is anonymised, not deleted
        (the newer record may be a draft the engine would delete with it)."""
        planned_at = self.env.context.get("gdpr_planned_at")
        if not planned_at:
            return
        self.env.cr.execute(
            """
            SELECT partner_id FROM sale_order WHERE partner_id IN %(ids)s AND create_date > %(at)s
             UNION
            SELECT partner_id FROM account_move WHERE partner_id IN %(ids)s AND create_date > %(at)s
             UNION
            SELECT partner_id FROM crm_lead WHERE partner_id IN %(ids)s AND create_date > %(at)s
             UNION
            SELECT partner_id FROM calendar_attendee WHERE partner_id IN %(ids)s AND create_date > %(at)s
             UNION
            SELECT author_id FROM mail_message WHERE author_id IN %(ids)s AND create_date > %(at)s
             UNION
            SELECT res_id FROM mail_message
             WHERE model = 'res.partner' AND res_id IN %(ids)s AND create_date > %(at)s
            """,
            {"ids": plan.partner_ids, "at": planned_at},
        )
        plan.keep(
            [row[0] for row in self.env.cr.fetchall()],
            self.env._("New activity since the erasure job was created: anonymised instead of deleted."),
        )

    def _notify_done(self):
        """Tell the officer who started the job, in their language: a warning
        only when something was refused or failed."""
        env = self.with_context(lang=self.user_id.lang or self.env.lang).env
        message = env._(
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
        kind = "warning" if self.blocked_count or self.failed_count else "success"
        self.env["bus.bus"]._sendone(
            self.user_id.partner_id,
            "simple_notification",
            {
                "title": env._("GDPR erasure job"),
                "message": message,
                "sticky": kind == "warning",
                "type": kind,
            },
        )
