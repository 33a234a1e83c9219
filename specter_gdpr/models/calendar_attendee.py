# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"
    _gdpr_sequence = 200

    def _gdpr_erase(self, batch):
        self.env.cr.execute(
            "DELETE FROM calendar_attendee WHERE partner_id IN %s RETURNING partner_id",
            [batch.partner_ids],
        )
        batch.tally("calendar.attendee", "deleted", [row[0] for row in self.env.cr.fetchall()])
