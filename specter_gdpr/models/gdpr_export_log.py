# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError


class GdprExportLog(models.Model):
    """Who exported personal data, when, how many rows and which columns.

    Holds no personal data itself: no partner names or ids.
    """

    _name = "gdpr.export.log"
    _description = "GDPR export log"
    _order = "id desc"

    # emptied when the user is deleted (an erased portal customer who downloaded their copy)
    user_id = fields.Many2one(
        "res.users", readonly=True, ondelete="set null", default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    model = fields.Char(required=True, readonly=True)
    row_count = fields.Integer(string="Rows", required=True, readonly=True)
    columns = fields.Char(required=True, readonly=True)
    file_format = fields.Char(string="Format", required=True, readonly=True, default="xlsx")

    def write(self, vals):  # pylint: disable=method-required-super
        """The log is evidence: it is written once, by the export."""
        raise UserError(self.env._("Export logs cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Export logs cannot be deleted."))
