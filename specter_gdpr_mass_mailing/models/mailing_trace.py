# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailingTrace(models.Model):
    """Which mailings reached the person, when they opened or clicked them:
    the traces with one of the person's addresses, or on the partners, go,
    with the clicks recorded on them (their IP addresses)."""

    _inherit = "mailing.trace"
    _gdpr_sequence = 186

    def _gdpr_erase(self, batch):
        owners = dict(batch.email_owners)
        self.env.cr.execute(
            """
            SELECT id, res_id, lower(email) FROM mailing_trace
             WHERE (model = 'res.partner' AND res_id IN %s) OR lower(email) = ANY(%s)
            """,
            [batch.partner_ids, list(owners) or [""]],
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return
        trace_ids = tuple(row[0] for row in rows)
        self.env.cr.execute("DELETE FROM link_tracker_click WHERE mailing_trace_id IN %s", [trace_ids])
        self.env.cr.execute("DELETE FROM mailing_trace WHERE id IN %s", [trace_ids])
        partners = batch.delete_ids | batch.anonymise_ids
        batch.tally(
            "mailing.trace",
            "deleted",
            [res_id if res_id in partners else owners.get(email) for _id, res_id, email in rows],
        )
