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
    retain_until = fields.Date(string="Retained until")

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
