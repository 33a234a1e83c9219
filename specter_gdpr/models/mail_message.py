# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api
from odoo import models
from odoo.osv import expression
from odoo.tools import email_split

# Not meant for staff only: the system's own log of a record (created, a field
# changed, portal access granted) and messages anyone following it may see, but
# not the notes staff write for each other nor "assigned to you" notifications.
NOT_STAFF_ONLY = [
    ("message_type", "!=", "user_notification"),
    "|",
    ("message_type", "!=", "comment"),
    "&",
    ("is_internal", "=", False),
    "|",
    ("subtype_id", "=", False),
    ("subtype_id.internal", "=", False),
]


class MailMessage(models.Model):
    _inherit = "mail.message"
    _gdpr_sequence = 400
    _gdpr_covers = ("mail.message.reaction",)
    _gdpr_partner_copies = {"author_id": ["email_from", "reply_to"]}
    _gdpr_staff_text = ("body", "subject", "email_from", "reply_to", "record_name")

    def _gdpr_identifiers(self, batch):
        """Addresses the person wrote from, the old ones too (an e-mail from an
        address they no longer have is still theirs)."""
        self.env.cr.execute(
            """
            SELECT DISTINCT author_id, email_from FROM mail_message
             WHERE author_id IN %s AND email_from IS NOT NULL
            """,
            [batch.partner_ids],
        )
        for partner_id, email_from in self.env.cr.fetchall():
            batch.add_identifiers(partner_id, email_split(email_from))

    def _gdpr_erase(self, batch):
        self._gdpr_delete_partner_chatter(batch)
        self._gdpr_blank_authored(batch)
        self._gdpr_redact_mentions(batch)
        self._gdpr_redact_linked(batch)

    def _gdpr_delete_partner_chatter(self, batch):
        """The partners' own chatter goes, with its tracking values and mails."""
        self.env.cr.execute(
            "DELETE FROM mail_message WHERE model = 'res.partner' AND res_id IN %s RETURNING res_id",
            [batch.partner_ids],
        )
        batch.tally("mail.message", "deleted", [row[0] for row in self.env.cr.fetchall()])

    def _gdpr_blank_authored(self, batch):
        """What the person wrote on other records is theirs: its content goes."""
        removed = Markup("<p>%s</p>") % self.env._("[Message removed: personal data erased]")
        self.env.cr.execute(
            """
            UPDATE mail_message
               SET body = %s, subject = NULL, email_from = NULL, reply_to = NULL
             WHERE author_id IN %s
         RETURNING author_id
            """,
            [str(removed), batch.partner_ids],
        )
        batch.tally("mail.message", "scrubbed", [row[0] for row in self.env.cr.fetchall()])
        self.env.cr.execute(
            """
            SELECT rel.attachment_id FROM message_attachment_rel rel
              JOIN mail_message msg ON msg.id = rel.message_id
             WHERE msg.author_id IN %s
            """,
            [batch.partner_ids],
        )
        self.env["ir.attachment"].browse(row[0] for row in self.env.cr.fetchall()).unlink()
        self.env.cr.execute("DELETE FROM mail_message_reaction WHERE partner_id IN %s", [batch.partner_ids])

    def _gdpr_redact_mentions(self, batch):
        """Messages that mention or were sent to the person are about them:
        they lose the person's identifiers, names included."""
        self.env.cr.execute(
            """
            SELECT mail_message_id, res_partner_id FROM mail_message_res_partner_rel
             WHERE res_partner_id IN %s
            """,
            [batch.partner_ids],
        )
        partner_by_message = dict(self.env.cr.fetchall())
        batch.redact("mail_message", list(self._gdpr_staff_text), partner_by_message)
        self.env.cr.execute(
            "DELETE FROM mail_message_res_partner_rel WHERE res_partner_id IN %s", [batch.partner_ids]
        )

    def _gdpr_redact_linked(self, batch):
        """Staff's messages on kept records lose the person's identifiers."""
        for model, partner_by_record in batch.linked.items():
            res_ids = batch.redact(
                "mail_message",
                ["body", "subject", "email_from", "reply_to", "record_name"],
                partner_by_record,
                key="res_id",
                where="t.model = %(model)s",
                params={"model": model},
            )
            batch.tally("mail.message", "scrubbed", [partner_by_record[r] for r in res_ids])

    @api.model
    def _gdpr_staff_only_ids(self, ids):
        """Of the messages ``ids``, those meant for staff only: internal
        notes, "assigned to you" notifications."""
        return (
            self.sudo()
            .search([("id", "in", list(ids)), "!", *expression.normalize_domain(NOT_STAFF_ONLY)])
            .ids
        )

    def _gdpr_export(self, writer):
        """Messages the person wrote or received, and the chatter of their records."""
        domain = expression.OR(
            [
                [("author_id", "in", writer.partner_ids)],
                [("partner_ids", "in", writer.partner_ids)],
                writer.on_exported("model", "res_id"),
            ]
        )
        # the register's own handling notes are not the person's data (their requests are)
        domain = expression.AND([domain, [("model", "not like", "gdpr.%")]])
        if writer.own_only:
            # the person's own copy: staff-only notes of their records go to review
            # ("assigned to you" notifications are staff-only even when created under the person's login)
            domain = expression.AND(
                [
                    domain,
                    [("message_type", "!=", "user_notification")],
                    ["|", ("author_id", "in", writer.partner_ids), *NOT_STAFF_ONLY],
                ]
            )
        writer.add(
            self,
            domain,
            ["date", "author_id", "email_from", "subject", "body", "message_type", "model", "record_name"],
        )
