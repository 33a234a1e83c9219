# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import models


class MailMessage(models.Model):
    _inherit = "mail.message"
    _gdpr_sequence = 400

    def _gdpr_erase(self, batch):
        self._gdpr_delete_partner_chatter(batch)
        self._gdpr_blank_authored(batch)
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
        self.env.cr.execute("DELETE FROM mail_message_reaction WHERE partner_id IN %s", [batch.partner_ids])

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
