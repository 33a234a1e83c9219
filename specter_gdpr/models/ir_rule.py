# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import AccessError

# models whose records follow the rights of their partner's kind -> path to that partner
PARTNER_PATHS = {
    "res.partner": "",
    "res.partner.bank": "partner_id",
    "res.partner.credit.report": "partner_id",
    "payment.transaction": "partner_id",
}
# the right on the partner that creating, changing or deleting such a record
# needs: editing the partner, but a credit report does not change the customer
CHANGE_NEEDS = {"res.partner.credit.report": "read"}


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        """Refusals by the personal-data rights name the right that is missing,
        in one sentence, instead of Odoo's generic record-rule message."""
        if records._name not in PARTNER_PATHS or self.env.su:
            return super()._make_access_error(operation, records)
        path = PARTNER_PATHS[records._name]
        partners = records.sudo().mapped(path) if path else records.sudo()
        if path and operation != "read":
            operation = CHANGE_NEEDS.get(records._name, "write")  # as a rule, editing the partner
        for kind in set(partners.mapped("gdpr_partner_kind")) - {"other"}:
            for side in ("customer", "supplier") if kind == "both" else (kind,):
                group = f"specter_gdpr.group_{side}_{operation}"
                if self.env.ref(group, raise_if_not_found=False) and not self.env.user.has_group(group):
                    return AccessError(partners._gdpr_missing_right_message(side, operation))
        return super()._make_access_error(operation, records)
