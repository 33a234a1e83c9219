# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError


class GdprErasureLogRetention(models.Model):
    """A record whose personal data the law makes us keep, and until when."""

    _name = "gdpr.erasure.log.retention"
    _description = "GDPR legally retained item"
    _order = "log_id, res_model, res_id"

    log_id = fields.Many2one("gdpr.erasure.log", required=True, ondelete="cascade", index=True)
    res_model = fields.Char(string="Model", required=True)
    res_id = fields.Integer(string="Record ID", required=True)
    field_names = fields.Char(
        string="Fields",
        required=True,
        help="Comma-separated fields kept as they are; 'line_ids.name' means the "
        "name of the record's lines.",
    )
    retain_until = fields.Date(string="Retained until", index=True)
    retention_ended = fields.Boolean(
        string="Retention period ended",
        compute="_compute_retention_ended",
        search="_search_retention_ended",
        help="The retention period has passed: the record may now be deleted or "
        "anonymised under the company's own procedure.",
    )

    def _compute_retention_ended(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.retention_ended = bool(item.retain_until) and item.retain_until < today

    def _search_retention_ended(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Retention period ended'."))
        ended = [("retain_until", "<", fields.Date.context_today(self))]
        return ended if (operator == "=") == value else ["!", *ended]

    def action_open_record(self):
        """Open the retained document itself."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Retention items are written by the erasure only."))
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        """The log is evidence: it is written once, by the erasure."""
        raise UserError(self.env._("GDPR erasure logs cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("GDPR erasure logs cannot be deleted."))
