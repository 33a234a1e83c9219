# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError


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

    @api.model_create_multi
    def create(self, vals_list):
        """Recording a report needs the credit-report right and the right to
        view the partner (record rules), not to edit it: a report does not
        change the customer."""
        for vals in vals_list:
            self._gdpr_check_partner(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._gdpr_check_partner(vals)
        return super().write(vals)

    @api.model
    def _gdpr_check_partner(self, vals):
        """A clear error for a partner that is not an id or does not exist, and
        a report moved to another partner needs the view right on that one too
        (Odoo checks the record rules of a write before it, on the old partner)."""
        if not isinstance(vals, dict) or "partner_id" not in vals:
            return
        partner_id = vals["partner_id"]
        if not partner_id:
            return  # the required field refuses it
        if not isinstance(partner_id, int) or isinstance(partner_id, bool):
            raise UserError(self.env._("A credit report belongs to a partner, given by its numeric id."))
        partner = self.env["res.partner"].browse(partner_id)
        if not partner.sudo().exists():
            raise UserError(self.env._("The partner of this credit report does not exist (any more)."))
        if self:
            partner.check_access("read")

    def _gdpr_erase(self, batch):
        """Credit reports are personal data with no retention duty: they go."""
        batch.delete_rows("res.partner.credit.report", "res_partner_credit_report")

    def _gdpr_export(self, writer):
        writer.add(self, [("partner_id", "in", writer.partner_ids)])
