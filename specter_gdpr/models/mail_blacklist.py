# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailBlacklist(models.Model):
    """The do-not-mail list forgets erased addresses: once erased, nothing of
    the person is left to mail, and keeping the address would keep them.
    Entries another hook declares as retained (the person asked not to be
    contacted, see specter_gdpr_mass_mailing) stay."""

    _inherit = "mail.blacklist"
    _gdpr_sequence = 500

    def _gdpr_erase(self, batch):
        self.env.cr.execute(
            "DELETE FROM mail_blacklist WHERE email = ANY(%s) AND NOT id = ANY(%s)",
            [batch.emails, self._gdpr_retained_ids(batch)],
        )

    def _gdpr_retained_ids(self, batch):
        return [
            item["res_id"]
            for items in batch.retained.values()
            for item in items
            if item["res_model"] == self._name
        ]

    def _gdpr_export(self, writer):
        writer.add(self, [("email", "in", writer.batch.emails)], ["email", "active", "create_date"])
