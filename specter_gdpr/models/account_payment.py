# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class AccountPayment(models.Model):
    _inherit = "account.payment"
    _gdpr_sequence = 121

    partner_id = fields.Many2one(index="btree_not_null")  # see account_move.py

    def _gdpr_payments(self, partner_ids):
        self.env.cr.execute(
            """
            SELECT pay.id, pay.partner_id,
                   make_date(extract(year FROM pay.date)::int + c.gdpr_retention_years, 12, 31)
              FROM account_payment pay
              JOIN res_company c ON c.id = pay.company_id
             WHERE pay.partner_id IN %s
            """,
            [partner_ids],
        )
        return self.env.cr.fetchall()

    def _gdpr_plan(self, plan):
        plan.keep(
            [row[1] for row in self._gdpr_payments(plan.partner_ids)],
            self.env._("Payments are kept for the bookkeeping, linked to the anonymous partner."),
        )

    def _gdpr_erase(self, batch):
        rows = self._gdpr_payments(batch.partner_ids)
        batch.link("account.payment", [(pay_id, partner_id) for pay_id, partner_id, _until in rows])
        batch.retain("account.payment", rows, ("memo", "payment_reference"))

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["name", "date", "payment_type", "amount", "currency_id", "memo", "partner_bank_id", "state"],
        )
