# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailFollowers(models.Model):
    _inherit = "mail.followers"
    _gdpr_sequence = 440

    def _gdpr_erase(self, batch):
        self.env.cr.execute(
            "DELETE FROM mail_followers WHERE partner_id IN %s RETURNING partner_id",
            [batch.partner_ids],
        )
        batch.tally("mail.followers", "deleted", [row[0] for row in self.env.cr.fetchall()])
