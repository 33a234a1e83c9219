# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models


class GdprRetentionPreview(models.TransientModel):
    """What a retention rule would do today, partner by partner, and why."""

    _name = "gdpr.retention.preview"
    _description = "GDPR retention rule preview"

    rule_id = fields.Many2one("gdpr.retention.rule", required=True, readonly=True, ondelete="cascade")
    line_ids = fields.One2many("gdpr.retention.preview.line", "preview_id", readonly=True)
    erase_count = fields.Integer(string="Erased today", readonly=True)
    notice_count = fields.Integer(string="Notices today", readonly=True)

    @api.model
    def _build(self, rule):
        """Evaluate ``rule`` now and plan the erasure of its due partners: the
        plan's action and reasons say what each erasure would do."""
        found = rule._gdpr_evaluate()[rule]
        plan = self.env["gdpr.erasure"]._plan(rule._partners(found["erase"]))
        lines = [
            {
                "partner_id": pid,
                "last_activity": found["last"].get(pid),
                "action": plan.action(pid),
                "reasons": "\n".join(plan.reasons(pid)),
            }
            for pid in found["erase"]
        ]
        lines += [
            {"partner_id": pid, "last_activity": found["last"].get(pid), "action": "notice"}
            for pid in found["notice"]
        ]
        return self.create(
            {
                "rule_id": rule.id,
                "erase_count": len(found["erase"]),
                "notice_count": len(found["notice"]),
                "line_ids": [fields.Command.create(vals) for vals in lines],
            }
        )
