# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class PaymentToken(models.Model):
    _inherit = "payment.token"
    _gdpr_sequence = 131

    def _gdpr_erase(self, batch):
        """Saved payment methods: deleted when unused, else archived and blanked."""
        self.env.cr.execute(
            """
            DELETE FROM payment_token t
             WHERE partner_id IN %s
               AND NOT EXISTS (SELECT 1 FROM payment_transaction tx WHERE tx.token_id = t.id)
         RETURNING partner_id
            """,
            [batch.partner_ids],
        )
        batch.tally("payment.token", "deleted", [row[0] for row in self.env.cr.fetchall()])
        self.env.cr.execute(
            """
            UPDATE payment_token SET payment_details = NULL, active = false
             WHERE partner_id IN %s
         RETURNING partner_id
            """,
            [batch.partner_ids],
        )
        batch.tally("payment.token", "scrubbed", [row[0] for row in self.env.cr.fetchall()])

    def _gdpr_export(self, writer):
        """Saved payment methods: the masked details, never the provider's token."""
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["payment_details", "provider_id", "payment_method_id", "active", "create_date"],
        )
