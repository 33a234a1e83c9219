# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class GdprRetentionNotice(models.Model):
    """An advance notice sent to a partner before a retention rule erases it.

    It counts while the partner shows no activity newer than it: then the
    rule erases the partner once ``erase_on`` has come, without a second
    notice. It holds no personal data beyond the link to the partner, and
    goes with the partner when it is deleted.
    """

    _name = "gdpr.retention.notice"
    _description = "GDPR retention notice"
    _order = "id desc"

    rule_id = fields.Many2one("gdpr.retention.rule", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    sent_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    erase_on = fields.Date(string="Erasure announced for", required=True, readonly=True)
