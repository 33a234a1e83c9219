# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import ipaddress
import re
import secrets
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID
from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import email_normalize
from odoo.tools.sql import escape_psql

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
    }
)


def hash_token(token):
    return hashlib.sha256((token or "").encode()).hexdigest()


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

    @api.depends("requester_email", "requester_phone", "requester_vat", "requester_name")
    def _compute_proposed_partner_ids(self):
        for request in self:
            request.proposed_partner_ids = request._match_partners()

    def _match_partners(self):
        """Partners whose details (or former e-mail/phone) match what the requester gave."""
        self.ensure_one()
        Partner = self.env["res.partner"].with_context(active_test=False)
        domains = []
        email = email_normalize(self.requester_email or "")
        if email:
            domains.append([("email_normalized", "=", email)])
        if self.requester_phone and len(self.requester_phone) >= 6:
            domains.append([("phone_mobile_search", "=", self.requester_phone)])
        if self.requester_vat:
            # contacts copy their company's tax ID: the company is the match
            vat = escape_psql(self.requester_vat.strip())
            domains.append([("vat", "=ilike", vat), ("parent_id", "=", False)])
        if self.requester_name and len(self.requester_name.strip()) >= 3:
            domains.append([("name", "=ilike", escape_psql(self.requester_name.strip()))])
        partners = Partner.search(expression.OR(domains), limit=20) if domains else Partner
        return partners | self._former_identifier_matches(email)

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
        return super().create(vals_list)

    def write(self, vals):
        self._check_controlled(vals)
        return super().write(vals)

    def _check_controlled(self, vals):
        """The steps that prove the handling (identity, deadline, outcome)
        change only through the request's buttons, links and crons."""
        touched = CONTROLLED_FIELDS & set(vals)
        if touched and not self.env.context.get("gdpr_request_step"):
            labels = ", ".join(sorted(self._fields[name].string for name in touched))
            raise UserError(
                self.env._(
                    "%(fields)s change only through the request's buttons, not directly.", fields=labels
                )
            )

    def _step(self, vals):
        """Write fields of ``CONTROLLED_FIELDS`` as a step of the request."""
        return self.with_context(gdpr_request_step=True).write(vals)

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
        self._check_request_ids()
        for request in self:
            request.partner_ids |= request.proposed_partner_ids

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
            self.sudo().search([("token_hash", "=", hash_token(token))], limit=1) if token else self.sudo()
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
        """Build the personal-data ZIP of the partners concerned."""
        self._check_open()
        self._check_confirmed()
        self._check_partners()
        for request in self:
            if request.request_type not in EXPORT_TYPES:
                raise UserError(self.env._("Only access and portability requests get a data export."))
            export = self.env["gdpr.data.export"]._build(request.partner_ids, request=request)
            request._message_log(body=self.env._("Personal data exported (%(name)s).", name=export.name))
        return True

    def action_erase(self):
        """Erase the partners concerned, as the erasure wizard would: the
        engine refuses what must be kept, with reasons, and the logs say what
        was retained by law and until when."""
        self._check_open()
        self._check_confirmed()
        self._check_partners()
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
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=request.date_due,
                summary=self.env._("GDPR request due on %(date)s", date=request.date_due),
                user_id=(request.user_id or self.env.user).id,
            )
        soon._step({"reminder_sent": True})
        late = self.search([("is_overdue", "=", True), ("overdue_notified", "=", False)])
        for request in late:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("GDPR request overdue since %(date)s", date=request.date_due),
                user_id=(request.user_id or self.env.user).id,
            )
        late._step({"overdue_notified": True})

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
            ]
        )
        for request in requests:
            request.with_user(request.user_id or self.env.ref("base.user_root")).sudo().action_export()
            request.sudo()._step({"state": "done", "date_done": fields.Date.context_today(self)})

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
        step = self.sudo().with_context(gdpr_request_step=True, mail_create_nosubscribe=True)
        request = step.create(dict(vals, user_id=officer.id, company_id=company.id))
        if officer:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=request.date_due,
                summary=self.env._("New GDPR request from the %(channel)s", channel=request.channel),
                user_id=officer.id,
            )
        return request.with_context(gdpr_request_step=False)

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
        """A request from the public form: sent a confirmation link, whether
        or not the address is known (the answer never tells). Limited per
        network address and per e-mail address."""
        if request_type not in dict(REQUEST_TYPES):
            raise UserError(self.env._("Choose what you ask for."))
        email = email_normalize(email or "")
        if not email or email.split("@")[1].startswith("[") or not (name or "").strip():
            raise UserError(self.env._("Give your name and a valid e-mail address."))
        ip_hash, email_key = self._hash_ip(ip_address), self._email_key(email)
        since = fields.Datetime.now() - timedelta(hours=1)
        recent = self.sudo().search_count([("ip_hash", "=", ip_hash), ("create_date", ">=", since)])
        if recent >= WEB_REQUESTS_PER_HOUR:
            raise UserError(self.env._("Too many requests from your network. Please try again in an hour."))
        day = fields.Datetime.now() - timedelta(days=1)
        if (
            self.sudo().search_count([("email_key", "=", email_key), ("create_date", ">=", day)])
            >= WEB_REQUESTS_PER_EMAIL
        ):
            return self.browse()  # silently: the answer is the same as for a new request
        request = self._create_for_person(
            {
                "request_type": request_type,
                "channel": "web",
                "requester_name": name.strip()[:200],
                "requester_email": email,
                "description": (description or "").strip()[:2000],
                "lang": self.env.lang,
                "ip_hash": ip_hash,
                "email_key": email_key,
            }
        )
        request.sudo().action_send_identity_link()
        return request

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
