# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ProductTemplate(models.Model):
    """Staff notes on products may name a customer's e-mail or phone number."""

    _inherit = "product.template"
    _gdpr_staff_text = ("description", "description_sale", "description_purchase", "description_picking")
