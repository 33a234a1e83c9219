# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    gdpr_retention_years = fields.Integer(related="company_id.gdpr_retention_years", readonly=False)
    gdpr_bulk_threshold = fields.Integer(related="company_id.gdpr_bulk_threshold", readonly=False)
    gdpr_request_keep_years = fields.Integer(related="company_id.gdpr_request_keep_years", readonly=False)
    gdpr_export_keep_days = fields.Integer(related="company_id.gdpr_export_keep_days", readonly=False)
    gdpr_export_max_mb = fields.Integer(related="company_id.gdpr_export_max_mb", readonly=False)
