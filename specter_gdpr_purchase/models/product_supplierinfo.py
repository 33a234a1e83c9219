# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class ProductSupplierinfo(models.Model):
    """A supplier's price list is not bookkeeping: it goes, whether the
    supplier is deleted or anonymised (an archived, anonymous supplier must
    not be proposed on new orders)."""

    _inherit = "product.supplierinfo"
    _gdpr_sequence = 102

    partner_id = fields.Many2one(index=True)  # see purchase_order.py

    def _gdpr_erase(self, batch):
        batch.delete_rows("product.supplierinfo", "product_supplierinfo")

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["product_tmpl_id", "product_name", "product_code", "price", "currency_id", "min_qty", "delay"],
        )
