# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class BusBus(models.Model):
    """Pending real-time notifications carry names and e-mails in JSON."""

    _inherit = "bus.bus"
    _gdpr_sequence = 510

    def _gdpr_erase(self, batch):
        """Few rows live here (Odoo clears them daily): read them all and
        delete those that name a partner of the batch."""
        self.env.cr.execute("SELECT id, message FROM bus_bus")
        doomed = [bus_id for bus_id, message in self.env.cr.fetchall() if batch.mentioned_in(message)]
        if doomed:
            self.env.cr.execute("DELETE FROM bus_bus WHERE id IN %s", [tuple(doomed)])

    def _gdpr_export(self, writer):
        """Nothing: notifications are short-lived copies, for open browser
        tabs, of records exported where they live."""
