# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailScheduledMessage(models.Model):
    _inherit = "mail.scheduled.message"
    _gdpr_sequence = 450
    _gdpr_staff_text = ("subject", "body")

    def _gdpr_erase(self, batch):
        self.env.cr.execute(
            """
            DELETE FROM mail_scheduled_message
             WHERE author_id IN %(ids)s OR (model = 'res.partner' AND res_id IN %(ids)s)
            """,
            {"ids": batch.partner_ids},
        )

    def _gdpr_export(self, writer):
        writer.add(self, writer.on_exported("model", "res_id"), ["subject", "body", "scheduled_date"])
