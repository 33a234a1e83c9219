# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailPushDevice(models.Model):
    _inherit = "mail.push.device"
    _gdpr_sequence = 450

    def _gdpr_erase(self, batch):
        batch.delete_rows("mail.push.device", "mail_push_device")

    def _gdpr_export(self, writer):
        """That a browser receives push notifications; never its keys."""
        writer.add(self, [("partner_id", "in", writer.partner_ids)], ["create_date", "expiration_time"])
