# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import Command, api, fields, models


class GdprErasureWizard(models.TransientModel):
    """Shows the erasure plan of the chosen partners and asks to confirm."""

    _name = "gdpr.erasure.wizard"
    _description = "Erase personal data"

    partner_ids = fields.Many2many("res.partner", string="Partners", required=True)
    delete_count = fields.Integer(compute="_compute_plan")
    anonymise_count = fields.Integer(compute="_compute_plan")
    blocked_count = fields.Integer(compute="_compute_plan")
    plan_html = fields.Html(compute="_compute_plan", sanitize=False)

    @api.model
    def _action_open(self, partners):
        wizard = self.create({"partner_ids": [Command.set(partners.ids)]})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Erase personal data"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.depends("partner_ids")
    def _compute_plan(self):
        labels = {
            "delete": self.env._("Delete"),
            "anonymise": self.env._("Anonymise"),
            "blocked": self.env._("Refused"),
        }
        for wizard in self:
            plan = wizard.partner_ids.gdpr_erasure_plan()
            actions = [item["action"] for item in plan.values()]
            wizard.delete_count = actions.count("delete")
            wizard.anonymise_count = actions.count("anonymise")
            wizard.blocked_count = actions.count("blocked")
            wizard.plan_html = wizard._render_plan(plan, labels)

    def _render_plan(self, plan, labels):
        rows = Markup("").join(
            Markup(
                '<tr class="o_gdpr_plan_row"><td>%s</td><td class="o_gdpr_action_%s">%s</td>'
                "<td>%s</td></tr>"
            )
            % (
                partner.display_name,
                plan[partner.id]["action"],
                labels[plan[partner.id]["action"]],
                Markup("<br/>").join(plan[partner.id]["reasons"]),
            )
            for partner in self.partner_ids
        )
        return Markup(
            '<table class="table table-sm o_gdpr_plan"><thead><tr><th>%s</th><th>%s</th>'
            "<th>%s</th></tr></thead><tbody>%s</tbody></table>"
        ) % (self.env._("Partner"), self.env._("Action"), self.env._("Why"), rows)

    def action_confirm(self):
        self.ensure_one()
        result = self.partner_ids.gdpr_erase()
        message = self.env._(
            "%(deleted)s deleted, %(anonymised)s anonymised, %(blocked)s refused, %(failed)s failed.",
            deleted=len(result["deleted"]),
            anonymised=len(result["anonymised"]),
            blocked=len(result["blocked"]),
            failed=len(result["failed"]),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Personal data erased"),
                "message": message,
                "type": "warning" if result["blocked"] or result["failed"] else "success",
                "sticky": False,
                "next": self._next_action(result),
            },
        }

    def _next_action(self, result):
        if len(self.partner_ids) == 1 and result["anonymised"]:
            return {
                "type": "ir.actions.act_window",
                "res_model": "res.partner",
                "res_id": result["anonymised"][0],
                "views": [(False, "form")],
                "target": "main",
            }
        if len(self.partner_ids) == 1 and result["blocked"]:
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "views": [(False, "list"), (False, "form")],
            "target": "main",
            "name": self.env._("Contacts"),
        }
