# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class FakeAppNote(models.Model):
    """A note with chatter that may point to a partner (SET NULL) or only
    copy a person's e-mail address."""

    _name = "fake.app.note"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Fake note"

    name = fields.Char(required=True)
    partner_id = fields.Many2one("res.partner", ondelete="set null")
    contact_email = fields.Char()
