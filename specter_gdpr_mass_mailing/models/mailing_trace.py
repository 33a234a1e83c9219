# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class MailingTrace(models.Model):
    """Which mailings reached the person, when they opened or clicked them:
    the traces with one of the person's addresses, or on the partners, go,
    with the clicks recorded on them (their IP addresses)."""

    _inherit = "mailing.trace"
    _gdpr_sequence = 184  # before the contacts: their traces are found through them

    # each erasure batch looks traces up by partner and by (normalized) e-mail
    res_id = fields.Many2oneReference(index=True)
    email = fields.Char(index="btree_not_null")
    failure_type = fields.Selection(
        selection_add=[("mail_gdpr_restricted", "Processing restricted (Art. 18 GDPR)")],
        ondelete={"mail_gdpr_restricted": "set null"},
    )

    def _gdpr_erase(self, batch):
        owners = dict(batch.email_owners)
        self.env.cr.execute(
            """
            SELECT id, CASE WHEN model = 'res.partner' THEN res_id END, email FROM mailing_trace
             WHERE (model = 'res.partner' AND res_id IN %(ids)s) OR email = ANY(%(emails)s)
                OR (model = 'mailing.contact'
                    AND res_id IN (SELECT id FROM mailing_contact WHERE email_normalized = ANY(%(emails)s)))
            """,
            {"ids": batch.partner_ids, "emails": list(owners) or [""]},
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

    def _gdpr_export(self, writer):
        """Which mailings reached the person, and whether they opened them."""
        writer.add(
            self,
            [("email", "in", writer.batch.emails)],
            [
                "mass_mailing_id",
                "email",
                "trace_status",
                "sent_datetime",
                "open_datetime",
                "links_click_datetime",
            ],
        )
