# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    gdpr_retention_years = fields.Integer(
        string="Bookkeeping retention (years)",
        default=7,
        help="How long accounting documents are kept after the end of the calendar "
        "year they belong to (Sweden: 7 years, Bokföringslagen 7 kap. 2 §).",
    )

    gdpr_bulk_threshold = fields.Integer(
        string="Erase at once up to",
        default=200,
        help="Bulk erasures of more partners than this run as a background job.",
    )

    gdpr_request_keep_years = fields.Integer(
        string="Keep closed requests' contact data (years)",
        default=3,
        help="After this many years a closed data subject request keeps only what proves its "
        "handling (type, dates, outcome, logs): the requester's contact data and messages go.",
    )
    gdpr_export_keep_days = fields.Integer(
        string="Keep personal-data exports (days)",
        default=30,
        help="A personal-data export (the ZIP) is deleted this many days after it was made.",
    )
    gdpr_export_max_mb = fields.Integer(
        string="Largest personal-data export (MB)",
        default=500,
        help="A personal-data export larger than this is not built: the officer is told, and sends the "
        "person's files another way. 0: no limit.",
    )

    _sql_constraints = [
        (
            "gdpr_retention_years_positive",
            "CHECK(gdpr_retention_years >= 0)",
            "The retention period cannot be negative.",
        ),
        (
            "gdpr_request_keep_years_positive",
            "CHECK(gdpr_request_keep_years >= 0)",
            "The period to keep closed requests' contact data cannot be negative.",
        ),
        (
            "gdpr_export_keep_days_positive",
            "CHECK(gdpr_export_keep_days >= 1)",
            "Personal-data exports must be kept at least one day.",
        ),
        (
            "gdpr_export_max_mb_positive",
            "CHECK(gdpr_export_max_mb >= 0)",
            "The largest personal-data export cannot be negative.",
        ),
    ]

    def _gdpr_plan(self, plan):
        self.env.cr.execute(
            "SELECT partner_id, name FROM res_company WHERE partner_id IN %s", [plan.partner_ids]
        )
        plan.block_grouped(
            self.env.cr.fetchall(),
            lambda names: self.env._("Is the own partner of the company %(names)s.", names=", ".join(names)),
            self.env._("A company's own partner"),
        )
