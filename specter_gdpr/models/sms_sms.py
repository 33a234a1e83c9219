# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models

from .gdpr_erasure import PHONE_SEPARATORS


class SmsSms(models.Model):
    _inherit = "sms.sms"
    _gdpr_sequence = 210
    _gdpr_staff_text = ("body",)

    partner_id = fields.Many2one(index="btree_not_null")  # see account_move.py
    gdpr_restriction_allowed = fields.Boolean(readonly=True, copy=False)

    # -- restriction of processing (Art. 18) ------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("gdpr_restriction_allowed", None)  # decided here, not by the client
        messages = super().create(vals_list)
        messages._gdpr_hold_restricted()
        return messages

    def _send(self, *args, **kwargs):
        held = self._gdpr_hold_restricted(at_send=True)
        return super(SmsSms, self - held)._send(*args, **kwargs)

    def write(self, vals):
        vals.pop("gdpr_restriction_allowed", None)
        return super().write(vals)

    def _gdpr_recipients(self):
        numbers = {self.number.replace(" ", "")} if self.number else set()
        return {self.partner_id.id} if self.partner_id else set(), set(), numbers

    def _gdpr_hold_restricted(self, at_send=False):
        """SMS to a restricted partner are cancelled with the reason, said in
        the chatter. At sending, only those let through when created leave
        (held ones are no longer outgoing)."""
        Restriction = self.env["gdpr.restriction"]
        what = self.env._("an SMS")
        held = Restriction._held_outgoing(self, SmsSms._gdpr_recipients, what, at_send=at_send)
        for sms, (restriction, _partner_ids) in held.items():
            sms.sudo().write({"state": "canceled", "failure_type": "unknown"})
            message = sms.sudo().mail_message_id
            restriction._log_held(message.model, message.res_id, what)
        return self.browse([sms.id for sms in held])

    def _gdpr_erase(self, batch):
        self.env.cr.execute(
            """
            DELETE FROM sms_sms
             WHERE partner_id IN %(ids)s
                OR regexp_replace(number, %(separators)s, '', 'g') = ANY(%(numbers)s)
         RETURNING partner_id
            """,
            {"ids": batch.partner_ids, "separators": PHONE_SEPARATORS, "numbers": list(batch.phone_numbers)},
        )
        batch.tally("sms.sms", "deleted", [row[0] for row in self.env.cr.fetchall() if row[0]])

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [
                "|",
                ("partner_id", "in", writer.partner_ids),
                ("number", "in", sorted(writer.batch.phone_numbers)),
            ],
            ["number", "body", "state", "create_date"],
        )
