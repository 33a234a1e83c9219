# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models
from odoo.tools import html2plaintext

PREVIEW_LENGTH = 300


class GdprReviewItem(models.Model):
    """A record that the officer's export finds about a person but that is
    not the person's own (found by an e-mail address or phone number in
    someone else's record, or a staff-only note). Before a copy reaches the
    person, an officer decides: give it, or leave it out (Art. 15(4): the
    copy must not adversely affect the rights of others)."""

    _name = "gdpr.review.item"
    _description = "GDPR export item to review"
    _order = "request_id, res_model, res_id"

    request_id = fields.Many2one("gdpr.request", required=True, ondelete="cascade", index=True)
    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Integer(string="Record", required=True, readonly=True)
    reason = fields.Selection(
        [
            ("internal", "Staff-only note"),
            ("identifier", "Found by an e-mail address or phone number, not linked to the person"),
        ],
        required=True,
        readonly=True,
    )
    decision = fields.Selection(
        [("pending", "To review"), ("include", "Give to the person"), ("exclude", "Leave out")],
        required=True,
        default="pending",
    )
    model_name = fields.Char(string="Kind", compute="_compute_preview")
    preview = fields.Text(compute="_compute_preview", help="What the record says, shortened.")

    _sql_constraints = [
        ("record_once", "UNIQUE(request_id, res_model, res_id)", "A record is reviewed once per request."),
    ]

    @api.depends("res_model", "res_id")
    def _compute_preview(self):
        for item in self:
            record = (
                self.env[item.res_model].sudo().browse(item.res_id).exists()
                if item.res_model in self.env
                else None
            )
            item.model_name = (
                self.env["ir.model"]._get(item.res_model).name if record is not None else item.res_model
            )
            if not record:
                item.preview = self.env._("(no longer exists)")
                continue
            text = record.display_name or ""
            for fname in ("body", "note", "description"):
                if fname in record._fields and record[fname]:
                    text += "\n" + html2plaintext(str(record[fname]))
                    break
            item.preview = text[:PREVIEW_LENGTH]

    def action_include(self):
        self.decision = "include"

    def action_exclude(self):
        self.decision = "exclude"
