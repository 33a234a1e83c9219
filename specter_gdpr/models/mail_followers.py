# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailFollowers(models.Model):
    _inherit = "mail.followers"
    _gdpr_sequence = 440

    def _read_format(self, fnames, load="_classic_read"):
        """A follower repeats its partner's e-mail (the chatter's follower
        list): empty where the partner's own would be."""
        result = super()._read_format(fnames, load=load)
        if "email" in fnames:
            restricted = self.partner_id._gdpr_restricted()
            hidden = {follower.id for follower in self if follower.partner_id in restricted}
            for values in result:
                if values["id"] in hidden:
                    values["email"] = False
        return result

    def _gdpr_erase(self, batch):
        batch.delete_rows("mail.followers", "mail_followers")

    def _gdpr_export(self, writer):
        writer.add(self, [("partner_id", "in", writer.partner_ids)], ["res_model", "res_id"])
