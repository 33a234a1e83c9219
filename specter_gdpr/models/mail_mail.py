# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"
    _gdpr_sequence = 420

    def _gdpr_erase(self, batch):
        """Outgoing and sent e-mails to the partners are deleted."""
        self.env.cr.execute(
            """
            SELECT mail.id, rel.res_partner_id
              FROM mail_mail mail
              JOIN mail_mail_res_partner_rel rel ON rel.mail_mail_id = mail.id
             WHERE rel.res_partner_id IN %s
            """,
            [batch.partner_ids],
        )
        rows = self.env.cr.fetchall()
        owners = batch.email_owners
        self.env.cr.execute(
            """
            SELECT mail.id, owner.partner_id
              FROM mail_mail mail
              JOIN unnest(%s::varchar[], %s::int[]) AS owner(email, partner_id)
                ON mail.email_to ILIKE '%%' || owner.email || '%%'
                OR mail.email_cc ILIKE '%%' || owner.email || '%%'
            """,
            [[email for email, _root in owners], [root for _email, root in owners]],
        )
        partner_by_mail = dict(rows + self.env.cr.fetchall())
        if partner_by_mail:
            self._gdpr_delete_mails(batch, partner_by_mail)
            batch.tally("mail.mail", "deleted", list(partner_by_mail.values()))

    def _gdpr_delete_mails(self, batch, partner_by_mail):
        """Delete the mails and the messages they carry, unless a message is also
        chatter on a record: then it only loses the identifiers."""
        self.env.cr.execute(
            "DELETE FROM mail_mail WHERE id IN %s RETURNING id, mail_message_id", [tuple(partner_by_mail)]
        )
        partner_by_message = {msg: partner_by_mail[mail] for mail, msg in self.env.cr.fetchall()}
        self.env.cr.execute(
            "DELETE FROM mail_message WHERE id IN %s AND (model IS NULL OR res_id IS NULL OR res_id = 0)",
            [tuple(partner_by_message)],
        )
        batch.redact("mail_message", ["body", "subject", "email_from", "reply_to"], partner_by_message)
