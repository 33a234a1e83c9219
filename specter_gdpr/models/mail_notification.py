# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailNotification(models.Model):
    _inherit = "mail.notification"
    _gdpr_sequence = 430
    _gdpr_staff_text = ("sms_number", "failure_reason")

    def _gdpr_erase(self, batch):
        batch.delete_rows("mail.notification", "mail_notification", "res_partner_id")

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("res_partner_id", "in", writer.partner_ids)],
            ["mail_message_id", "notification_type", "notification_status", "sms_number", "is_read"],
        )
