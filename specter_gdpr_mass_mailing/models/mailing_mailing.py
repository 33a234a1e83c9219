# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    gdpr_restricted_count = fields.Integer(
        string="Left out: processing restricted",
        compute="_compute_gdpr_restricted_count",
        help="Recipients left out because processing of their data is restricted (Art. 18 GDPR).",
    )

    def _compute_gdpr_restricted_count(self):
        counts = dict(
            self.env["mailing.trace"]
            .sudo()
            ._read_group(
                [("mass_mailing_id", "in", self.ids), ("failure_type", "=", "mail_gdpr_restricted")],
                ["mass_mailing_id"],
                ["__count"],
            )
        )
        for mailing in self:
            mailing.gdpr_restricted_count = counts.get(mailing, 0)
