# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class DiscussChannelMember(models.Model):
    _inherit = "discuss.channel.member"
    _gdpr_sequence = 450

    def _gdpr_erase(self, batch):
        self.env.cr.execute(
            "DELETE FROM discuss_channel_member WHERE partner_id IN %s RETURNING partner_id",
            [batch.partner_ids],
        )
        batch.tally("discuss.channel.member", "deleted", [row[0] for row in self.env.cr.fetchall()])
