# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    failure_type = fields.Selection(
        selection_add=[("mail_gdpr_restricted", "Processing restricted (Art. 18 GDPR)")],
        ondelete={"mail_gdpr_restricted": "set null"},
    )
