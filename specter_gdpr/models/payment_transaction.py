# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"
    _gdpr_sequence = 130

    partner_id = fields.Many2one(index="btree_not_null")  # see account_move.py

    def _gdpr_plan(self, plan):
        self.env.cr.execute(
            "SELECT partner_id FROM payment_transaction WHERE partner_id IN %s", [plan.partner_ids]
        )
        plan.keep(
            [row[0] for row in self.env.cr.fetchall()],
            self.env._("Payment transactions are kept, without the payer's details."),
        )

    def _gdpr_erase(self, batch):
        """Transactions copy the payer's name and address: those go."""
        self.env.cr.execute(
            """
            UPDATE payment_transaction
               SET partner_name = NULL, partner_email = NULL, partner_address = NULL,
                   partner_zip = NULL, partner_city = NULL, partner_phone = NULL,
                   partner_state_id = NULL
             WHERE partner_id IN %s
         RETURNING id, partner_id
            """,
            [batch.partner_ids],
        )
        rows = self.env.cr.fetchall()
        batch.link("payment.transaction", rows)
        batch.tally("payment.transaction", "scrubbed", [partner_id for _id, partner_id in rows])

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            [
                "reference",
                "provider_id",
                "amount",
                "currency_id",
                "state",
                "partner_name",
                "partner_email",
                "partner_phone",
                "partner_address",
                "partner_zip",
                "partner_city",
                "partner_country_id",
                "create_date",
            ],
        )
