# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError

from ..models.gdpr_restriction import GROUNDS
from ..models.gdpr_restriction import REASONS


class GdprRestrictionWizard(models.TransientModel):
    """Restrict processing, record an exception or lift a restriction: the
    officer's input; the work is done by ``gdpr.restriction``."""

    _name = "gdpr.restriction.wizard"
    _description = "Restriction of processing (Art. 18 GDPR)"

    mode = fields.Selection(
        [("restrict", "Restrict"), ("exception", "Record an exception"), ("lift", "Lift")],
        required=True,
        default="restrict",
    )
    partner_ids = fields.Many2many("res.partner", string="Partners")
    request_id = fields.Many2one("gdpr.request", ondelete="cascade")
    reason = fields.Selection(REASONS, default="accuracy")
    date_end = fields.Date(string="Until", help="Empty: until an officer lifts it.")
    note = fields.Text()
    ground = fields.Selection(GROUNDS, string="Exception ground")
    what = fields.Text(string="What is to be done")
    lift_reason = fields.Text(string="Why it is lifted")

    @api.model
    def _action_open(self, partners, mode="restrict", request=None):
        wizard = self.create(
            {
                "mode": mode,
                "partner_ids": [fields.Command.set(partners.ids)],
                "request_id": request.id if request else False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": dict(self._fields["mode"]._description_selection(self.env))[mode],
        }

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "restrict":
            if self.request_id:
                self.request_id._restrict(self.reason, self.date_end, self.note)
            else:
                Restriction = self.env["gdpr.restriction"]
                Restriction._restrict(self.partner_ids, self.reason, self.date_end, self.note)
            return {"type": "ir.actions.act_window_close"}
        restrictions = (
            self.env["gdpr.restriction"]
            .sudo()
            .search([("partner_id", "in", self.partner_ids.ids), ("state", "=", "active")])
        )
        if not restrictions:
            restrictions = self.partner_ids.gdpr_restriction_id
        if not restrictions:
            raise UserError(self.env._("These partners have no active restriction."))
        if self.mode == "lift":
            restrictions.action_lift(self.lift_reason)
        else:
            for restriction in restrictions:
                restriction.action_record_exception(self.ground, self.note, self.what)
        return {"type": "ir.actions.act_window_close"}
