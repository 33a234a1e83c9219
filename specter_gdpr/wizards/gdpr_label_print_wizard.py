# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models


class GdprLabelPrintWizard(models.TransientModel):
    """Print address labels, starting at the first free label of a used sheet."""

    _name = "gdpr.label.print.wizard"
    _description = "Print address labels"

    partner_ids = fields.Many2many("res.partner", string="Contacts", required=True)
    start_position = fields.Integer(
        string="Start at label",
        default=1,
        required=True,
        help="The first free label of the sheet: 1 is the top left one, counted row by row "
        "(1 to 24). The labels before it stay blank.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "partner_ids" in fields_list and self.env.context.get("active_model") == "res.partner":
            values["partner_ids"] = [fields.Command.set(self.env.context.get("active_ids") or [])]
        return values

    def action_print(self):
        self.ensure_one()
        report = self.env["report.specter_gdpr.report_partner_label"]
        start = report._check_start_position(self.start_position)
        return self.env.ref("specter_gdpr.action_report_partner_label").report_action(
            self.partner_ids, data={"start_position": start}
        )
