# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class GdprRetentionPreviewLine(models.TransientModel):
    """One partner of a retention rule's preview."""

    _name = "gdpr.retention.preview.line"
    _description = "GDPR retention rule preview line"

    preview_id = fields.Many2one("gdpr.retention.preview", required=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", readonly=True, context={"active_test": False})
    last_activity = fields.Datetime(
        readonly=True, help="The partner's latest sign of life within the period the rules look at."
    )
    action = fields.Selection(
        [
            ("delete", "Delete"),
            ("anonymise", "Anonymise"),
            ("blocked", "Refused by the plan"),
            ("notice", "Advance notice first"),
        ],
        readonly=True,
    )
    reasons = fields.Text(readonly=True)
