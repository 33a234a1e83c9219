# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api
from odoo import fields
from odoo import models

OPEN_STATES = ["new", "identity", "in_progress"]


class GdprRequestOverview(models.TransientModel):
    """The GDPR menu's overview: how many requests are open, overdue, due
    this week and done this year, each a click away from its list."""

    _name = "gdpr.request.overview"
    _description = "GDPR requests overview"

    open_count = fields.Integer(string="Open", compute="_compute_counts")
    overdue_count = fields.Integer(string="Overdue", compute="_compute_counts")
    due_week_count = fields.Integer(string="Due this week", compute="_compute_counts")
    done_year_count = fields.Integer(string="Done this year", compute="_compute_counts")

    def _compute_display_name(self):
        self.display_name = self.env._("Requests overview")

    def _domains(self):
        today = fields.Date.context_today(self)
        return {
            "open_count": [("state", "in", OPEN_STATES)],
            "overdue_count": [("is_overdue", "=", True)],
            "due_week_count": [
                ("state", "in", OPEN_STATES),
                ("date_due", ">=", today),
                ("date_due", "<=", today + timedelta(days=7)),
            ],
            "done_year_count": [("state", "=", "done"), ("date_done", ">=", today.replace(month=1, day=1))],
        }

    @api.depends_context("uid")
    def _compute_counts(self):
        Request = self.env["gdpr.request"]
        for overview in self:
            for name, domain in self._domains().items():
                overview[name] = Request.search_count(domain)

    @api.model
    def action_open_overview(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Requests overview"),
            "res_model": self._name,
            "res_id": self.create({}).id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open(self):
        name = self.env.context.get("count_field", "open_count")
        action = self.env["ir.actions.act_window"]._for_xml_id("specter_gdpr.action_gdpr_request")
        action["domain"] = self._domains()[name]
        action["context"] = {}
        return action
