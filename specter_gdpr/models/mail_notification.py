# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailNotification(models.Model):
    _inherit = "mail.notification"
    _gdpr_sequence = 430

    def _gdpr_erase(self, batch):
        self.env.cr.execute(
            "DELETE FROM mail_notification WHERE res_partner_id IN %s RETURNING res_partner_id",
            [batch.partner_ids],
        )
        batch.tally("mail.notification", "deleted", [row[0] for row in self.env.cr.fetchall()])
