# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class FakeAppSignup(models.Model):
    """A sign-up that copies a person's e-mail address and phone, with no
    link to any partner."""

    _name = "fake.app.signup"
    _description = "Fake signup"

    name = fields.Char(required=True)
    email = fields.Char()
    phone = fields.Char()
