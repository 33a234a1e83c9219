# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class BusBus(models.Model):
    """Pending real-time notifications carry names and e-mails in JSON."""

    _inherit = "bus.bus"
    _gdpr_sequence = 510

    def _gdpr_erase(self, batch):
        if batch.json_pattern:
            self.env.cr.execute("DELETE FROM bus_bus WHERE message ~* %s", [batch.json_pattern])
