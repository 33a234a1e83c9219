# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class ResPartnerCreditReport(models.Model):
    """A credit report taken on a customer; only holders of the right see them."""

    _name = "res.partner.credit.report"
    _description = "Credit report"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    date = fields.Date(string="Taken on", required=True, default=fields.Date.context_today)
    provider = fields.Char(required=True, help="e.g. UC, Creditsafe, Bisnode")
    score = fields.Char(string="Score or rating")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    recommended_limit = fields.Monetary(string="Recommended credit limit", currency_field="currency_id")
    note = fields.Text()
    document = fields.Binary(attachment=True)
    document_name = fields.Char()

    def _gdpr_erase(self, batch):
        """Credit reports are personal data with no retention duty: they go."""
        batch.delete_rows("res.partner.credit.report", "res_partner_credit_report")

    def _gdpr_export(self, writer):
        writer.add(self, [("partner_id", "in", writer.partner_ids)])
