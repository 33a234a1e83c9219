# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailBlacklist(models.Model):
    """The do-not-mail list forgets erased addresses: once erased, nothing of
    the person is left to mail, and keeping the address would keep them."""

    _inherit = "mail.blacklist"
    _gdpr_sequence = 500

    def _gdpr_erase(self, batch):
        self.env.cr.execute("DELETE FROM mail_blacklist WHERE email = ANY(%s)", [batch.emails])
