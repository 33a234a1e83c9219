# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from odoo import fields
from odoo import models

LEGAL_BASES = [
    ("consent", "Consent (Art. 6(1)(a))"),
    ("contract", "Contract (Art. 6(1)(b))"),
    ("legal_obligation", "Legal obligation (Art. 6(1)(c))"),
    ("vital_interests", "Vital interests (Art. 6(1)(d))"),
    ("public_task", "Public task (Art. 6(1)(e))"),
    ("legitimate_interests", "Legitimate interests (Art. 6(1)(f))"),
]
EXPORTED_FIELDS = (
    "name",
    "purpose",
    "legal_basis",
    "data_subjects",
    "data_categories",
    "recipients",
    "processors",
    "third_country_transfers",
    "transfer_safeguards",
    "storage_country_id",
    "retention",
    "security_measures",
    "dpia_required",
    "responsible_id",
)


class GdprProcessingActivity(models.Model):
    """One entry of the records of processing activities (GDPR Art. 30)."""

    _name = "gdpr.processing.activity"
    _description = "Record of processing activity"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    name = fields.Char(required=True, translate=True)
    purpose = fields.Text(required=True, translate=True)
    legal_basis = fields.Selection(LEGAL_BASES, required=True)
    data_subjects = fields.Text(string="Categories of data subjects", translate=True)
    data_categories = fields.Text(string="Categories of personal data", translate=True)
    recipients = fields.Text(translate=True)
    processors = fields.Text(string="Processors and sub-processors (country)", translate=True)
    third_country_transfers = fields.Boolean(string="Transfers outside the EU/EEA")
    transfer_safeguards = fields.Text(string="Safeguards for transfers", translate=True)
    storage_country_id = fields.Many2one("res.country", string="Storage location")
    retention = fields.Char(string="Retention period", translate=True)
    security_measures = fields.Text(string="Technical and organisational measures", translate=True)
    dpia_required = fields.Boolean(string="DPIA needed")
    responsible_id = fields.Many2one("res.users", string="Responsible")
    retention_rule_ids = fields.One2many(
        "gdpr.retention.rule",
        "processing_activity_id",
        string="Retention rules",
        context={"active_test": False},
        help="The retention rules that enforce this activity's retention period.",
    )

    def _export_xlsx(self):
        """``(file name, xlsx bytes)`` of these records, one row each."""
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.env._("Records of processing"))
        for index in range(1, len(EXPORTED_FIELDS) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 28
        sheet.freeze_panes = "A2"
        header = []
        for name in EXPORTED_FIELDS:
            cell = WriteOnlyCell(sheet, value=self._fields[name].get_description(self.env)["string"])
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="264653")
            header.append(cell)
        sheet.append(header)
        wrap = Alignment(wrap_text=True, vertical="top")
        for activity in self:
            row = []
            for name in EXPORTED_FIELDS:
                cell = WriteOnlyCell(sheet, value=activity._xlsx_value(name))
                cell.alignment = wrap
                row.append(cell)
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        filename = self.env._("records-of-processing-%(date)s.xlsx", date=fields.Date.context_today(self))
        return filename, buffer.getvalue()

    def _xlsx_value(self, name):
        field = self._fields[name]
        value = self[name]
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "many2one":
            return value.display_name or ""
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        return value or ""

    def action_export_xlsx(self):
        records = self or self.search([])
        filename, content = records._export_xlsx()
        attachment = self.env["ir.attachment"].create(
            {"name": filename, "raw": content, "res_model": self._name, "res_id": 0}
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
