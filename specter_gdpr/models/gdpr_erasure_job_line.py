# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class GdprErasureJobLine(models.Model):
    """One partner of a bulk erasure job and what became of it."""

    _name = "gdpr.erasure.job.line"
    _description = "GDPR bulk erasure job partner"
    _order = "id"

    job_id = fields.Many2one("gdpr.erasure.job", required=True, ondelete="cascade", index=True)
    partner_ref = fields.Integer(string="Partner ID", required=True)
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("deleted", "Deleted"),
            ("anonymised", "Anonymised"),
            ("blocked", "Refused"),
            ("failed", "Failed"),
        ],
        default="pending",
        required=True,
        index=True,
    )
