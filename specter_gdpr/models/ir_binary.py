# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _find_record(self, xmlid=None, res_model="ir.attachment", res_id=None, access_token=None, field=None):
        """A partner's picture follows the partner's rights, also through the
        avatar access tokens Odoo hands out with chatter data: an internal
        user who may not read the customer gets the placeholder. Files listing
        people the user may not see are refused (see ir_attachment.py)."""
        record = super()._find_record(xmlid, res_model, res_id, access_token, field=field)
        if record._name == "ir.attachment":  # also when opened with its access token
            record.with_env(self.env)._gdpr_check_files_readable()
        if record._name in ("res.partner", "res.users") and self.env.user._is_internal() and not self.env.su:
            partner = record.partner_id if record._name == "res.users" else record
            partner.with_env(self.env).check_access("read")
        return record
