# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class GdprRequestExtendWizard(models.TransientModel):
    _name = "gdpr.request.extend.wizard"
    _description = "Extend a GDPR request's deadline"

    request_id = fields.Many2one("gdpr.request", required=True, ondelete="cascade")
    months = fields.Selection([("1", "One month"), ("2", "Two months")], required=True, default="1")
    reason = fields.Text(required=True, help="Sent to the requester (Art. 12(3) GDPR).")

    def action_extend(self):
        self.request_id._extend(int(self.months), self.reason)
        return {"type": "ir.actions.act_window_close"}
