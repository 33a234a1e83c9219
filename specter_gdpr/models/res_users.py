# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"
    _gdpr_sequence = 900

    @api.model
    def _update_last_login(self):
        """Logging in after a new DPA version accepts it for the user's company."""
        result = super()._update_last_login()
        self.env["gdpr.dpa"]._accept_by_continued_use()
        return result

    def _gdpr_plan(self, plan):
        self.env.cr.execute(
            "SELECT partner_id, id FROM res_users WHERE partner_id IN %s AND NOT share",
            [plan.partner_ids],
        )
        for root_id, user_ids in plan.group_by_root(self.env.cr.fetchall()).items():
            plan.block(
                root_id,
                self.env._(
                    "Belongs to an internal user (user id %(ids)s): archive or convert the user first.",
                    ids=", ".join(map(str, user_ids)),
                ),
                self.env._("Internal users"),
            )

    def _gdpr_identifiers(self, batch):
        self.env.cr.execute(
            "SELECT partner_id, login FROM res_users WHERE partner_id IN %s", [batch.partner_ids]
        )
        for partner_id, login in self.env.cr.fetchall():
            batch.add_identifiers(partner_id, [login])

    def _gdpr_erase(self, batch):
        """Portal logins: deleted with a deleted partner, else disabled and scrubbed."""
        users = self.search([("partner_id", "in", batch.partner_ids), ("share", "=", True)])
        if not users:
            return
        self.env["res.users.apikeys"].search([("user_id", "in", users.ids)])._remove()
        self.env.cr.execute("DELETE FROM res_device_log WHERE user_id IN %s", [tuple(users.ids)])
        to_delete = users.filtered(lambda u: u.partner_id.id in batch.delete_ids)
        to_disable = users - to_delete
        if to_disable:
            self.env.cr.execute(
                """
                UPDATE res_users
                   SET login = '__erased_user_' || id, password = NULL, signature = NULL,
                       active = false
                 WHERE id IN %s
                """,
                [tuple(to_disable.ids)],
            )
            if "totp_secret" in self._fields:
                self.env.cr.execute(
                    "UPDATE res_users SET totp_secret = NULL WHERE id IN %s", [tuple(to_disable.ids)]
                )
            batch.tally("res.users", "scrubbed", to_disable.partner_id.ids)
        batch.tally("res.users", "deleted", to_delete.partner_id.ids)
        to_delete.unlink()
