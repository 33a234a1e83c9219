# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Restriction of processing (Art. 18 GDPR): the partner's data is stored,
and can be read by those who may read it, but not otherwise processed.

Guards (sale.order, account.move, crm.lead, calendar.event, res.partner,
mail.mail, sms.sms, snailmail.letter) call ``gdpr.restriction._check(...)``.
The only ways through are

- an exception (Art. 18(2)) an officer records on the restriction: it lets
  that officer process the partner for ``EXCEPTION_MINUTES`` minutes, and
  every use is logged on the exception and in the partner's chatter;
- ``restriction_allowed(partner_ids)``: a block opened by the addon's own
  server methods only (the notice before lifting). A context key would be
  client input (any JSON-RPC call can send one); a ContextVar is not.
"""

import contextvars
import re
from contextlib import contextmanager
from datetime import timedelta

from odoo import api
from odoo import fields
from odoo import models
from odoo import tools
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools import format_date

REASONS = [
    ("accuracy", "Accuracy contested (Art. 18(1)(a))"),
    ("unlawful", "Unlawful processing, restriction instead of erasure (Art. 18(1)(b))"),
    ("legal_claim", "Needed by the person for a legal claim (Art. 18(1)(c))"),
    ("objection", "Objection being assessed (Art. 18(1)(d))"),
]
GROUNDS = [
    ("consent", "The person's consent (Art. 18(2))"),
    ("legal_claim", "A legal claim (Art. 18(2))"),
    ("protection", "Protection of another person's rights (Art. 18(2))"),
    ("public_interest", "Important public interest (Art. 18(2))"),
]
EXCEPTION_MINUTES = 30
OFFICER_GROUP = "specter_gdpr.group_gdpr_officer"

_ALLOWED = contextvars.ContextVar("gdpr_restriction_allowed", default=frozenset())


@contextmanager
def restriction_allowed(partner_ids):
    """Within this block the addon itself may process these partners."""
    token = _ALLOWED.set(_ALLOWED.get() | frozenset(partner_ids))
    try:
        yield
    finally:
        _ALLOWED.reset(token)


# partners (ids) restricted today, with their restriction: the partner's own,
# or one of an ancestor's (a company's restriction covers its contacts)
RESTRICTED_SQL = """
    WITH RECURSIVE up(id, ancestor) AS (
        SELECT p.id, p.id FROM res_partner p WHERE {where}
         UNION
        SELECT up.id, p.parent_id FROM up JOIN res_partner p ON p.id = up.ancestor
         WHERE p.parent_id IS NOT NULL
    )
    SELECT DISTINCT ON (up.id) up.id, r.id
      FROM up JOIN gdpr_restriction r ON r.partner_id = up.ancestor
     WHERE r.state = 'active' AND (r.date_end IS NULL OR r.date_end >= %(today)s)
     ORDER BY up.id, r.id
"""
# every partner restricted today (``%(today)s``): restricted ones and their descendants
RESTRICTED_DOWN_SQL = """
    WITH RECURSIVE down(id) AS (
        SELECT partner_id FROM gdpr_restriction
         WHERE state = 'active' AND (date_end IS NULL OR date_end >= %(today)s)
         UNION
        SELECT child.id FROM res_partner child JOIN down ON child.parent_id = down.id
    )
    SELECT id FROM down
"""

# root partners (no parent) of which the partner or a contact is restricted
# today: no retention rule erases them (``%(today)s``)
RESTRICTED_ROOTS_SQL = """
    WITH RECURSIVE up(id, parent_id) AS (
        SELECT p.id, p.parent_id FROM res_partner p JOIN gdpr_restriction r ON r.partner_id = p.id
         WHERE r.state = 'active' AND (r.date_end IS NULL OR r.date_end >= %(today)s)
         UNION
        SELECT p.id, p.parent_id FROM res_partner p JOIN up ON p.id = up.parent_id
    )
    SELECT id FROM up WHERE parent_id IS NULL
"""


class GdprRestriction(models.Model):
    _name = "gdpr.restriction"
    _inherit = ["mail.thread"]
    _description = "GDPR restriction of processing (Art. 18)"
    _order = "id desc"
    _gdpr_sequence = 30

    partner_id = fields.Many2one(
        "res.partner", required=True, readonly=True, index=True, ondelete="cascade", string="Partner"
    )
    reason = fields.Selection(REASONS, required=True, readonly=True)
    note = fields.Text(readonly=True, groups=OFFICER_GROUP)
    date_start = fields.Date(string="Restricted since", required=True, readonly=True)
    date_end = fields.Date(string="Until", readonly=True, help="Empty: until an officer lifts it.")
    state = fields.Selection(
        [("active", "Active"), ("lifted", "Lifted")], required=True, default="active", readonly=True
    )
    request_id = fields.Many2one("gdpr.request", readonly=True, ondelete="set null", string="Request")
    user_id = fields.Many2one("res.users", string="Set by", readonly=True)
    lift_date = fields.Datetime(string="Lifted on", readonly=True)
    lift_user_id = fields.Many2one("res.users", string="Lifted by", readonly=True)
    lift_reason = fields.Text(readonly=True, groups=OFFICER_GROUP)
    notice_date = fields.Datetime(
        string="Person told on", readonly=True, help="When the notice before lifting (Art. 18(3)) was sent."
    )
    exception_ids = fields.One2many("gdpr.restriction.exception", "restriction_id", readonly=True)

    @api.depends("partner_id", "reason", "date_start")
    def _compute_display_name(self):
        labels = dict(self._fields["reason"]._description_selection(self.env))
        for restriction in self:
            restriction.display_name = self.env._(
                "Restriction of %(partner)s since %(date)s (%(reason)s)",
                partner=restriction.partner_id.sudo().display_name,
                date=format_date(self.env, restriction.date_start),
                reason=labels.get(restriction.reason, ""),
            )

    def _reason_label(self):
        return dict(self._fields["reason"]._description_selection(self.env)).get(self.reason, "")

    # -- setting and lifting ------------------------------------------------------
    @api.model
    def _check_officer(self):
        if not (self.env.su or self.env.user.has_group(OFFICER_GROUP)):
            raise AccessError(self.env._("Only GDPR officers may restrict processing or lift a restriction."))

    @api.model
    def _restrict(self, partners, reason, date_end=False, note=False, request=None):
        """Restrict processing of ``partners`` (and their contacts and addresses)."""
        self._check_officer()
        if reason not in dict(REASONS):
            raise UserError(self.env._("Choose the reason for the restriction (Art. 18(1)(a)-(d))."))
        today = fields.Date.context_today(self)
        if date_end and fields.Date.to_date(date_end) < today:
            raise UserError(self.env._("The end of a restriction cannot be in the past."))
        partners = partners.sudo().exists()
        if not partners:
            raise UserError(self.env._("Say which partner the restriction concerns."))
        already = self.sudo().search([("partner_id", "in", partners.ids), ("state", "=", "active")])
        restrictions = self.sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "reason": reason,
                    "note": note or False,
                    "date_start": today,
                    "date_end": date_end or False,
                    "request_id": request.id if request else False,
                    "user_id": self.env.user.id,
                }
                for partner in partners - already.partner_id
            ]
        )
        for restriction in restrictions:
            restriction.partner_id._message_log(
                body=self.env._(
                    "Processing restricted (Art. 18 GDPR) by %(user)s: %(reason)s.",
                    user=self.env.user.name,
                    reason=restriction._reason_label(),
                )
            )
        return restrictions | already

    def action_lift(self, reason):
        """Lift the restriction (officers only): the person is told first
        (Art. 18(3)), in their language; then it is lifted and logged."""
        self._check_officer()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for lifting the restriction."))
        for restriction in self.sudo():
            if restriction.state != "active":
                raise UserError(self.env._("%(name)s is already lifted.", name=restriction.display_name))
            restriction._send_lift_notice()
            restriction.write(
                {
                    "state": "lifted",
                    "lift_date": fields.Datetime.now(),
                    "lift_user_id": self.env.user.id,
                    "lift_reason": reason.strip(),
                }
            )
            restriction.partner_id._message_log(
                body=self.env._(
                    "Restriction of processing lifted by %(user)s, after the person was told: %(reason)s",
                    user=self.env.user.name,
                    reason=reason.strip(),
                )
            )
        return True

    def _send_lift_notice(self):
        """The notice before lifting, sent at once while the restriction still
        holds: the addon opens the way for this one mail."""
        self.ensure_one()
        partner = self.partner_id
        if not partner.email:
            self._message_log(body=self.env._("No e-mail address: tell the person otherwise before lifting."))
            return
        template = self.env.ref("specter_gdpr.mail_template_gdpr_restriction_lift")
        with restriction_allowed(partner.ids):
            template.sudo().send_mail(
                self.id, force_send=True, email_layout_xmlid="mail.mail_notification_light"
            )
        self.write({"notice_date": fields.Datetime.now()})
        self._message_log(
            body=self.env._("The person was told before the restriction was lifted (Art. 18(3)).")
        )

    def action_record_exception(self, ground, note, what=False):
        """An officer records why an exception of Art. 18(2) applies: for the
        next ``EXCEPTION_MINUTES`` minutes that officer may process the
        partner; each use is logged."""
        self._check_officer()
        self.ensure_one()
        if ground not in dict(GROUNDS):
            raise UserError(self.env._("Choose the ground of the exception (Art. 18(2))."))
        if not (note or "").strip():
            raise UserError(self.env._("Note why the exception applies: it is logged."))
        if self.state != "active":
            raise UserError(self.env._("%(name)s is lifted: no exception is needed.", name=self.display_name))
        exception = (
            self.env["gdpr.restriction.exception"]
            .sudo()
            .create(
                {
                    "restriction_id": self.id,
                    "ground": ground,
                    "note": note.strip(),
                    "what": (what or "").strip() or False,
                    "user_id": self.env.user.id,
                    "valid_until": fields.Datetime.now() + timedelta(minutes=EXCEPTION_MINUTES),
                }
            )
        )
        self.partner_id._message_log(
            body=self.env._(
                "Exception to the restriction recorded by %(user)s: %(ground)s. %(note)s",
                user=self.env.user.name,
                ground=dict(exception._fields["ground"]._description_selection(self.env))[ground],
                note=note.strip(),
            )
        )
        return exception.id

    # -- the guard --------------------------------------------------------------------
    @api.model
    def _restricted_partners(self, partner_ids=(), emails=(), numbers=()):
        """``{partner id: restriction}`` among these partners (or partners
        with these normalised e-mail addresses or sanitized phone numbers)
        that are restricted today."""
        partner_ids = [pid for pid in partner_ids if pid]
        emails = [email for email in emails if email]
        numbers = [number for number in numbers if number]
        if not partner_ids and not emails and not numbers:
            return {}
        active = dict(self._active_restrictions(fields.Date.to_string(fields.Date.context_today(self))))
        if not active:
            return {}
        result = {}
        # partners by id: up their parents, in the ORM's cache (no query when they were just read)
        for partner in self.env["res.partner"].sudo().with_context(active_test=False).browse(partner_ids):
            ancestor = partner
            while ancestor:
                if ancestor.id in active:
                    result[partner.id] = self.sudo().browse(active[ancestor.id])
                    break
                ancestor = ancestor.parent_id
        if emails or numbers:
            result.update(self._restricted_by_address(emails, numbers))
        return result

    @api.model
    @tools.ormcache("today")
    def _active_restrictions(self, today):
        """``((partner id, restriction id), ...)`` of the restrictions in force
        on ``today``: cached (guards run on every quotation and mail), cleared
        when a restriction changes."""
        self.flush_model(["state", "date_end", "partner_id"])
        self.env.cr.execute(
            """
            SELECT partner_id, min(id) FROM gdpr_restriction
             WHERE state = 'active' AND (date_end IS NULL OR date_end >= %s) GROUP BY partner_id
            """,
            [today],
        )
        return tuple(self.env.cr.fetchall())

    @api.model_create_multi
    def create(self, vals_list):
        restrictions = super().create(vals_list)
        self.env.registry.clear_cache()
        return restrictions

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    def _restricted_by_address(self, emails, numbers):
        """``{partner id: restriction}`` of restricted partners with these
        e-mail addresses or phone numbers."""
        self.env["res.partner"].flush_model(["parent_id", "email_normalized", "phone_sanitized"])
        self.flush_model(["state", "date_end", "partner_id"])
        where = []
        if emails:
            where.append("p.email_normalized = ANY(%(emails)s)")
        if numbers:  # among the restricted only: phone numbers are compared without an index
            where.append(
                f"(p.id IN ({RESTRICTED_DOWN_SQL}) AND "
                "regexp_replace(p.phone_sanitized, '[^0-9+]', '', 'g') = ANY(%(numbers)s))"
            )
        self.env.cr.execute(
            RESTRICTED_SQL.format(where=" OR ".join(where)),
            {
                "emails": list(emails),
                "numbers": [re.sub(r"[^0-9+]", "", number) for number in numbers],
                "today": fields.Date.context_today(self),
            },
        )
        rows = self.env.cr.fetchall()
        return {pid: self.sudo().browse(rid) for pid, rid in rows}

    @api.model
    def _restricted_partner_ids(self):
        """Every partner restricted today (for the list filter)."""
        self.env["res.partner"].flush_model(["parent_id"])
        self.flush_model(["state", "date_end", "partner_id"])
        self.env.cr.execute(RESTRICTED_DOWN_SQL, {"today": fields.Date.context_today(self)})
        return [row[0] for row in self.env.cr.fetchall()]

    def _banner(self):
        self.ensure_one()
        until = (
            self.env._("until %(date)s", date=format_date(self.env, self.date_end))
            if self.date_end
            else self.env._("until an officer lifts it")
        )
        return self.env._(
            "Processing restricted (Art. 18 GDPR) since %(date)s, %(until)s: %(reason)s. The data is "
            "only stored: no mail, no new document, no change, but for an exception (Art. 18(2)) "
            "recorded by a GDPR officer.",
            date=format_date(self.env, self.date_start),
            until=until,
            reason=self._reason_label(),
        )

    @api.model
    def _check(self, partner_ids, what, emails=(), raise_error=True):
        """Refuse ``what`` (e.g. "a new quotation") for restricted partners,
        unless the addon allows it or the user holds a running exception (then
        the use is logged). Returns the restrictions refused when not raising."""
        restricted = self._restricted_partners(partner_ids, emails)
        if not restricted:
            return self.browse()
        allowed = _ALLOWED.get()
        restricted = {pid: r for pid, r in restricted.items() if pid not in allowed}
        blocked = self.sudo().browse()
        for restriction in set(restricted.values()):
            if not restriction._use_exception(what):
                blocked |= restriction
        if blocked and raise_error:
            raise UserError(blocked[:1]._refusal(what))
        return blocked

    @api.model
    def _held_outgoing(self, records, recipients, what, at_send=False):
        """``_held`` for the outgoing ones of ``records`` (mails or SMS, which
        have ``state`` and ``gdpr_restriction_allowed``); at sending, only
        those not let through when created. Marks what is let through."""
        outgoing = records.filtered(lambda record: record.state == "outgoing")
        if at_send:
            outgoing = outgoing.filtered(lambda record: not record.gdpr_restriction_allowed)
        if not outgoing:
            return {}
        held, let_through = self._held(outgoing, recipients, what, at_send=at_send)
        if let_through and not at_send:
            self.env.cr.execute(
                f'UPDATE "{records._table}" SET gdpr_restriction_allowed = true WHERE id IN %s',
                [tuple(let_through)],
            )
            records.browse(let_through).invalidate_recordset(["gdpr_restriction_allowed"])
        return held

    def _held(self, records, recipients, what, at_send=False):
        """``({record: (restriction, partner ids)}, let through)`` for the
        outgoing ``records`` (mails, SMS) to restricted partners:
        ``recipients(record)`` -> (partner ids, e-mail addresses, phone
        numbers). When created (``at_send`` False), a running exception of
        the user lets one through (logged); when sent, only what was let
        through when created leaves."""
        wanted = {record: recipients(record) for record in records}
        restricted = self._restricted_partners(
            {pid for pids, _emails, _numbers in wanted.values() for pid in pids},
            {email for _pids, emails, _numbers in wanted.values() for email in emails},
            {number for _pids, _emails, numbers in wanted.values() for number in numbers},
        )
        if not restricted:
            return {}, []
        allowed = _ALLOWED.get()
        numbers_of = {record: {re.sub(r"[^0-9+]", "", n) for n in wanted[record][2]} for record in wanted}
        found = {
            partner.id: (partner.email_normalized, re.sub(r"[^0-9+]", "", partner.phone_sanitized or ""))
            for partner in self.env["res.partner"].sudo().browse(list(restricted))
        }
        held, let_through = {}, []
        for record, (pids, emails, _numbers) in wanted.items():
            hits = {
                pid: restriction
                for pid, restriction in restricted.items()
                if pid in pids or (found[pid][0] in emails) or (found[pid][1] in numbers_of[record])
            }
            if not hits:
                continue
            blocked = {
                pid: restriction
                for pid, restriction in hits.items()
                if pid not in allowed and (at_send or not restriction._use_exception(what))
            }
            if blocked:
                held[record] = (next(iter(blocked.values())), set(blocked))
            else:
                let_through.append(record.id)
        return held, let_through

    def _log_held(self, model, res_id, what):
        """Say in the chatter of the document (else of the partner) what was held and why."""
        self.ensure_one()
        target = self.partner_id
        if model and res_id and model in self.env and hasattr(self.env[model], "_message_log"):
            target = self.env[model].sudo().browse(res_id).exists() or target
        target.sudo()._message_log(body=self.env._("Not sent: %(reason)s", reason=self._refusal(what)))

    def _refusal(self, what):
        self.ensure_one()
        return self.env._(
            "%(partner)s: processing is restricted (Art. 18 GDPR) since %(date)s (%(reason)s), so %(what)s "
            "is not allowed. The data is only stored. A GDPR officer can record an exception (Art. 18(2)) "
            "on the restriction, or lift it.",
            partner=self.partner_id.sudo().display_name,
            date=format_date(self.env, self.date_start),
            reason=self._reason_label(),
            what=what,
        )

    def _use_exception(self, what):
        """A running exception of the current user lets ``what`` through, logged."""
        exception = (
            self.env["gdpr.restriction.exception"]
            .sudo()
            .search(
                [
                    ("restriction_id", "=", self.id),
                    ("user_id", "=", self.env.uid),
                    ("valid_until", ">=", fields.Datetime.now()),
                ],
                limit=1,
                order="id desc",
            )
        )
        if not exception:
            return False
        exception._log_use(what)
        return True

    # -- registry hooks ---------------------------------------------------------------
    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            [
                "partner_id",
                "reason",
                "note",
                "date_start",
                "date_end",
                "state",
                "lift_date",
                "lift_reason",
                "notice_date",
                "request_id",
            ],
        )

    def _gdpr_plan(self, plan):
        """The log says the partner was restricted; a retention rule passes it
        over, an erasure (the person's request, an officer's) goes ahead."""
        if self.env.context.get("gdpr_rule_id"):
            self.env.cr.execute(SQL(RESTRICTED_ROOTS_SQL, today=fields.Date.context_today(self)))
            plan.block_grouped(
                [(root, root) for (root,) in self.env.cr.fetchall()],
                lambda _ids: self.env._("Processing is restricted (Art. 18): no retention rule erases it."),
                self.env._("Restriction of processing"),
            )
        self.env.cr.execute(
            "SELECT partner_id, min(date_start) FROM gdpr_restriction WHERE partner_id IN %s GROUP BY 1",
            [plan.partner_ids],
        )
        for partner_id, since in self.env.cr.fetchall():
            plan.note(
                [partner_id],
                self.env._("Processing was restricted (Art. 18) since %(date)s.", date=since),
            )

    def _gdpr_erase(self, batch):
        """Restrictions of anonymised partners stay, without the free text
        (it may name the person); those of deleted partners go with them."""
        self.env.cr.execute(
            """
            UPDATE gdpr_restriction SET note = NULL, lift_reason = NULL
             WHERE partner_id IN %s RETURNING id, partner_id
            """,
            [batch.partner_ids],
        )
        rows = self.env.cr.fetchall()
        if rows:
            self.env.cr.execute(
                "UPDATE gdpr_restriction_exception SET note = NULL, what = NULL, done = NULL"
                " WHERE restriction_id IN %s",
                [tuple(rid for rid, _pid in rows)],
            )
            self.env.cr.execute(
                "DELETE FROM mail_message WHERE model = 'gdpr.restriction' AND res_id IN %s",
                [tuple(rid for rid, _pid in rows)],
            )
            batch.tally(self._name, "scrubbed", [pid for _rid, pid in rows])
