# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class PhoneBlacklist(models.Model):
    """The do-not-call list forgets erased numbers, as mail.blacklist does."""

    _inherit = "phone.blacklist"
    _gdpr_sequence = 500

    def _gdpr_erase(self, batch):
        """Numbers are stored in E.164, so equality on the unique index finds them."""
        self.env.cr.execute("DELETE FROM phone_blacklist WHERE number = ANY(%s)", [list(batch.phone_numbers)])

    def _gdpr_export(self, writer):
        writer.add(
            self, [("number", "in", sorted(writer.batch.phone_numbers))], ["number", "active", "create_date"]
        )
