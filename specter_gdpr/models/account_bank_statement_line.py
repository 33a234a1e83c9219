# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"
    _gdpr_sequence = 122

    partner_id = fields.Many2one(index="btree_not_null")  # see account_move.py

    def _gdpr_lines(self, partner_ids):
        self.env.cr.execute(
            """
            SELECT line.id, line.partner_id,
                   make_date(extract(year FROM move.date)::int + c.gdpr_retention_years, 12, 31)
              FROM account_bank_statement_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN res_company c ON c.id = line.company_id
             WHERE line.partner_id IN %s
            """,
            [partner_ids],
        )
        return self.env.cr.fetchall()

    def _gdpr_plan(self, plan):
        plan.keep(
            [row[1] for row in self._gdpr_lines(plan.partner_ids)],
            self.env._("Bank statement lines are kept for the bookkeeping."),
        )

    def _gdpr_erase(self, batch):
        rows = self._gdpr_lines(batch.partner_ids)
        batch.retain(
            "account.bank.statement.line",
            rows,
            ("partner_name", "payment_ref", "account_number", "transaction_details"),
        )

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["date", "payment_ref", "amount", "currency_id", "partner_name", "account_number"],
        )
