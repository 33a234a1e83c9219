# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
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
        if not logs:
            return logs
        logs.flush_recordset()
        self.env.cr.execute(
            """
            UPDATE gdpr_erasure_log
               SET name = 'GDPR/' || to_char(date, 'YYYY') || '/' || lpad(id::text, 6, '0')
             WHERE id IN %s
            """,
            [tuple(logs.ids)],
        )
        logs.invalidate_recordset(["name"])
        return logs

    def write(self, vals):  # pylint: disable=method-required-super
        """The log is evidence: it is written once, by the erasure."""
        raise UserError(self.env._("GDPR erasure logs cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("GDPR erasure logs cannot be deleted."))

    @api.model
    def _create_for_batch(self, batch, user):
        """One log per root partner of an executed ``ErasureBatch``."""
        action = {"delete": "deleted", "anonymise": "anonymised"}
        logs = self.create(
            [
                {
                    "partner_ref": root_id,
                    "anonymised_partner_id": root_id if batch.actions[root_id] == "anonymise" else False,
                    "action": action[batch.actions[root_id]],
                    "reasons": "\n".join(batch.plan.reasons(root_id)),
                    "counts": {m: dict(k) for m, k in batch.counts[root_id].items()},
                    "retention_ids": [(0, 0, vals) for vals in batch.retained[root_id]],
                    "user_id": user.id,
                }
                for root_id in batch.root_ids
            ]
        )
        return logs
