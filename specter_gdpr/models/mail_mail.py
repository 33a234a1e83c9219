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
        if batch.pattern:
            self.env.cr.execute(
                "SELECT id, NULL FROM mail_mail WHERE email_to ~* %s OR email_cc ~* %s",
                [batch.pattern, batch.pattern],
            )
            rows += self.env.cr.fetchall()
        mail_ids = tuple({mail_id for mail_id, _partner in rows})
        if mail_ids:
            self._gdpr_delete_mails(batch, mail_ids)
            batch.tally("mail.mail", "deleted", [p for _m, p in rows if p])

    def _gdpr_delete_mails(self, batch, mail_ids):
        """Delete the mails and the messages they carry, unless a message is also
        chatter on a record: then it only loses the identifiers."""
        self.env.cr.execute("DELETE FROM mail_mail WHERE id IN %s RETURNING mail_message_id", [mail_ids])
        message_ids = tuple(row[0] for row in self.env.cr.fetchall())
        self.env.cr.execute(
            "DELETE FROM mail_message WHERE id IN %s AND (model IS NULL OR res_id IS NULL OR res_id = 0)",
            [message_ids],
        )
        batch.redact(
            "mail_message",
            ["body", "subject", "email_from", "reply_to"],
            "id IN %(ids)s",
            {"ids": message_ids},
        )
