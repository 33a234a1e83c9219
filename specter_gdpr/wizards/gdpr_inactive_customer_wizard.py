# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from dateutil.relativedelta import relativedelta

from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError


class GdprInactiveCustomerWizard(models.TransientModel):
    """Find the customers who have not bought anything since a cut-off date."""

    _name = "gdpr.inactive.customer.wizard"
    _description = "Find inactive customers"

    months = fields.Integer(default=24, help="No purchase for this many months.")
    cutoff_date = fields.Date(
        string="No purchase since",
        compute="_compute_cutoff_date",
        precompute=True,
        store=True,
        readonly=False,
        required=True,
    )
    include_never = fields.Boolean(string="Include those who never purchased", default=True)
    scope = fields.Selection(
        [("customers", "Customers only"), ("all", "All partners")], default="customers", required=True
    )
    partner_ids = fields.Many2many("res.partner", help="Export exactly these partners (from a list).")
    export_file = fields.Binary(readonly=True, attachment=False)
    export_filename = fields.Char(readonly=True)

    @api.depends("months")
    def _compute_cutoff_date(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            wizard.cutoff_date = today - relativedelta(months=wizard.months or 0)

    @api.constrains("months")
    def _check_months(self):
        if any(wizard.months < 0 for wizard in self):
            raise UserError(self.env._("The number of months cannot be negative."))

    def _domain(self):
        self.ensure_one()
        inactive = [("last_purchase_date", "<", self.cutoff_date)]
        if self.include_never:
            inactive = ["|", ("last_purchase_date", "=", False), *inactive]
        if self.scope == "customers":
            inactive = [("customer_rank", ">", 0), *inactive]
        return inactive

    def _partners(self):
        return self.partner_ids or self.env["res.partner"].search(self._domain())

    def action_open_list(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Inactive customers since %(date)s", date=self.cutoff_date),
            "res_model": "res.partner",
            "views": [(self.env.ref("base.view_partner_tree").id, "list"), (False, "form")],
            "domain": self._domain(),
            "target": "current",
        }

    def action_export(self):
        self.ensure_one()
        filename, content = self.env["res.partner.xlsx.export"]._export(self._partners())
        self.write({"export_file": base64.b64encode(content), "export_filename": filename})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content?model={self._name}&id={self.id}&field=export_file"
            f"&filename_field=export_filename&download=true",
            "target": "self",
        }
