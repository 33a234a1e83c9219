# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"
    _gdpr_sequence = 190
    _gdpr_staff_text = ("name", "description", "location")
    _gdpr_file_partners = "partner_ids"  # invitation.ics lists every attendee's e-mail

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        self.env["gdpr.restriction"]._check(events.partner_ids.ids, self.env._("a new meeting"))
        return events

    def write(self, vals):
        result = super().write(vals)
        if "partner_ids" in vals:
            self.env["gdpr.restriction"]._check(self.partner_ids.ids, self.env._("a meeting"))
        return result

    def _gdpr_erase(self, batch):
        """Meetings with the person stay in staff calendars, without their identity."""
        self.env.cr.execute(
            """
            SELECT event_id, partner_id FROM calendar_attendee WHERE partner_id IN %(ids)s
             UNION
            SELECT id, res_id FROM calendar_event WHERE res_model = 'res.partner' AND res_id IN %(ids)s
            """,
            {"ids": batch.partner_ids},
        )
        partner_by_event = dict(self.env.cr.fetchall())
        if not partner_by_event:
            return
        batch.link("calendar.event", partner_by_event.items())
        redacted = batch.redact(
            "calendar_event",
            ["name", "description", "location"],
            partner_by_event,
        )
        self.env.cr.execute(
            """
            UPDATE calendar_event SET res_model = NULL, res_model_id = NULL, res_id = NULL
             WHERE res_model = 'res.partner' AND res_id IN %s
            """,
            [batch.partner_ids],
        )
        self.env.cr.execute(
            "DELETE FROM calendar_event_res_partner_rel WHERE res_partner_id IN %s", [batch.partner_ids]
        )
        batch.tally("calendar.event", "scrubbed", [partner_by_event[e] for e in redacted])

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_ids", "in", writer.partner_ids)],
            ["name", "start", "stop", "allday", "location", "description", "user_id"],
        )
