# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models

from .gdpr_restriction import GROUNDS


class GdprRestrictionException(models.Model):
    """Why a restricted partner was processed all the same (Art. 18(2)):
    recorded by an officer, valid for that officer for a short while, and
    every use it allowed is written down."""

    _name = "gdpr.restriction.exception"
    _description = "GDPR exception to a restriction of processing (Art. 18(2))"
    _order = "id desc"

    restriction_id = fields.Many2one(
        "gdpr.restriction", required=True, readonly=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="restriction_id.partner_id", string="Partner")
    ground = fields.Selection(GROUNDS, required=True, readonly=True)
    note = fields.Text(required=True, readonly=True, help="Why the exception applies.")
    what = fields.Text(string="What is to be done", readonly=True)
    user_id = fields.Many2one("res.users", string="Officer", required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    valid_until = fields.Datetime(required=True, readonly=True)
    done = fields.Text(string="What was done", readonly=True)

    def _log_use(self, what):
        """One line on the exception and a note in the partner's chatter."""
        self.ensure_one()
        line = f"{fields.Datetime.to_string(fields.Datetime.now())}: {what}"
        self.write({"done": f"{self.done}\n{line}" if self.done else line})
        self.restriction_id.partner_id._message_log(
            body=self.env._(
                "Processed under an exception to the restriction (Art. 18(2)), by %(user)s: %(what)s",
                user=self.env.user.name,
                what=what,
            )
        )

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("restriction_id.partner_id", "in", writer.partner_ids)],
            ["restriction_id", "ground", "note", "what", "date", "done"],
        )
