# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class DiscussChannelMember(models.Model):
    _inherit = "discuss.channel.member"
    _gdpr_sequence = 450

    def _gdpr_erase(self, batch):
        batch.delete_rows("discuss.channel.member", "discuss_channel_member")

    def _gdpr_export(self, writer):
        writer.add(self, [("partner_id", "in", writer.partner_ids)], ["channel_id", "create_date"])
