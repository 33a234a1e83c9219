# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class DiscussChannel(models.Model):
    _inherit = "discuss.channel"
    _gdpr_sequence = 150
    _gdpr_staff_text = ("name", "description")

    def _gdpr_erase(self, batch):
        """Conversations with the person stay with staff, without the person's
        identity: Odoo names a chat after its members ("Liv Ekqvist,
        Administrator"), and its messages repeat that name."""
        self.env.cr.execute(
            "SELECT channel_id, partner_id FROM discuss_channel_member WHERE partner_id IN %s",
            [batch.partner_ids],
        )
        partner_by_channel = dict(self.env.cr.fetchall())
        if not partner_by_channel:
            return
        batch.link("discuss.channel", partner_by_channel.items())
        redacted = batch.redact("discuss_channel", list(self._gdpr_staff_text), partner_by_channel)
        batch.tally("discuss.channel", "scrubbed", [partner_by_channel[c] for c in redacted])

    def _gdpr_export(self, writer):
        """Chats and channels the person is in (their messages follow with the chatter)."""
        writer.add(
            self,
            [("channel_member_ids.partner_id", "in", writer.partner_ids)],
            ["name", "description", "channel_type", "create_date"],
        )
