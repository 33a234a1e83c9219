# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
import io
from collections import defaultdict

from markupsafe import Markup

from odoo import Command
from odoo import api
from odoo import fields
from odoo import models

DETAILED_PLAN_MAX = 50  # above this, the dialog shows counts, not a row per partner
OTHERS_RECORDS_MAX = 10  # up to this, the plan also lists records of others that each erasure changes


class GdprErasureWizard(models.TransientModel):
    """Shows the erasure plan of the chosen partners and asks to confirm.

    Up to the company's threshold the erasure runs at once; above it, a
    background job takes it.
    """

    _name = "gdpr.erasure.wizard"
    _description = "Erase personal data"

    partner_ids = fields.Many2many("res.partner", string="Partners", required=True)
    delete_count = fields.Integer(compute="_compute_plan")
    anonymise_count = fields.Integer(compute="_compute_plan")
    blocked_count = fields.Integer(compute="_compute_plan")
    plan_html = fields.Html(compute="_compute_plan", sanitize=False)
    refused_file = fields.Binary(compute="_compute_plan", string="Refused partners")
    refused_filename = fields.Char(compute="_compute_plan")
    runs_in_background = fields.Boolean(compute="_compute_plan")

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
        for wizard in self:
            plan = self.env["gdpr.erasure"]._plan(wizard.partner_ids.with_context(active_test=False))
            actions = {root_id: plan.action(root_id) for root_id in plan.root_ids}
            touched = wizard._count_touched(
                plan, [rid for rid, action in actions.items() if action != "blocked"]
            )
            wizard.delete_count = touched["delete"]
            wizard.anonymise_count = touched["anonymise"]
            wizard.blocked_count = list(actions.values()).count("blocked")
            wizard.runs_in_background = len(actions) > self.env.company.gdpr_bulk_threshold
            wizard.plan_html = wizard._render_plan(plan, actions)
            refused = [rid for rid, action in actions.items() if action == "blocked"]
            wizard.refused_file = wizard._refused_csv(plan, refused) if refused else False
            wizard.refused_filename = "refused_partners.csv"

    @api.model
    def _count_touched(self, plan, root_ids):
        """``{action: partners}`` over every partner the roots' erasure
        touches: the roots, their contact persons and addresses."""
        counts = {"delete": 0, "anonymise": 0}
        for root_id in root_ids:
            for _partner_id, action in plan.member_actions(root_id):
                counts[action] += 1
        return counts

    def _render_plan(self, plan, actions):
        html = Markup("")
        groups = plan.refusal_groups()
        if groups:
            items = Markup("").join(
                Markup("<li>%s: %s</li>") % (group, count) for group, count in sorted(groups.items())
            )
            html += Markup("<p><strong>%s</strong></p><ul class='o_gdpr_refusals'>%s</ul>") % (
                self.env._("Refused, by reason"),
                items,
            )
        if len(actions) <= DETAILED_PLAN_MAX:
            html += self._render_rows(plan, actions)
        return html

    def _render_rows(self, plan, actions):
        """A row for every partner the erasure touches: each root, then its
        contact persons and addresses, with the action and why."""
        labels = {
            "delete": self.env._("Delete"),
            "anonymise": self.env._("Anonymise"),
            "blocked": self.env._("Refused"),
        }
        Partner = self.env["res.partner"].with_context(active_test=False)
        row = Markup('<tr class="%s"><td>%s</td><td class="o_gdpr_action_%s">%s</td><td>%s</td></tr>')
        rows = []
        for root in self.partner_ids.with_context(active_test=False):
            blocked = actions[root.id] == "blocked"
            members = [(root.id, "blocked")] if blocked else plan.member_actions(root.id)
            partners = Partner.browse([partner_id for partner_id, _action in members])
            names = {partner.id: partner.display_name for partner in partners}
            for partner_id, action in members:
                member = partner_id != root.id
                rows.append(
                    row
                    % (
                        "o_gdpr_plan_row o_gdpr_plan_member" if member else "o_gdpr_plan_row",
                        Markup("&#8627; %s") % names[partner_id] if member else names[partner_id],
                        action,
                        labels[action],
                        Markup("<br/>").join(self._row_reasons(plan, root.id, partner_id, action)),
                    )
                )
        return Markup(
            '<table class="table table-sm o_gdpr_plan"><thead><tr><th>%s</th><th>%s</th>'
            "<th>%s</th></tr></thead><tbody>%s</tbody></table>"
        ) % (self.env._("Partner"), self.env._("Action"), self.env._("Why"), Markup("").join(rows))

    def _row_reasons(self, plan, root_id, partner_id, action):
        reasons = plan.reasons(root_id) if partner_id == root_id else list(plan.keepers.get(partner_id, []))
        if partner_id == root_id and action != "blocked" and len(self.partner_ids) <= OTHERS_RECORDS_MAX:
            reasons += self._others_records(root_id)
        if action == "delete" and not plan.keepers.get(partner_id):
            reasons = [self.env._("No orders, invoices or payments to keep: deleted."), *reasons]
        return reasons

    def _others_records(self, root_id):
        """What the erasure changes outside the person's own records: records
        of others that hold their e-mail address or phone number (a lead
        without a partner, an opt-out, a mention in a colleague's note), by
        kind, for the officer to check before confirming."""
        items = self.env["gdpr.data.export"].sudo()._review_items(self.env["res.partner"].browse(root_id))
        kinds = defaultdict(int)
        for (model, _record_id), reason in items.items():
            if reason == "identifier":  # staff notes on the person's own records are theirs
                kinds[self.env["ir.model"]._get(model).name] += 1
        if not kinds:
            return []
        return [
            self.env._(
                "Also changes records of others that hold the person's e-mail or phone: %(kinds)s. "
                "Check them before confirming.",
                kinds=", ".join(f"{name} ({count})" for name, count in sorted(kinds.items())),
            )
        ]

    def _refused_csv(self, plan, refused_ids):
        partners = self.env["res.partner"].with_context(active_test=False).browse(refused_ids)
        names = {partner.id: partner.display_name for partner in partners}
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([self.env._("Partner ID"), self.env._("Partner"), self.env._("Reasons")])
        for root_id in refused_ids:
            writer.writerow([root_id, names.get(root_id, ""), " | ".join(plan.reasons(root_id))])
        return base64.b64encode(buffer.getvalue().encode("utf-8-sig"))

    def action_confirm(self):
        self.ensure_one()
        if len(self.partner_ids) > self.env.company.gdpr_bulk_threshold:
            return self._run_in_background()
        plan = self.env["gdpr.erasure"]._plan(self.partner_ids.with_context(active_test=False))
        result = self.partner_ids.gdpr_erase()
        touched = self._count_touched(plan, result["deleted"] + result["anonymised"])
        message = self.env._(
            "%(deleted)s deleted, %(anonymised)s anonymised, %(blocked)s refused, %(failed)s failed.",
            deleted=touched["delete"],
            anonymised=touched["anonymise"],
            blocked=len(result["blocked"]),
            failed=len(result["failed"]),
        )
        kind = "warning" if result["blocked"] or result["failed"] else "success"
        return self._notify(self.env._("Personal data erased"), message, kind, self._next_action(result))

    def _run_in_background(self):
        job = self.env["gdpr.erasure.job"]._create_for_partners(self.partner_ids)
        message = self.env._(
            "%(count)s partners are erased in the background by %(job)s; you will be notified.",
            count=len(self.partner_ids),
            job=job.name,
        )
        next_action = {
            "type": "ir.actions.act_window",
            "res_model": "gdpr.erasure.job",
            "res_id": job.id,
            "views": [(False, "form")],
            "target": "main",
        }
        return self._notify(self.env._("Erasure job started"), message, "info", next_action)

    @api.model
    def _notify(self, title, message, kind, next_action):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": kind,
                "sticky": False,
                "next": next_action,
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
