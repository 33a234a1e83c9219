# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import functools
import subprocess

from odoo import api
from odoo import models
from odoo.exceptions import AccessError
from odoo.exceptions import UserError

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

# The common Swedish A4 sheet of 3 x 8 labels of 70 x 37 mm: no side margins,
# 8 x 37 = 296 mm of labels centred on the 297 mm page (0.5 mm top and bottom).
LABEL_COLUMNS = 3
LABEL_ROWS = 8
LABELS_PER_PAGE = LABEL_COLUMNS * LABEL_ROWS
LABEL_WIDTH_MM = 70
LABEL_HEIGHT_MM = 37
SHEET_TOP_MM = 0.5
SHEET_LEFT_MM = 0
# wkhtmltopdf built on unpatched Qt (Debian's package) ignores --zoom and
# --disable-smart-shrinking and prints a CSS mm as 0.76836 mm (measured on
# 0.12.6 over 200 mm); the report zooms by the inverse. Builds with patched
# Qt print CSS mm true.
UNPATCHED_QT_ZOOM = 1.3015


@functools.lru_cache(maxsize=1)
def _wkhtmltopdf_has_patched_qt():
    try:
        version = subprocess.run(  # noqa: S603 - the binary Odoo itself prints with
            [_get_wkhtmltopdf_bin(), "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return True
    return "patched qt" in version


class ReportResPartnerLabel(models.AbstractModel):
    _name = "report.specter_gdpr.report_partner_label"
    _description = "Address labels"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Rendering runs as superuser: the right is checked here, not by the menu."""
        if not self.env.user.has_group("specter_gdpr.group_customer_print"):
            raise AccessError(self.env._("You are not allowed to print address labels."))
        start = self._check_start_position((data or {}).get("start_position", 1))
        partners = self.env["res.partner"].browse(docids)
        partners.check_access("read")
        labels = [self._address_lines(partner) for partner in partners]
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "pages": self._label_pages(labels, start),
            "zoom": self._css_zoom(data),
        }

    @api.model
    def _css_zoom(self, data):
        """The zoom that makes a CSS mm a mm on paper (1 in the HTML report)."""
        if (data or {}).get("report_type") == "pdf" and not _wkhtmltopdf_has_patched_qt():
            return UNPATCHED_QT_ZOOM
        return 1

    @api.model
    def _check_start_position(self, start):
        """The position (1 = top left, row by row) of the first free label on the sheet."""
        try:
            start = int(start)
        except (TypeError, ValueError):
            start = 0
        if not 1 <= start <= LABELS_PER_PAGE:
            raise UserError(
                self.env._(
                    "The first label must be a position from 1 to %(count)s (1 is the top left label, "
                    "counted row by row).",
                    count=LABELS_PER_PAGE,
                )
            )
        return start

    @api.model
    def _label_position(self, slot):
        """Top and left of a slot of the sheet (0 = top left, row by row), in mm."""
        row, column = divmod(slot, LABEL_COLUMNS)
        return SHEET_TOP_MM + row * LABEL_HEIGHT_MM, SHEET_LEFT_MM + column * LABEL_WIDTH_MM

    @api.model
    def _label_pages(self, labels, start=1):
        """Pages of positioned labels; the first start - 1 slots of the first sheet stay empty."""
        pages = []
        for index, lines in enumerate(labels, start - 1):
            page, slot = divmod(index, LABELS_PER_PAGE)
            if page == len(pages):
                pages.append([])
            top, left = self._label_position(slot)
            pages[page].append({"top": top, "left": left, "lines": lines})
        return pages

    @api.model
    def _address_lines(self, partner):
        """Swedish postal format: name, street, "123 45 CITY", country when abroad."""
        company = self.env.company
        lines = [partner.commercial_company_name or partner.name]
        if partner.parent_id and partner.name and partner.name != lines[0]:
            lines.append(partner.name)
        lines += [line for line in (partner.street, partner.street2) if line]
        lines.append(
            " ".join(part for part in (self._postal_code(partner), (partner.city or "").upper()) if part)
        )
        if partner.country_id and partner.country_id != company.country_id:
            lines.append(partner.country_id.name.upper())
        return [line for line in lines if line]

    @api.model
    def _postal_code(self, partner):
        """Swedish postal codes as "123 45", whatever the way they were typed."""
        code = (partner.zip or "").strip()
        digits = code.replace(" ", "")
        if digits.isdigit() and len(digits) == 5 and partner.country_id.code in (False, "SE"):
            return f"{digits[:3]} {digits[3:]}"
        return code
