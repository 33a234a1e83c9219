# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailComposeMessage(models.TransientModel):
    """A mailing leaves out partners whose processing is restricted (Art. 18):
    their mail is cancelled before it exists, as for the do-not-mail list, and
    the trace says why (the mailing counts them)."""

    _inherit = "mail.compose.message"

    def _process_mail_values_state(self, mail_values_dict):
        mail_values_dict = super()._process_mail_values_state(mail_values_dict)

        if not self.mass_mailing_id:
            return mail_values_dict
        recipients = self._get_recipients_data(mail_values_dict)
        partner_ids = {
            record_id: {command[1] for command in values.get("recipient_ids") or [] if command[1]}
            for record_id, values in mail_values_dict.items()
        }
        if self.model == "res.partner":
            for record_id in partner_ids:
                partner_ids[record_id].add(record_id)
        Restriction = self.env["gdpr.restriction"]
        restricted = Restriction._restricted_partners(
            {pid for pids in partner_ids.values() for pid in pids},
            {email for info in recipients.values() for email in info["mail_to_normalized"]},
        )

        if not restricted:
            return mail_values_dict
        emails = {
            partner.email_normalized for partner in self.env["res.partner"].sudo().browse(list(restricted))
        }
        for record_id, values in mail_values_dict.items():
            if values.get("state") == "cancel":
                continue
            if partner_ids[record_id] & restricted.keys() or emails & set(
                recipients[record_id]["mail_to_normalized"]
            ):
                values.update(state="cancel", failure_type="mail_gdpr_restricted", is_notification=False)
        return mail_values_dict
