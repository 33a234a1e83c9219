# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import AccessError
from odoo.tools import split_every

CHUNK = 2000
EXCEL_DATE_CODES = [
    ("%Y", "yyyy"),
    ("%y", "yy"),
    ("%m", "mm"),
    ("%d", "dd"),
    ("%e", "d"),
    ("%B", "mmmm"),
    ("%b", "mmm"),
    ("%A", "dddd"),
    ("%a", "ddd"),
]


class ResPartnerXlsxExport(models.AbstractModel):
    """The customer list as an Excel file, streamed in openpyxl's write-only mode."""

    _name = "res.partner.xlsx.export"
    _description = "Customer list Excel export"

    def _columns(self):
        _ = self.env._
        columns = [
            ("name", _("Name"), 34),
            ("ref", _("Reference"), 14),
            ("email", _("E-mail"), 32),
            ("phone", _("Phone"), 18),
            ("city", _("City"), 18),
            ("country", _("Country"), 16),
            ("last_purchase_date", _("Last purchase"), 14),
            ("order_count", _("Orders"), 9),
            ("invoiced", _("Total invoiced"), 16),
        ]
        if not self.env.user.has_group("specter_gdpr.group_customer_print"):
            columns = [column for column in columns if column[0] != "email"]
        return columns

    @api.model
    def _check_export_right(self, partners):
        user = self.env.user
        for xmlid in ("specter_gdpr.group_customer_export", "base.group_allow_export"):
            if not user.has_group(xmlid):
                raise AccessError(
                    self.env._(
                        'You may not export customers\' personal data: you lack the right "%(right)s". '
                        "An administrator gives it on your user form (Settings > Users).",
                        right=self.env.ref(xmlid).sudo().name,
                    )
                )
        partners.check_access("read")

    @api.model
    def _export(self, partners):
        """``(file name, xlsx bytes)`` for ``partners``; logs the export."""
        self._check_export_right(partners)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.env._("Customers"))
        columns = self._columns()
        self._prepare_sheet(sheet, columns, len(partners))
        for chunk in split_every(CHUNK, partners.ids):
            for row in self._rows(chunk):
                sheet.append(self._cells(sheet, row, columns))
        buffer = io.BytesIO()
        workbook.save(buffer)
        self.env["gdpr.export.log"].sudo().create(
            {
                "model": "res.partner",
                "row_count": len(partners),
                "columns": ",".join(key for key, _label, _width in columns),
            }
        )
        filename = self.env._("customers-%(date)s.xlsx", date=fields.Date.context_today(self))
        return filename, buffer.getvalue()

    def _prepare_sheet(self, sheet, columns, row_count):
        for index, (_key, _label, width) in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{row_count + 1}"
        header = []
        for _key, label, _width in columns:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="264653")
            header.append(cell)
        sheet.append(header)

    def _date_format(self):
        """The user's language's date format, as Excel writes it (Swedish: yyyy-mm-dd)."""
        date_format = self.env["res.lang"]._get_data(code=self.env.lang or "en_US").date_format or "%Y-%m-%d"
        for strftime, excel in EXCEL_DATE_CODES:
            date_format = date_format.replace(strftime, excel)
        return date_format

    def _cells(self, sheet, row, columns):
        cells = []
        date_format = self._date_format()
        for key, _label, _width in columns:
            cell = WriteOnlyCell(sheet, value=row[key])
            if key == "last_purchase_date" and row[key]:
                cell.number_format = date_format
            elif key == "invoiced":
                cell.number_format = "#,##0.00"
            cells.append(cell)
        return cells

    def _rows(self, partner_ids):
        """One dict per partner, in the order of ``partner_ids``, in two queries."""
        lang = self.env.lang or "en_US"
        company = self.env.company
        self.env["res.partner"].flush_model()
        self.env.cr.execute(
            """
            WITH chosen AS (
                SELECT DISTINCT commercial_partner_id AS cid FROM res_partner WHERE id IN %(ids)s
            ), orders AS (
                SELECT buyer.commercial_partner_id AS cid, count(*) AS n
                  FROM sale_order so JOIN res_partner buyer ON buyer.id = so.partner_id
                 WHERE so.state = 'sale' AND buyer.commercial_partner_id IN (SELECT cid FROM chosen)
                 GROUP BY buyer.commercial_partner_id
            ), invoiced AS (
                SELECT commercial_partner_id AS cid, sum(amount_total_signed) AS amount
                  FROM account_move
                 WHERE state = 'posted' AND company_id = %(company)s
                   AND move_type IN ('out_invoice', 'out_refund')
                   AND commercial_partner_id IN (SELECT cid FROM chosen)
                 GROUP BY commercial_partner_id
            )
            SELECT p.id, p.complete_name, p.ref, p.email, p.phone, p.city,
                   COALESCE(c.name->>%(lang)s, c.name->>'en_US'), p.last_purchase_date,
                   COALESCE(orders.n, 0), COALESCE(invoiced.amount, 0)
              FROM res_partner p
              LEFT JOIN res_country c ON c.id = p.country_id
              LEFT JOIN orders ON orders.cid = p.commercial_partner_id
              LEFT JOIN invoiced ON invoiced.cid = p.commercial_partner_id
             WHERE p.id IN %(ids)s
            """,
            {"lang": lang, "company": company.id, "ids": tuple(partner_ids)},
        )
        by_id = {
            row[0]: {
                "name": row[1],
                "ref": row[2],
                "email": row[3],
                "phone": row[4],
                "city": row[5],
                "country": row[6],
                "last_purchase_date": row[7],
                "order_count": row[8],
                "invoiced": float(row[9]),
            }
            for row in self.env.cr.fetchall()
        }
        return [by_id[pid] for pid in partner_ids if pid in by_id]
