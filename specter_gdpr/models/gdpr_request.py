# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import contextvars
import hashlib
import ipaddress
import re
import secrets
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID
from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import email_normalize
from odoo.tools import format_date
from odoo.tools.sql import escape_psql

from ..tools import hash_token
from ..tools import is_token
from ..tools import valid_email
from .gdpr_erasure import PHONE_SEPARATORS

REQUEST_TYPES = [
    ("access", "Access (Art. 15)"),
    ("portability", "Portability (Art. 20)"),
    ("erasure", "Erasure (Art. 17)"),
    ("rectification", "Rectification (Art. 16)"),
    ("restriction", "Restriction (Art. 18)"),
    ("objection", "Objection (Art. 21)"),
]
EXPORT_TYPES = ("access", "portability")
OPEN_STATES = ("new", "identity", "in_progress")
TOKEN_DAYS = 7
REQUESTER_FIELDS = ("requester_name", "requester_email", "requester_phone", "requester_vat", "description")
MAX_EXTENSION_MONTHS = 2
COPIES_PER_PERIOD = 3  # copies of one person's data answered ...
COPY_PERIOD_DAYS = 30  # ... in this many days (Art. 12(5): beyond it, manifestly excessive)
WEB_REQUESTS_PER_HOUR = 5  # per network address
WEB_REQUESTS_PER_EMAIL = 3  # per e-mail address and day
# changed only by the request's own steps (buttons, links, crons), never by a plain write
CONTROLLED_FIELDS = frozenset(
    {
        "state",
        "identity_confirmed",
        "identity_method",
        "identity_date",
        "token_hash",
        "token_expiry",
        "extension_months",
        "extension_reason",
        "date_done",
        "log_ids",
        "reminder_sent",
        "overdue_notified",
        "contact_dropped",
        "requester_user_id",
        "ip_hash",
        "email_key",
        "export_hold",
    }
)


# C0 controls (but tab and line breaks), DEL and C1 controls: never part of a name or address
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# a link or a web address in a name: text of an outsider's that we would mail under our name
# read after NFKC normalisation (a fullwidth dot is a dot): a scheme, "www.",
# markup, or a domain-like word ("evil.example", "bit.ly/x")
LINK_LIKE = re.compile(r"[a-z][a-z0-9+.-]*:/|www\.|[<>]|[\w-]\.[a-z]{2,}\b", re.I)
# Set only by the request's own steps, in this process: a context key would be
# client input (any JSON-RPC call can send one).
_STEP = contextvars.ContextVar("gdpr_request_step", default=False)


@contextmanager
def request_step():
    """Within this block the request's controlled fields may be written."""
    token = _STEP.set(True)
    try:
        yield
    finally:
        _STEP.reset(token)


class GdprRequest(models.Model):
    """A data subject request (Art. 12-22): who asked what, when it is due,
    how the requester's identity was confirmed and what was answered."""

    _name = "gdpr.request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "GDPR data subject request"
    _order = "id desc"
    _rec_name = "name"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    request_type = fields.Selection(REQUEST_TYPES, string="Type", required=True, tracking=True)
    channel = fields.Selection(
        [
            ("email", "E-mail"),
            ("phone", "Phone"),
            ("letter", "Letter"),
            ("portal", "Portal"),
            ("web", "Web form"),
        ],
        required=True,
        default="email",
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("identity", "Identity to confirm"),
            ("in_progress", "In progress"),
            ("done", "Done"),
            ("refused", "Refused"),
        ],
        required=True,
        default="new",
        readonly=True,
        tracking=True,
        copy=False,
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    requester_name = fields.Char(string="Name as given")
    requester_email = fields.Char(string="E-mail as given")
    requester_phone = fields.Char(string="Phone as given")
    requester_vat = fields.Char(string="Tax ID as given")
    requester_user_id = fields.Many2one("res.users", string="Portal user", readonly=True)
    lang = fields.Selection("_lang_get", string="Language", default=lambda self: self.env.lang or "en_US")
    description = fields.Text(string="What was asked")
    date_received = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    extension_months = fields.Integer(readonly=True, tracking=True)
    extension_reason = fields.Text(readonly=True)
    date_due = fields.Date(
        string="Due",
        compute="_compute_date_due",
        store=True,
        tracking=True,
        help="One month after receipt (Art. 12(3)), in calendar months: a request received on "
        "31 January is due on the last day of February; extended by up to two more months.",
    )
    partner_ids = fields.Many2many(
        "res.partner", "gdpr_request_partner_rel", "request_id", "partner_id", string="Concerns"
    )
    proposed_partner_ids = fields.Many2many(
        "res.partner",
        string="Matching partners",
        compute="_compute_proposed_partner_ids",
        help="Partners whose e-mail, phone, tax ID or name (today's or former) match the requester's.",
    )
    match_summary = fields.Text(
        string="How they match",
        compute="_compute_proposed_partner_ids",
        help="A partner is the requester's by proof only: their verified e-mail address is the mailbox "
        "that confirmed the request, or an officer checked the identity. A match by name, phone or "
        "tax ID alone is no proof.",
    )
    review_item_ids = fields.One2many("gdpr.review.item", "request_id", string="To review")
    export_hold = fields.Text(
        string="Copy on hold",
        readonly=True,
        copy=False,
        help="Why the person's copy is not built yet (records to review, a limit).",
    )
    identity_confirmed = fields.Boolean(readonly=True, tracking=True, copy=False)
    identity_method = fields.Selection(
        [("email", "E-mail link"), ("officer", "Checked by an officer"), ("login", "Portal login")],
        readonly=True,
        copy=False,
    )
    identity_note = fields.Text(help="How the identity was checked (e.g. ID card shown on site).")
    identity_date = fields.Datetime(readonly=True, copy=False)
    token_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    token_expiry = fields.Datetime(readonly=True, copy=False)
    ip_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    email_key = fields.Char(readonly=True, copy=False, index="btree_not_null", groups="base.group_system")
    refusal_reason = fields.Text(tracking=True)
    outcome = fields.Text(help="What was done: sent to the requester when the request is closed.")
    date_done = fields.Date(string="Closed on", readonly=True, copy=False)
    export_ids = fields.One2many("gdpr.data.export", "request_id", string="Exports", readonly=True)
    log_ids = fields.Many2many("gdpr.erasure.log", string="Erasure logs", readonly=True, copy=False)
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    overdue_notified = fields.Boolean(readonly=True, copy=False)
    contact_dropped = fields.Boolean(
        string="Contact data dropped",
        readonly=True,
        copy=False,
        help="The retention period of closed requests has passed: the requester's contact data "
        "and messages are gone; what proves the handling stays.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    @api.model
    def _lang_get(self):
        return self.env["res.lang"].get_installed()

    @api.depends("date_received", "extension_months")
    def _compute_date_due(self):
        for request in self:
            received = request.date_received
            request.date_due = received and received + relativedelta(months=1 + request.extension_months)

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = (
                request.state in OPEN_STATES and request.date_due and request.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue requests with = True or = False only."))
        domain = [("state", "in", OPEN_STATES), ("date_due", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    @api.depends("requester_email", "requester_phone", "requester_vat", "requester_name", "identity_method")
    def _compute_proposed_partner_ids(self):
        for request in self:
            matches = request._match_partners()
            request.proposed_partner_ids = [fields.Command.set(list(matches))]
            request.match_summary = "\n".join(
                request._describe_match(partner, kinds)
                for partner, kinds in zip(
                    self.env["res.partner"].browse(list(matches)), matches.values(), strict=True
                )
            )

    def _match_partners(self):
        """``{partner id: [what matched]}``: partners whose details (or former
        e-mail/phone) match what the requester gave."""
        self.ensure_one()
        Partner = self.env["res.partner"].with_context(active_test=False)
        criteria = []
        email = email_normalize(self.requester_email or "")
        if email:
            criteria.append(("email", [("email_normalized", "=", email)]))
        if self.requester_phone and len(self.requester_phone) >= 6:
            criteria.append(("phone", [("phone_mobile_search", "=", self.requester_phone)]))
        if self.requester_vat:
            # contacts copy their company's tax ID: the company is the match
            vat = escape_psql(self.requester_vat.strip())
            criteria.append(("vat", [("vat", "=ilike", vat), ("parent_id", "=", False)]))
        if self.requester_name and len(self.requester_name.strip()) >= 3:
            criteria.append(("name", [("name", "=ilike", escape_psql(self.requester_name.strip()))]))
        matches = {}
        for kind, domain in criteria:
            for partner_id in Partner.search(domain, limit=20).ids:
                matches.setdefault(partner_id, []).append(kind)
        for partner_id in self._former_identifier_matches(email).ids:
            matches.setdefault(partner_id, []).append("former")
        return matches

    def _describe_match(self, partner, kinds):
        labels = {
            "email": self.env._("e-mail address"),
            "phone": self.env._("phone number"),
            "vat": self.env._("tax ID"),
            "name": self.env._("name"),
            "former": self.env._("a former e-mail address or phone number"),
        }
        proof = (
            self.env._("proven")
            if self._is_proven(partner)
            else self.env._("no proof: check the identity before linking")
        )
        return self.env._(
            "%(partner)s: %(kinds)s (%(proof)s)",
            partner=partner.display_name,
            kinds=", ".join(labels[kind] for kind in kinds),
            proof=proof,
        )

    def _is_proven(self, partner):
        """Whether ``partner`` is the requester's by proof: an officer checked
        the identity; or the portal login is the partner's; or the mailbox that
        confirmed the request is the partner's e-mail, entered by staff or
        confirmed by the person (not one they typed in themself)."""
        self.ensure_one()
        if self.identity_method == "officer":
            return True
        if self.identity_method == "login":
            return partner == self.requester_user_id.partner_id
        email = email_normalize(self.requester_email or "")
        return bool(
            self.identity_method == "email"
            and email
            and partner.email_normalized == email
            and email not in self.env["gdpr.identifier.claim"].sudo()._unverified_keys(partner.ids)
        )

    def _check_partners_proven(self):
        """Nothing is exported or erased for a partner that is not the
        requester's by proof (see ``_is_proven``)."""
        for request in self:
            unproven = request.partner_ids.filtered(
                lambda partner, request=request: not request._is_proven(partner)
            )
            if unproven:
                raise UserError(
                    self.env._(
                        "Request %(name)s: nothing proves that %(partners)s is the requester. Check the "
                        "identity (Identity checked, with a note on how) or remove the partner.",
                        name=request.name,
                        partners=", ".join(unproven.mapped("display_name")),
                    )
                )

    def _former_identifier_matches(self, email):
        """Partners that had this e-mail address or phone number before (tracked changes)."""
        values = [value for value in (email, (self.requester_phone or "").strip()) if value]
        if not values:
            return self.env["res.partner"]
        self.env.cr.execute(
            """
            SELECT DISTINCT message.res_id FROM mail_tracking_value tracking
              JOIN mail_message message ON message.id = tracking.mail_message_id
             WHERE message.model = 'res.partner' AND lower(tracking.old_value_char) = ANY(%s)
             LIMIT 20
            """,
            [[value.lower() for value in values]],
        )
        return self.env["res.partner"].browse([row[0] for row in self.env.cr.fetchall()]).exists()

    # -- life cycle -----------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a client may send the defaults of a new request (state "new", nothing confirmed)
            self._check_controlled({k: v for k, v in vals.items() if v not in (False, None, 0, "new", [])})
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("gdpr.request") or "/"
        return super(GdprRequest, self._without_controlled_defaults()).create(vals_list)

    def _without_controlled_defaults(self):
        """``default_<field>`` context keys are client input too: none of them
        sets a controlled field."""
        if _STEP.get():
            return self
        context = {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[len("default_") :] in CONTROLLED_FIELDS)
        }
        return self.with_context(context) if len(context) != len(self.env.context) else self

    def write(self, vals):
        self._check_controlled(vals)
        if "requester_email" in vals and not _STEP.get() and self.filtered("identity_confirmed"):
            raise UserError(
                self.env._(
                    "The e-mail address of a confirmed request is the one that proved the identity: it "
                    "does not change. Register a new request for another address."
                )
            )
        return super().write(vals)

    def _check_controlled(self, vals):
        """The steps that prove the handling (identity, deadline, outcome)
        change only through the request's buttons, links and crons."""
        touched = CONTROLLED_FIELDS & set(vals)
        if touched and not _STEP.get():
            labels = ", ".join(sorted(self._fields[name].string for name in touched))
            raise UserError(
                self.env._(
                    "%(fields)s change only through the request's buttons, not directly.", fields=labels
                )
            )

    def _step(self, vals):
        """Write fields of ``CONTROLLED_FIELDS`` as a step of the request."""
        with request_step():
            return self.write(vals)

    def _check_request_ids(self):
        """Ids come from clients: positive whole numbers of existing requests."""
        wrong = [rid for rid in self._ids if isinstance(rid, bool) or not isinstance(rid, int) or rid <= 0]
        if wrong or len(self.exists()) != len(self):
            raise UserError(self.env._("No such request: %(ids)s.", ids=", ".join(map(repr, self._ids))))

    def _check_open(self):
        self._check_request_ids()
        closed = self.filtered(lambda request: request.state not in OPEN_STATES)
        if closed:
            raise UserError(
                self.env._("The request %(names)s is already closed.", names=", ".join(closed.mapped("name")))
            )

    def _check_confirmed(self):
        unconfirmed = self.filtered(lambda request: not request.identity_confirmed)
        if unconfirmed:
            raise UserError(
                self.env._(
                    "Confirm the requester's identity of %(names)s first: "
                    "nothing is exported or erased before.",
                    names=", ".join(unconfirmed.mapped("name")),
                )
            )

    def _check_partners(self):
        for request in self.filtered(lambda request: not request.partner_ids):
            raise UserError(
                self.env._("Request %(name)s: say which partners it concerns first.", name=request.name)
            )

    def action_use_proposed_partners(self):
        """Link the matching partners that are the requester's by proof; a
        match by name, phone or tax ID alone is not linked with one click."""
        self._check_request_ids()
        for request in self:
            proven = request.proposed_partner_ids.filtered(request._is_proven)
            if not proven and request.proposed_partner_ids:
                raise UserError(
                    self.env._(
                        "Request %(name)s: no matching partner is proven to be the requester "
                        "(%(summary)s). Check the identity first (Identity checked, with a note), or "
                        "link a partner yourself.",
                        name=request.name,
                        summary=request.match_summary.replace("\n", "; "),
                    )
                )
            request.partner_ids |= proven

    def action_send_identity_link(self):
        """E-mail the requester a one-time link (valid 7 days) that confirms the request."""
        self._check_open()
        for request in self:
            if not email_normalize(request.requester_email or ""):
                raise UserError(
                    self.env._(
                        "Request %(name)s has no valid e-mail address to send the link to.", name=request.name
                    )
                )
            token = secrets.token_urlsafe(32)
            request.sudo()._step(
                {
                    "token_hash": hash_token(token),
                    "token_expiry": fields.Datetime.now() + timedelta(days=TOKEN_DAYS),
                    "state": "identity",
                }
            )
            request._send("specter_gdpr.mail_template_gdpr_request_identity", token=token)

    @api.model
    def _confirm_by_token(self, token):
        """Confirm the request whose link carries ``token``: once, within 7 days."""
        request = (
            self.sudo().search([("token_hash", "=", hash_token(token))], limit=1)
            if is_token(token)
            else self.sudo()
        )
        if not request or request.state != "identity":
            raise UserError(self.env._("This confirmation link is not valid, or it was already used."))
        if request.token_expiry < fields.Datetime.now():
            raise UserError(
                self.env._("This confirmation link has expired. Please submit your request again.")
            )
        request._step({"token_hash": False, "token_expiry": False})
        request._mark_confirmed("email")
        return request

    def action_confirm_identity(self):
        """The officer checked the identity (e.g. an ID card on site): the note says how."""
        self._check_open()
        for request in self:
            if not (request.identity_note or "").strip():
                raise UserError(
                    self.env._(
                        "Request %(name)s: note how you checked the identity first.", name=request.name
                    )
                )
        self._mark_confirmed("officer")

    def _mark_confirmed(self, method):
        self._step(
            {
                "identity_confirmed": True,
                "identity_method": method,
                "identity_date": fields.Datetime.now(),
                "state": "in_progress",
            }
        )
        for request in self:
            if request.requester_email:
                request._send("specter_gdpr.mail_template_gdpr_request_received")

    def _extend(self, months, reason):
        """Art. 12(3): up to two more months, with the reason told to the requester."""
        self.ensure_one()
        self._check_open()
        if months < 1 or self.extension_months + months > MAX_EXTENSION_MONTHS:
            raise UserError(
                self.env._("A request can be extended by two months at most in all (Art. 12(3) GDPR).")
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the extension: the requester is told it."))
        self._step({"extension_months": self.extension_months + months, "extension_reason": reason.strip()})
        self._send("specter_gdpr.mail_template_gdpr_request_extension")

    def action_export(self):
        """Build the person's copy of their data. Records found outside the
        person's own (by an e-mail or phone in someone else's record, staff
        notes) are listed under *To review* first: the copy is built once an
        officer has decided on each."""
        self._check_open()
        self._check_confirmed()
        self._check_partners()
        self._check_partners_proven()
        held = self.browse()
        for request in self:
            if request.request_type not in EXPORT_TYPES:
                raise UserError(self.env._("Only access and portability requests get a data export."))
            if request._export_copy() and request.channel == "portal":
                request._step({"state": "done", "date_done": fields.Date.context_today(self)})
            elif request.export_hold:
                held |= request
        if not held:
            return True
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Review first"),
                "message": "\n".join(held.mapped("export_hold")),
                "type": "warning",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _check_copy_quota(self, partners):
        """At most ``COPIES_PER_PERIOD`` copies of a person's data in
        ``COPY_PERIOD_DAYS`` (Art. 12(5) GDPR): a clear message with the
        date of the next."""
        since = fields.Date.context_today(self) - timedelta(days=COPY_PERIOD_DAYS)
        done = self.sudo().search(
            [
                ("partner_ids", "in", partners.ids),
                ("request_type", "in", EXPORT_TYPES),
                ("state", "=", "done"),
                ("date_done", ">=", since),
            ],
            order="date_done",
        )
        if len(done) >= COPIES_PER_PERIOD:
            raise UserError(
                self.env._(
                    "%(count)s copies of this person's data were made in the last %(days)s days, the most "
                    "we make (Art. 12(5) GDPR). The next one can be made on %(date)s.",
                    count=len(done),
                    days=COPY_PERIOD_DAYS,
                    date=format_date(
                        self.env, done[-COPIES_PER_PERIOD].date_done + timedelta(days=COPY_PERIOD_DAYS)
                    ),
                )
            )

    def _export_copy(self):
        """The person's copy, or False while records wait for review."""
        self.ensure_one()
        if self._sync_review_items():
            return False
        include = defaultdict(list)
        for item in self.review_item_ids.filtered(lambda item: item.decision == "include"):
            include[item.res_model].append(item.res_id)
        export = self.env["gdpr.data.export"]._build(self.partner_ids, request=self, include=include)
        self._step({"export_hold": False})
        self._message_log(body=self.env._("Personal data exported (%(name)s).", name=export.name))
        return export

    def _sync_review_items(self):
        """List what the officer's export finds beyond the person's own
        records (decisions already taken stay); returns the items still to
        review, and says so on the request and in an activity."""
        found = self.env["gdpr.data.export"].sudo()._review_items(self.partner_ids)
        items = {(item.res_model, item.res_id): item for item in self.review_item_ids.sudo()}
        self.env["gdpr.review.item"].sudo().browse(
            [item.id for key, item in items.items() if key not in found]
        ).unlink()
        self.env["gdpr.review.item"].sudo().create(
            [
                {"request_id": self.id, "res_model": model, "res_id": rid, "reason": reason}
                for (model, rid), reason in found.items()
                if (model, rid) not in items
            ]
        )
        pending = self.review_item_ids.filtered(lambda item: item.decision == "pending")
        if pending:
            self._hold(
                self.env._(
                    "Request %(name)s: %(count)s records found outside the person's own records wait for "
                    "your decision (tab To review) before the copy is built.",
                    name=self.name,
                    count=len(pending),
                )
            )
        return pending

    def _hold(self, reason):
        """The person's copy waits: say why, once, to the responsible officer."""
        if reason == self.export_hold:
            return
        self._step({"export_hold": reason})
        officer = self.user_id or self.env.user
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self._officer_env(officer)._("The copy of personal data waits for you"),
            note=reason,
            user_id=officer.id,
        )

    def action_erase(self):
        """Erase the partners concerned, as the erasure wizard would: the
        engine refuses what must be kept, with reasons, and the logs say what
        was retained by law and until when."""
        self._check_open()
        self._check_confirmed()
        self._check_partners()
        self._check_partners_proven()
        for request in self:
            if request.request_type != "erasure":
                raise UserError(self.env._("Only erasure requests erase partners."))
            result = request.partner_ids.gdpr_erase()
            logs = self.env["gdpr.erasure.log"].browse(result["log_ids"])
            request._step(
                {
                    "log_ids": [fields.Command.link(log.id) for log in logs],
                    "outcome": request._erasure_outcome(logs),
                }
            )
        return True

    def action_restrict(self, reason=None, date_end=None, note=None):
        """Carry out a restriction request (Art. 18): without a reason, the
        officer picks it (and the end) in a wizard."""
        self.ensure_one()
        self._check_open()
        if self.request_type != "restriction":
            raise UserError(self.env._("Only restriction requests restrict processing."))
        if reason is None:
            return self.env["gdpr.restriction.wizard"]._action_open(self.partner_ids, request=self)
        self._restrict(reason, date_end, note)
        return True

    def _restrict(self, reason, date_end=None, note=None):
        self.ensure_one()
        self._check_open()
        self._check_confirmed()
        self._check_partners()
        self._check_partners_proven()
        if self.request_type != "restriction":
            raise UserError(self.env._("Only restriction requests restrict processing."))
        restrictions = self.env["gdpr.restriction"]._restrict(
            self.partner_ids, reason, date_end=date_end, note=note, request=self
        )
        self._step(
            {
                "outcome": self.env._(
                    "Processing of your personal data is restricted (Art. 18 GDPR) since %(date)s: it is "
                    "only stored. We will tell you before the restriction is lifted.",
                    date=format_date(self.env, restrictions[:1].date_start),
                )
            }
        )
        self._message_log(
            body=self.env._("Processing restricted for %(count)s partners.", count=len(self.partner_ids))
        )
        return restrictions

    def _erasure_outcome(self, logs):
        lines = []
        for log in logs.sudo():
            lines.append(
                f"{log.name}: {dict(log._fields['action']._description_selection(self.env)).get(log.action)}"
            )
            for item in log.retention_ids:
                lines.append(
                    self.env._(
                        "  kept by law until %(date)s: %(what)s",
                        date=item.retain_until,
                        what=self.env["ir.model"]._get(item.res_model).name,
                    )
                )
            if log.reasons:
                lines.append("  " + log.reasons)
        return "\n".join(lines)

    def action_done(self):
        self._check_open()
        self._check_confirmed()
        self._check_partners_proven()
        self._step({"state": "done", "date_done": fields.Date.context_today(self)})
        for request in self.filtered("requester_email"):
            export = request.export_ids[:1]
            token = export._new_download_token() if export else None
            request._send("specter_gdpr.mail_template_gdpr_request_done", token=token)

    def action_refuse(self):
        self._check_open()
        for request in self:
            if not (request.refusal_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Request %(name)s: give the reason for refusing; it is sent to the requester.",
                        name=request.name,
                    )
                )
        self._step({"state": "refused", "date_done": fields.Date.context_today(self)})
        for request in self.filtered("requester_email"):
            request._send("specter_gdpr.mail_template_gdpr_request_refused")

    def _send(self, xmlid, token=None):
        """E-mail the requester in their language (never posted in the chatter
        with the link: a token stays in the sent e-mail only)."""
        template = self.env.ref(xmlid).sudo()
        # detached from the record: the e-mail (with its link) is not in the chatter
        template.with_context(gdpr_token=token).send_mail(
            self.id,
            email_layout_xmlid="mail.mail_notification_light",
            email_values={"model": False, "res_id": False},
        )
        self._message_log(body=self.env._("E-mail sent to the requester: %(subject)s", subject=template.name))

    # -- reminders and retention --------------------------------------------------
    @api.model
    def _cron_deadlines(self):
        """Activities for the responsible officer 7 days before the due date and when overdue."""
        today = fields.Date.context_today(self)
        soon = self.search(
            [
                ("state", "in", OPEN_STATES),
                ("reminder_sent", "=", False),
                ("date_due", "<=", today + timedelta(days=7)),
            ]
        )
        for request in soon:
            officer = request.user_id or self.env.user
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=request.date_due,
                summary=request._officer_env(officer)._(
                    "GDPR request due on %(date)s",
                    date=format_date(request._officer_env(officer), request.date_due),
                ),
                user_id=officer.id,
            )
        soon._step({"reminder_sent": True})
        late = self.search([("is_overdue", "=", True), ("overdue_notified", "=", False)])
        for request in late:
            officer = request.user_id or self.env.user
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=request._officer_env(officer)._(
                    "GDPR request overdue since %(date)s",
                    date=format_date(request._officer_env(officer), request.date_due),
                ),
                user_id=officer.id,
            )
        late._step({"overdue_notified": True})

    def _officer_env(self, officer):
        """An environment in the officer's language: crons run as OdooBot,
        but what they write for an officer is read by the officer."""
        return self.with_context(lang=officer.lang or self.env.lang).env

    @api.model
    def _cron_drop_contact_data(self):
        """Closed requests keep what proves the handling (type, dates, outcome,
        logs) and drop the requester's contact data after the company's period."""
        for company in self.env["res.company"].search([]):
            limit = fields.Date.context_today(self) - relativedelta(years=company.gdpr_request_keep_years)
            self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "not in", OPEN_STATES),
                    ("date_done", "<", limit),
                    ("contact_dropped", "=", False),
                ]
            )._drop_contact_data()

    def _drop_contact_data(self):
        dropped = (
            *REQUESTER_FIELDS,
            "requester_user_id",
            "ip_hash",
            "email_key",
            "identity_note",
            "extension_reason",
            "refusal_reason",
        )
        self.sudo()._step(
            {
                **dict.fromkeys(dropped, False),
                "partner_ids": [fields.Command.clear()],
                "contact_dropped": True,
            }
        )
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        self.export_ids.sudo().unlink()

    # -- registry hooks -------------------------------------------------------------
    def _gdpr_export(self, writer):
        """The person's own requests: what they asked and when."""
        writer.add(
            self,
            [("partner_ids", "in", writer.partner_ids)],
            ["name", "request_type", "channel", "state", "date_received", "date_due", "date_done", "outcome"],
        )

    @api.model
    def _cron_portal_exports(self):
        """Access requests a customer made in the portal (identity confirmed by
        the login) are answered by themselves: the ZIP is built and offered."""
        requests = self.search(
            [
                ("channel", "=", "portal"),
                ("request_type", "in", EXPORT_TYPES),
                ("state", "=", "in_progress"),
                ("identity_confirmed", "=", True),
                ("export_ids", "=", False),
                ("export_hold", "=", False),
            ]
        )
        for request in requests:
            request = request.with_user(request.user_id or self.env.ref("base.user_root")).sudo()
            try:
                with self.env.cr.savepoint():
                    request.action_export()
            except UserError as error:  # a limit: the officer decides
                request._hold(error.args[0])

    # -- requests made by the person ------------------------------------------------
    @api.model
    def _default_officer(self, company):
        officers = self.env.ref("specter_gdpr.group_gdpr_officer").sudo().users
        officers = officers.filtered(lambda user: company in user.company_ids and not user.share)
        return officers.filtered(lambda user: user.id != SUPERUSER_ID)[:1] or officers[:1]

    @api.model
    def _create_for_person(self, vals):
        """A request the person made themselves, assigned to an officer who gets an activity."""
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        officer = self._default_officer(company)
        # the person does not follow the register's chatter (nor learn from it who else asked)
        with request_step():
            request = (
                self.sudo()
                .with_context(mail_create_nosubscribe=True)
                .create(dict(vals, user_id=officer.id, company_id=company.id))
            )
        if officer:
            env = request._officer_env(officer)
            channels = dict(request._fields["channel"]._description_selection(env))
            # scheduled by the system, not under the person's login (nor in their data)
            request.with_user(SUPERUSER_ID).activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=request.date_due,
                summary=env._("New GDPR request from the %(channel)s", channel=channels[request.channel]),
                user_id=officer.id,
            )
        return request

    @api.model
    def _create_from_portal(self, request_type):
        """The logged-in customer asks for their data or its erasure: the login
        confirms the identity. An access request is answered by the portal
        export cron; an erasure request waits for an officer to run the plan."""
        if request_type not in ("access", "erasure"):
            raise UserError(self.env._("Ask for access to your data or for its erasure."))
        user = self.env.user
        partner = user.partner_id
        open_request = self.sudo().search(
            [
                ("requester_user_id", "=", user.id),
                ("request_type", "=", request_type),
                ("state", "in", OPEN_STATES),
            ],
            limit=1,
        )
        if open_request:
            return open_request
        if request_type in EXPORT_TYPES:
            self._check_copy_quota(partner)
        request = self._create_for_person(
            {
                "request_type": request_type,
                "channel": "portal",
                "requester_name": partner.name,
                "requester_email": partner.email,
                "requester_phone": partner.phone,
                "requester_user_id": user.id,
                "lang": user.lang,
                "partner_ids": [fields.Command.set(partner.ids)],
                "company_id": user.company_id.id,
            }
        )
        request._mark_confirmed("login")
        if request_type in EXPORT_TYPES:
            self.env.ref("specter_gdpr.ir_cron_gdpr_request_portal_exports").sudo()._trigger()
        return request

    @api.model
    def _object_from_portal(self):
        """The customer objects to marketing (Art. 21(2)): their e-mail address
        and phone numbers go on the do-not-contact lists at once, and the
        request is recorded as done."""
        user = self.env.user
        partner = user.partner_id.sudo()
        if partner.email_normalized:
            self.env["mail.blacklist"].sudo()._add(partner.email_normalized)
        formatted = [partner._phone_format(fname=fname) for fname in ("phone", "mobile")]
        numbers = sorted(
            {re.sub(PHONE_SEPARATORS, "", n) for n in (partner.phone_sanitized, *formatted) if n}
        )
        if numbers:
            self.env["phone.blacklist"].sudo()._add(numbers)
        today = self.sudo().search(
            [
                ("requester_user_id", "=", user.id),
                ("request_type", "=", "objection"),
                ("date_received", "=", fields.Date.context_today(self)),
            ],
            limit=1,
        )
        if today:
            return today  # one objection a day is on record; the lists are updated anyway
        request = self._create_for_person(
            {
                "request_type": "objection",
                "channel": "portal",
                "requester_name": partner.name,
                "requester_email": partner.email,
                "requester_user_id": user.id,
                "lang": user.lang,
                "partner_ids": [fields.Command.set(partner.ids)],
                "company_id": user.company_id.id,
                "outcome": self.env._("Added to the do-not-mail and do-not-call lists."),
            }
        )
        request._step(
            {
                "identity_confirmed": True,
                "identity_method": "login",
                "identity_date": fields.Datetime.now(),
                "state": "done",
                "date_done": fields.Date.context_today(self),
            }
        )
        return request

    @api.model
    def _create_from_web(self, request_type, name, email, description, ip_address):
        """A request from the public form. The answer never tells whether the
        address is known nor whether its mailbox has had enough mails today:
        every valid request is registered the same way, and the confirmation
        link is sent by a cron (``_cron_send_identity_links``), which applies
        the mailbox's quota. Limited per network address here."""
        if request_type not in dict(REQUEST_TYPES):
            raise UserError(self.env._("Choose what you ask for."))
        name, description = self._check_web_text(name, description)
        email = valid_email(email)
        if not email:
            raise UserError(self.env._("Give your name and a valid e-mail address."))
        ip_hash, email_key = self._hash_ip(ip_address), self._email_key(email)
        since = fields.Datetime.now() - timedelta(hours=1)
        recent = self.sudo().search_count([("ip_hash", "=", ip_hash), ("create_date", ">=", since)])
        if recent >= WEB_REQUESTS_PER_HOUR:
            raise UserError(self.env._("Too many requests from your network. Please try again in an hour."))
        request = self._create_for_person(
            {
                "request_type": request_type,
                "channel": "web",
                "requester_name": name,
                "requester_email": email,
                "description": description,
                "lang": self.env.lang,
                "ip_hash": ip_hash,
                "email_key": email_key,
            }
        )
        self.env.ref("specter_gdpr.ir_cron_gdpr_request_identity_links").sudo()._trigger()
        return request

    @api.model
    def _check_web_text(self, name, description):
        """What an outsider typed, before it is stored or mailed: no control
        characters (a NUL would be a database error), a name that is a name."""
        name = (name or "").strip()
        description = (description or "").strip()
        if CONTROL_CHARACTERS.search(name) or CONTROL_CHARACTERS.search(description):
            raise UserError(self.env._("Remove the control characters from your name or message."))
        if not name or len(name) > 200 or LINK_LIKE.search(unicodedata.normalize("NFKC", name)):
            raise UserError(self.env._("Give your name (at most 200 characters, no web addresses)."))
        return name, description[:2000]

    @api.model
    def _cron_send_identity_links(self):
        """Send the confirmation links of new web requests: at most
        ``WEB_REQUESTS_PER_EMAIL`` a day to one mailbox; a request beyond that
        is refused without a mail (the mailbox is not flooded by strangers)."""
        day = fields.Datetime.now() - timedelta(days=1)
        for request in self.sudo().search([("channel", "=", "web"), ("state", "=", "new")], order="id"):
            sent = self.sudo().search_count(
                [
                    ("email_key", "=", request.email_key),
                    ("create_date", ">=", day),
                    ("state", "!=", "new"),
                    ("refusal_reason", "=", False),
                ]
            )
            if sent >= WEB_REQUESTS_PER_EMAIL:
                request._step({"state": "refused", "date_done": fields.Date.context_today(self)})
                request.refusal_reason = self.env._(
                    "Not sent: this mailbox had %(count)s confirmation e-mails in the last 24 hours.",
                    count=sent,
                )
                continue
            request.action_send_identity_link()

    @api.model
    def _hash_ip(self, ip_address):
        """A salted hash of the network: an IPv4 address, or an IPv6 /64
        (one subscriber's block), so that rotating addresses does not help."""
        try:
            address = ipaddress.ip_address(ip_address or "")
            network = (
                str(ipaddress.ip_network(f"{address}/64", strict=False))
                if address.version == 6
                else str(address)
            )
        except ValueError:
            network = ip_address or ""
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hashlib.sha256(f"{secret}:{network}".encode()).hexdigest()

    @api.model
    def _email_key(self, email):
        """One mailbox, however written: without a +tag or a trailing dot."""
        local, _at, domain = email.lower().partition("@")
        return f"{local.split('+')[0]}@{domain.rstrip('.')}"

    def _gdpr_erase(self, batch):
        """The requests about the person stay, with what the requester gave,
        until the register's own period drops it: they prove how the request
        was handled (Art. 5(2)). Declared in the log as retained."""
        self.env.cr.execute(
            """
            SELECT request.id, rel.partner_id, request.date_done, company.gdpr_request_keep_years
              FROM gdpr_request request
              JOIN gdpr_request_partner_rel rel ON rel.request_id = request.id
              JOIN res_company company ON company.id = request.company_id
             WHERE rel.partner_id IN %s AND NOT request.contact_dropped
            """,
            [batch.partner_ids],
        )
        today = fields.Date.context_today(self)
        rows = [
            (request_id, partner_id, (done or today) + relativedelta(years=years))
            for request_id, partner_id, done, years in self.env.cr.fetchall()
        ]
        batch.retain(self._name, rows, list(REQUESTER_FIELDS))
