# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
import secrets
from datetime import timedelta

from markupsafe import Markup

from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.tools import email_normalize
from odoo.tools import email_normalize_all

from ..tools import hash_token
from ..tools import is_token

CLAIMED_FIELDS = ("email", "phone", "mobile")
VERIFY_DAYS = 7
VERIFY_MAILS_PER_DAY = 3  # confirmation mails to one mailbox
RECENT_DAYS = 30  # an e-mail or phone changed since then is flagged in the erasure plan


def claim_keys(value, e164=()):
    """The forms in which the erasure and the export compare a value: lower
    case as typed, every address a formatted e-mail holds (``"M" <x@y>``)
    normalised, and a phone number without separators (as typed and in
    E.164, ``e164`` being its forms under the countries that apply)."""
    value = (value or "").strip()
    keys = {value.lower()} if value else set()
    if "@" in value:
        return keys | set(email_normalize_all(value))
    for number in (value, *e164):
        if number:
            keys.add(re.sub(r"[\s./()-]", "", number).lower())
    return keys


class GdprIdentifierClaim(models.Model):
    """An e-mail address or phone number that a person gave about themself
    (the portal's *My account*, their own preferences, a signup or a
    checkout on the website): unverified until confirmed by a link sent to
    that address, or by staff.

    Unverified values never select records that are not the partner's by
    relation: a customer who types a stranger's address into their account
    does not get, nor erase, the stranger's leads, notes or opt-outs.
    """

    _name = "gdpr.identifier.claim"
    _description = "GDPR identifier given by the person themself"
    _order = "id desc"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    field_name = fields.Selection(
        [("email", "E-mail"), ("phone", "Phone"), ("mobile", "Mobile")], string="Field", required=True
    )
    value = fields.Char(required=True)
    keys = fields.Text(help="The value's forms as the erasure compares them, one a line.")
    verified = fields.Boolean(readonly=True, default=False)
    verified_by_id = fields.Many2one("res.users", string="Verified by", readonly=True)
    verified_date = fields.Datetime(readonly=True)
    token_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    token_expiry = fields.Datetime(readonly=True, copy=False)

    # -- recording ---------------------------------------------------------
    @api.model
    def _is_self_assertion(self, partners):
        """Whether the current user writes about themself: the public user
        (signup, website checkout), a portal user, or an employee editing
        their own contact."""
        user = self.env.user
        return user._is_public() or user.share or (user.partner_id in partners)

    @api.model
    def _values_before(self, partners, vals):
        """``{partner id: {field: value}}`` of the claimed fields ``vals``
        writes, read before the write (a form saves unchanged values too)."""
        names = [name for name in CLAIMED_FIELDS if name in vals]
        if not names:
            return {}
        return {partner.id: {name: partner[name] for name in names} for partner in partners.sudo()}

    @api.model
    def _record(self, partners, vals, before=None):
        """After a write (``before``: ``_values_before``) or a create of
        ``partners`` with ``vals``: claims for the values the person gave
        themself; a value staff enter verifies a claim of the same value."""
        changes = [
            (partner, name, vals[name])
            for partner in partners
            for name in CLAIMED_FIELDS
            if vals.get(name) and (before is None or before.get(partner.id, {}).get(name) != vals[name])
        ]
        if not changes:
            return
        if not self._is_self_assertion(partners):
            for partner, name, value in changes:
                self.sudo().search(
                    [("partner_id", "=", partner.id), ("field_name", "=", name), ("value", "=", value)]
                ).filtered(lambda claim: not claim.verified)._mark_verified()
            return
        claims = self.sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "field_name": name,
                    "value": value,
                    "keys": "\n".join(sorted(claim_keys(value, self._e164(partner, value)))),
                }
                for partner, name, value in changes
            ]
        )
        if before is not None:  # a changed address is asked to confirm; a new partner's is not mailed
            claims.filtered(lambda claim: claim.field_name == "email")._send_verification()

    @api.model
    def _e164(self, partner, value):
        """A phone number's E.164 forms: under the partner's country as it is
        now (a later change of country re-reads them, see ``_unverified_keys``)."""
        if "@" in (value or ""):
            return ()
        formatted = partner.sudo()._phone_format(number=value, country=partner.sudo().country_id)
        return (formatted,) if formatted else ()

    @api.model
    def _unverified_keys(self, partner_ids):
        """``{key}``: the unverified values of ``partner_ids`` in every form
        compared, phone numbers also as the partner's country reads them
        today (typed under one country, re-read under another, a number is
        someone else's)."""
        self.env.cr.execute(
            "SELECT partner_id, field_name, value, keys FROM gdpr_identifier_claim "
            "WHERE partner_id IN %s AND verified IS NOT TRUE",
            [tuple(partner_ids) or (0,)],
        )
        keys = set()
        partners = self.env["res.partner"].sudo().with_context(active_test=False)
        for partner_id, field_name, value, stored in self.env.cr.fetchall():
            keys.update(key for key in (stored or "").split("\n") if key)
            if field_name != "email":
                keys.update(claim_keys(value, self._e164(partners.browse(partner_id), value)))
        return keys

    # -- verifying ---------------------------------------------------------
    def _send_verification(self):
        """A one-time link (7 days) to the address itself: clicking it, logged
        in as the account that entered it, proves the person reads that
        mailbox. At most ``VERIFY_MAILS_PER_DAY`` such mails to one mailbox."""
        template = self.env.ref("specter_gdpr.mail_template_gdpr_identifier_verify").sudo()
        for claim in self.sudo():
            address = email_normalize(claim.value)
            if not address or self._verification_mails_today(address) >= VERIFY_MAILS_PER_DAY:
                continue
            token = secrets.token_urlsafe(32)
            claim.write(
                {
                    "token_hash": hash_token(token),
                    "token_expiry": fields.Datetime.now() + timedelta(days=VERIFY_DAYS),
                }
            )
            template.with_context(gdpr_token=token).send_mail(
                claim.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={"model": False, "email_to": address},
            )

    @api.model
    def _verification_mails_today(self, address):
        """Confirmation links sent to ``address`` in the last 24 hours (still open)."""
        self.flush_model(["keys", "token_expiry"])
        self.env.cr.execute(
            "SELECT count(*) FROM gdpr_identifier_claim WHERE field_name = 'email' AND token_expiry >= %s "
            "AND %s = ANY(string_to_array(keys, E'\\n'))",
            [fields.Datetime.now() + timedelta(days=VERIFY_DAYS - 1), address],
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _verify_by_token(self, token):
        """Confirm the claim whose link carries ``token``, for the account that
        entered it only: the owner of a mailbox that a stranger typed into
        their own account cannot be tricked into confirming it for them."""
        claim = (
            self.sudo().search([("token_hash", "=", hash_token(token)), ("verified", "=", False)], limit=1)
            if is_token(token)
            else self.sudo()
        )
        if not claim or claim.token_expiry < fields.Datetime.now():
            raise UserError(self.env._("This confirmation link is not valid, or it was already used."))
        if self.env.user.partner_id != claim.partner_id:
            raise UserError(
                self.env._("Log in to the account where you entered this address, then open the link again.")
            )
        claim._mark_verified()
        return claim

    def _mark_verified(self):
        self.sudo().write(
            {
                "verified": True,
                "verified_by_id": self.env.user.id,
                "verified_date": fields.Datetime.now(),
                "token_hash": False,
                "token_expiry": False,
            }
        )

    def action_verify(self):
        """Staff checked the value with the person (on the phone, an ID shown)."""
        if not self.env.user.has_group("specter_gdpr.group_gdpr_officer"):
            raise AccessError(self.env._("Only GDPR officers may mark contact details as verified."))
        for claim in self:
            claim.partner_id._message_log(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "%(field)s %(value)s marked as verified.", field=claim.field_name, value=claim.value
                )
            )
        self._mark_verified()

    # -- registry hooks ----------------------------------------------------------
    def _gdpr_export(self, writer):
        """The contact details the person gave themself, and whether they were confirmed."""
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["field_name", "value", "verified", "create_date"],
        )

    def _gdpr_erase(self, batch):
        self.env.cr.execute("DELETE FROM gdpr_identifier_claim WHERE partner_id IN %s", [batch.partner_ids])

    def _gdpr_plan(self, plan):
        """The plan says when the person gave contact details themself that
        nobody confirmed (without the values: the plan's reasons go to the log)."""
        self.env.cr.execute(
            "SELECT DISTINCT partner_id FROM gdpr_identifier_claim "
            "WHERE partner_id IN %s AND verified IS NOT TRUE",
            [plan.partner_ids],
        )
        partner_ids = [row[0] for row in self.env.cr.fetchall()]
        plan.note(
            self._recently_changed(plan.partner_ids),
            self.env._(
                "The e-mail address or phone number changed in the last %(days)s days: check that this "
                "is the person who asked.",
                days=RECENT_DAYS,
            ),
        )
        plan.note(
            partner_ids,
            self.env._(
                "Contact details the person gave themself are unverified: they are not used to find "
                "data outside the partner's own records."
            ),
        )

    @api.model
    def _recently_changed(self, partner_ids):
        """Partners whose e-mail, phone or mobile changed in the last ``RECENT_DAYS`` days
        (tracked changes)."""
        self.env.cr.execute(
            """
            SELECT DISTINCT message.res_id
              FROM mail_tracking_value tracking
              JOIN mail_message message ON message.id = tracking.mail_message_id
              JOIN ir_model_fields field ON field.id = tracking.field_id
             WHERE message.model = 'res.partner' AND message.res_id IN %s
               AND field.name IN ('email', 'phone', 'mobile')
               AND message.date >= now() at time zone 'UTC' - make_interval(days => %s)
            """,
            [tuple(partner_ids), RECENT_DAYS],
        )
        return [row[0] for row in self.env.cr.fetchall()]
