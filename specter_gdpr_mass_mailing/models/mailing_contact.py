# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class MailingContact(models.Model):
    """Mailing contacts hold the person's e-mail address, not a link to the
    partner: those with one of the person's addresses go, with their list
    subscriptions.

    The do-not-mail list: an address leaves it with the erasure (the core's
    rule), unless the person asked not to be contacted, that is opted out of
    a mailing list. Then the address stays on, or is put on, the list (a
    mailing list imported later must not reach them again), declared in the
    log as retained."""

    _inherit = "mailing.contact"
    _gdpr_sequence = 185

    email_normalized = fields.Char(index="btree_not_null")  # each erasure batch looks them up

    def _gdpr_erase(self, batch):
        owners = dict(batch.email_owners)
        if not owners:
            return
        self.env.cr.execute(
            """
            SELECT c.id, c.email_normalized,
                   EXISTS (SELECT 1 FROM mailing_subscription s WHERE s.contact_id = c.id AND s.opt_out)
              FROM mailing_contact c
             WHERE c.email_normalized = ANY(%s)
            """,
            [list(owners)],
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return
        self._gdpr_keep_opted_out(batch, {email: owners[email] for _id, email, opted in rows if opted})
        self.env.cr.execute("DELETE FROM mailing_contact WHERE id IN %s", [tuple(row[0] for row in rows)])
        batch.tally("mailing.contact", "deleted", [owners[email] for _id, email, _opted in rows])

    def _gdpr_keep_opted_out(self, batch, root_by_email):
        """Put the opted-out addresses on the do-not-mail list and declare them."""
        if not root_by_email:
            return
        self.env.cr.execute(
            """
            INSERT INTO mail_blacklist (email, active, create_uid, write_uid, create_date, write_date)
            SELECT email, true, %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%(emails)s) AS email
                ON CONFLICT (email) DO UPDATE SET active = true
         RETURNING id, email
            """,
            {"emails": list(root_by_email), "uid": self.env.uid},
        )
        batch.retain(
            "mail.blacklist",
            [(row_id, root_by_email[email], None) for row_id, email in self.env.cr.fetchall()],
            ["email"],
        )

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("email_normalized", "in", writer.batch.emails)],
            ["name", "email", "company_name", "country_id", "list_ids", "create_date"],
        )
