# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class FakeAppBooking(models.Model):
    """A booking that keeps its partner from being deleted (RESTRICT)."""

    _name = "fake.app.booking"
    _description = "Fake booking"

    name = fields.Char(required=True)
    partner_id = fields.Many2one("res.partner", ondelete="restrict", required=True)
