# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError


class GdprDpaAcceptance(models.Model):
    """That a company accepted a version of the DPA: evidence, never changed."""

    _name = "gdpr.dpa.acceptance"
    _description = "Data processing agreement acceptance"
    _order = "date desc, id desc"
    _rec_name = "version_code"

    dpa_id = fields.Many2one(
        "gdpr.dpa", string="Agreement", required=True, readonly=True, ondelete="restrict"
    )
    version_code = fields.Char(related="dpa_id.version_code", store=True, string="Version")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Accepted by", required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    method = fields.Selection(
        [("continued_use", "Continued use"), ("explicit", "Explicit")], required=True, readonly=True
    )
    ip_address = fields.Char(string="IP address", readonly=True)

    _sql_constraints = [
        (
            "dpa_company_unique",
            "UNIQUE(dpa_id, company_id)",
            "A company accepts a version of the agreement once.",
        ),
    ]

    def write(self, vals):  # pylint: disable=method-required-super
        """An acceptance is evidence: it is written once."""
        raise UserError(self.env._("Acceptances of the data processing agreement cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Acceptances of the data processing agreement cannot be deleted."))
