# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError


class GdprErasureLog(models.Model):
    """One record per erased or refused partner. Holds no personal data.

    The partner is referenced by its database id only (it may be deleted);
    reasons name documents (invoice numbers), never people.
    """

    _name = "gdpr.erasure.log"
    _description = "GDPR erasure log"
    _order = "id desc"

    name = fields.Char(string="Reference", required=True, readonly=True, default="/")
    partner_ref = fields.Integer(string="Partner ID", required=True, readonly=True, index=True)
    anonymised_partner_id = fields.Many2one(
        "res.partner",
        string="Anonymised partner",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",  # PostgreSQL looks it up for every partner deleted
    )
    action = fields.Selection(
        [
            ("deleted", "Deleted"),
            ("anonymised", "Anonymised"),
            ("refused", "Refused"),
            ("failed", "Failed"),
        ],
        required=True,
        readonly=True,
    )
    reasons = fields.Text(readonly=True)
    counts = fields.Json(readonly=True, help="Rows deleted, scrubbed and kept, per model.")
    counts_summary = fields.Text(compute="_compute_counts_summary", string="What was done")
    retention_ids = fields.One2many(
        "gdpr.erasure.log.retention", "log_id", string="Legally retained", readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Done by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    job_id = fields.Many2one(
        "gdpr.erasure.job",
        string="Bulk job",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        default=lambda self: self.env.context.get("gdpr_job_id"),
    )
    rule_id = fields.Many2one(
        "gdpr.retention.rule",
        string="Retention rule",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        default=lambda self: self.env.context.get("gdpr_rule_id") or None,
    )

    @api.depends("counts")
    def _compute_counts_summary(self):
        for log in self:
            lines = []
            for model, kinds in sorted((log.counts or {}).items()):
                done = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
                lines.append(f"{model}: {done}")
            log.counts_summary = "\n".join(lines)

    @api.model_create_multi
    def create(self, vals_list):
        """Logs are numbered GDPR/<year>/<id> in one statement, not one sequence
        call per log: bulk erasures create thousands at once."""
        logs = super().create(vals_list)
        if logs:
            logs.flush_recordset()
            logs._number()
        return logs

    def _number(self):
        self.env.cr.execute(
            """
            UPDATE gdpr_erasure_log
               SET name = 'GDPR/' || to_char(date, 'YYYY') || '/' || lpad(id::text, 6, '0')
             WHERE id IN %s
            """,
            [tuple(self.ids)],
        )
        self.invalidate_recordset(["name"])

    def write(self, vals):  # pylint: disable=method-required-super
        """The log is evidence: it is written once, by the erasure."""
        raise UserError(self.env._("GDPR erasure logs cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("GDPR erasure logs cannot be deleted."))

    @api.model
    def _create_for_batch(self, batch, user):
        """One log per root partner of an executed ``ErasureBatch``, inserted
        in one statement (a bulk job writes thousands; the ORM took a third of
        the erasure's time)."""
        action = {"delete": "deleted", "anonymise": "anonymised"}
        roots = batch.root_ids
        self.env.cr.execute(
            """
            INSERT INTO gdpr_erasure_log (name, partner_ref, anonymised_partner_id, action, reasons, counts,
                                          user_id, company_id, job_id, rule_id, date,
                                          create_uid, write_uid, create_date, write_date)
            SELECT '/', log.partner_ref, log.anonymised, log.action, log.reasons, log.counts::jsonb,
                   %(user)s, %(company)s, %(job)s, %(rule)s, now() at time zone 'UTC',
                   %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%(refs)s, %(anonymised)s::int[], %(actions)s, %(reasons)s, %(counts)s)
                   AS log(partner_ref, anonymised, action, reasons, counts)
         RETURNING id
            """,
            {
                "user": user.id,
                "company": self.env.company.id,
                "job": self.env.context.get("gdpr_job_id") or None,
                "rule": self.env.context.get("gdpr_rule_id") or None,
                "uid": self.env.uid,
                "refs": roots,
                "anonymised": [root if batch.actions[root] == "anonymise" else None for root in roots],
                "actions": [action[batch.actions[root]] for root in roots],
                "reasons": ["\n".join(batch.plan.reasons(root)) for root in roots],
                "counts": [json.dumps({m: dict(k) for m, k in batch.counts[root].items()}) for root in roots],
            },
        )
        logs = self.browse(row[0] for row in self.env.cr.fetchall())
        logs._number()
        self._insert_retention(logs, batch)
        return logs

    @api.model
    def _insert_retention(self, logs, batch):
        """The retained items of the logs, in one statement: an anonymised
        customer keeps a handful (invoice, payment, lines), a bulk job
        thousands, and the ORM would create them one by one."""
        rows = [(log.id, vals) for log in logs for vals in batch.retained[log.partner_ref]]
        if not rows:
            return
        self.env.cr.execute(
            """
            INSERT INTO gdpr_erasure_log_retention (log_id, res_model, res_id, field_names, retain_until,
                                                    create_uid, write_uid, create_date, write_date)
            SELECT item.log_id, item.res_model, item.res_id, item.field_names, item.retain_until,
                   %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%(log_ids)s, %(models)s, %(res_ids)s, %(fields)s, %(until)s::date[])
                   AS item(log_id, res_model, res_id, field_names, retain_until)
            """,
            {
                "uid": self.env.uid,
                "log_ids": [log_id for log_id, _vals in rows],
                "models": [vals["res_model"] for _id, vals in rows],
                "res_ids": [vals["res_id"] for _id, vals in rows],
                "fields": [vals["field_names"] for _id, vals in rows],
                "until": [vals["retain_until"] for _id, vals in rows],
            },
        )
        logs.invalidate_recordset(["retention_ids"])
