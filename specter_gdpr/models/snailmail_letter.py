# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models


class SnailmailLetter(models.Model):
    """Letters copy the recipient's postal address. The printed document is an
    attachment of the record it was printed from, and follows that record."""

    _inherit = "snailmail.letter"
    _gdpr_sequence = 220

    partner_id = fields.Many2one(index="btree_not_null")  # see account_move.py

    @api.model_create_multi
    def create(self, vals_list):
        """No letter to a restricted partner (Art. 18): refused before Odoo
        notes in the chatter that it was sent."""
        self.env["gdpr.restriction"]._check(
            [vals.get("partner_id") for vals in vals_list], self.env._("a letter")
        )
        return super().create(vals_list)

    def _gdpr_erase(self, batch):
        # the recipient is required and restricts deletion: a deleted partner's letters go
        self.env.cr.execute(
            "DELETE FROM snailmail_letter WHERE partner_id IN %s RETURNING partner_id", [batch.deleted]
        )
        batch.tally("snailmail.letter", "deleted", [row[0] for row in self.env.cr.fetchall()])
        self.env.cr.execute(
            """
            UPDATE snailmail_letter
               SET street = NULL, street2 = NULL, zip = NULL, city = NULL, state_id = NULL, info_msg = NULL
             WHERE partner_id IN %s
         RETURNING partner_id
            """,
            [batch.anonymised],
        )
        batch.tally("snailmail.letter", "scrubbed", [row[0] for row in self.env.cr.fetchall()])

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["model", "res_id", "state", "street", "street2", "zip", "city", "country_id", "create_date"],
        )
