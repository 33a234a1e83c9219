# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"
    _gdpr_sequence = 200
    _gdpr_partner_copies = {"partner_id": ["email", "phone"]}

    partner_id = fields.Many2one(index="btree_not_null")  # see account_move.py

    def _gdpr_erase(self, batch):
        batch.delete_rows("calendar.attendee", "calendar_attendee")

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["event_id", "common_name", "email", "state", "availability"],
        )
