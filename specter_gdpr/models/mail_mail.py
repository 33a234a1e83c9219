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
            self.env.cr.execute("DELETE FROM mail_mail WHERE id IN %s", [mail_ids])
            batch.tally("mail.mail", "deleted", [p for _m, p in rows if p])
