# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailFollowers(models.Model):
    _inherit = "mail.followers"
    _gdpr_sequence = 440

    def _gdpr_erase(self, batch):
        batch.delete_rows("mail.followers", "mail_followers")
