# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models

from .gdpr_erasure import PHONE_SEPARATORS


class SmsSms(models.Model):
    _inherit = "sms.sms"
    _gdpr_sequence = 210
    _gdpr_staff_text = ("body",)

    partner_id = fields.Many2one(index="btree_not_null")  # see account_move.py

    def _gdpr_erase(self, batch):
        self.env.cr.execute(
            """
            DELETE FROM sms_sms
             WHERE partner_id IN %(ids)s
                OR regexp_replace(number, %(separators)s, '', 'g') = ANY(%(numbers)s)
         RETURNING partner_id
            """,
            {"ids": batch.partner_ids, "separators": PHONE_SEPARATORS, "numbers": list(batch.phone_numbers)},
        )
        batch.tally("sms.sms", "deleted", [row[0] for row in self.env.cr.fetchall() if row[0]])

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [
                "|",
                ("partner_id", "in", writer.partner_ids),
                ("number", "in", sorted(writer.batch.phone_numbers)),
            ],
            ["number", "body", "state", "create_date"],
        )
