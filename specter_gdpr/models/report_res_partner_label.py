# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import models
from odoo.exceptions import AccessError

LABELS_PER_PAGE = 24  # 3 x 8 labels of 70 x 37 mm on A4


class ReportResPartnerLabel(models.AbstractModel):
    _name = "report.specter_gdpr.report_partner_label"
    _description = "Address labels"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Rendering runs as superuser: the right is checked here, not by the menu."""
        if not self.env.user.has_group("specter_gdpr.group_customer_print"):
            raise AccessError(self.env._("You are not allowed to print address labels."))
        partners = self.env["res.partner"].browse(docids)
        partners.check_access("read")
        labels = [self._address_lines(partner) for partner in partners]
        pages = [labels[i : i + LABELS_PER_PAGE] for i in range(0, len(labels), LABELS_PER_PAGE)]
        return {"doc_ids": docids, "doc_model": "res.partner", "docs": partners, "pages": pages}

    @api.model
    def _address_lines(self, partner):
        """Swedish postal format: name, street, "123 45 CITY", country when abroad."""
        company = self.env.company
        lines = [partner.commercial_company_name or partner.name]
        if partner.parent_id and partner.name and partner.name != lines[0]:
            lines.append(partner.name)
        lines += [line for line in (partner.street, partner.street2) if line]
        lines.append(" ".join(part for part in (partner.zip, (partner.city or "").upper()) if part))
        if partner.country_id and partner.country_id != company.country_id:
            lines.append(partner.country_id.name.upper())
        return [line for line in lines if line]
