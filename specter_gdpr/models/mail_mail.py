# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo import api
from odoo import fields
from odoo import models
from odoo.tools import email_normalize_all


class MailMail(models.Model):
    _inherit = "mail.mail"
    _gdpr_sequence = 420
    _gdpr_staff_text = ("subject", "body_html", "email_to", "email_cc", "reply_to")
    _gdpr_recipient_tokens = "specter_gdpr_tokens(concat_ws(' ', email_to, email_cc))"

    gdpr_restriction_allowed = fields.Boolean(
        readonly=True, copy=False, help="Let through a restriction of processing when created."
    )

    # -- restriction of processing (Art. 18) ------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("gdpr_restriction_allowed", None)  # decided here, not by the client
        mails = super().create(vals_list)
        mails._gdpr_hold_restricted()
        return mails

    def write(self, vals):
        vals.pop("gdpr_restriction_allowed", None)
        return super().write(vals)

    def send(self, *args, **kwargs):
        held = self._gdpr_hold_restricted(at_send=True)
        return super(MailMail, self - held).send(*args, **kwargs)

    def _gdpr_recipients(self):
        return set(self.recipient_ids.ids), set(email_normalize_all(self.email_to or "")), set()

    def _gdpr_hold_restricted(self, at_send=False):
        """Mails to a restricted partner (by partner or e-mail address) do not
        leave: they fail with the reason, said in the chatter. Those let
        through when created (an officer's exception, the notice before
        lifting) are marked and leave."""
        Restriction = self.env["gdpr.restriction"]
        what = self.env._("an e-mail")
        held = Restriction._held_outgoing(self, MailMail._gdpr_recipients, what, at_send=at_send)
        for mail, (restriction, partner_ids) in list(held.items()):
            others = mail.recipient_ids.filtered(lambda partner, ids=partner_ids: partner.id not in ids)
            if others and not at_send and not mail.email_to:
                # one mail for several recipients: the others get theirs
                mail.sudo().recipient_ids = [Command.set(others.ids)]
                del held[mail]
                mail._gdpr_split_held(partner_ids)
                continue
            reason = restriction._refusal(what)
            mail.sudo().write({"state": "exception", "failure_reason": reason, "failure_type": "unknown"})
            self.env["mail.notification"].sudo().search([("mail_mail_id", "=", mail.id)]).write(
                {"notification_status": "exception", "failure_type": "unknown", "failure_reason": reason}
            )
            restriction._log_held(mail.model, mail.res_id, what)
        return self.browse([mail.id for mail in held])

    def _gdpr_split_held(self, partner_ids):
        """The restricted recipients of a mail to several get a mail of their
        own, held (its create holds it) with their notifications."""
        copied = (
            "mail_message_id",
            "body_html",
            "headers",
            "is_notification",
            "auto_delete",
            "mail_server_id",
        )
        values = self.sudo().read(copied, load=None)[0]
        values.pop("id")
        split = self.sudo().create(dict(values, recipient_ids=[Command.set(list(partner_ids))]))
        self.env["mail.notification"].sudo().search(
            [("mail_mail_id", "=", self.id), ("res_partner_id", "in", list(partner_ids))]
        ).write(
            {
                "mail_mail_id": split.id,
                "notification_status": "exception" if split.state == "exception" else "ready",
                "failure_type": "unknown" if split.state == "exception" else False,
                "failure_reason": split.failure_reason,
            }
        )

    def _gdpr_erase(self, batch):
        """Outgoing and sent e-mails to the partners are deleted."""
        self.env.cr.execute(
            """
            SELECT mail.id, rel.res_partner_id
              FROM mail_mail mail
              JOIN mail_mail_res_partner_rel rel ON rel.mail_mail_id = mail.id
             WHERE rel.res_partner_id IN %s
            """,
            [batch.partner_ids],
        )
        rows = self.env.cr.fetchall()
        # mails addressed to their e-mail addresses, found as whole tokens
        to_owner = batch.candidates(self._gdpr_recipient_tokens, "mail_mail")
        rows += [(mail_id, min(roots)) for mail_id, roots in to_owner.items()]
        partner_by_mail = dict(rows)
        if partner_by_mail:
            self._gdpr_delete_mails(batch, partner_by_mail)
            batch.tally("mail.mail", "deleted", list(partner_by_mail.values()))
        self._gdpr_redact_linked(batch)

    def _gdpr_redact_linked(self, batch):
        """Mails to others about records kept for the person (a meeting
        invitation to staff names the person's street) lose the identifiers."""
        for model, partner_by_record in batch.linked.items():
            self.env.cr.execute(
                """
                SELECT mail.id, msg.res_id FROM mail_mail mail
                  JOIN mail_message msg ON msg.id = mail.mail_message_id
                 WHERE msg.model = %s AND msg.res_id IN %s
                """,
                [model, tuple(partner_by_record)],
            )
            partner_by_mail = {mail: partner_by_record[record] for mail, record in self.env.cr.fetchall()}
            batch.redact("mail_mail", ["body_html"], partner_by_mail)

    def _gdpr_delete_mails(self, batch, partner_by_mail):
        """Delete the mails and the messages they carry, unless a message is also
        chatter on a record: then it only loses the identifiers."""
        self.env.cr.execute(
            "DELETE FROM mail_mail WHERE id IN %s RETURNING id, mail_message_id", [tuple(partner_by_mail)]
        )
        partner_by_message = {msg: partner_by_mail[mail] for mail, msg in self.env.cr.fetchall()}
        self.env.cr.execute(
            "DELETE FROM mail_message WHERE id IN %s AND (model IS NULL OR res_id IS NULL OR res_id = 0)",
            [tuple(partner_by_message)],
        )
        batch.redact("mail_message", ["body", "subject", "email_from", "reply_to"], partner_by_message)

    def _gdpr_export(self, writer):
        """E-mails to the person still in the outgoing queue or kept after
        sending: to their partner, or to an address of theirs (a verified one
        only, in their own copy)."""
        domain = [("recipient_ids", "in", writer.partner_ids)]
        if writer.own_only and writer.received_addresses:
            self.env.cr.execute(
                f"SELECT id FROM mail_mail WHERE {self._gdpr_recipient_tokens} && %s::text[]",
                [writer.received_addresses],
            )
            domain = ["|", ("id", "in", [row[0] for row in self.env.cr.fetchall()]), *domain]
        writer.add(self, domain, ["subject", "email_to", "body_html", "state", "create_date"])
