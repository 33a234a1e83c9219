# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Retention rules: storage limitation (GDPR Art. 5(1)(e)) on autopilot.

A rule picks partners (``scope``) that have shown no sign of life for
``months`` and proposes or erases them through the bulk erasure jobs. All
active rules are evaluated in one statement (``_gdpr_evaluate``): the last
activity of every commercial entity is aggregated once, since the earliest
cut-off of the rules, and each rule is a filter on it.
"""

from ast import literal_eval
from datetime import datetime
from datetime import time
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.tools import SQL

from .gdpr_restriction import RESTRICTED_ROOTS_SQL

MAX_MONTHS = 1200  # a hundred years: any longer is a typing error (and overflows dates)


REFUSAL_PAUSE_DAYS = 30  # a partner the plan refused is evaluated again after this
PROPOSAL_INTERVAL = relativedelta(months=1)

# Signs of life of a commercial entity (``since``: the earliest cut-off).
# Confirmed orders and posted customer invoices are in ``last_purchase_date``.
ACTIVITY_SQL = """
    SELECT b.commercial_partner_id AS id, max(so.date_order) AS last
      FROM sale_order so JOIN res_partner b ON b.id = so.partner_id
     WHERE so.date_order >= %(since)s GROUP BY 1
     UNION ALL
    SELECT commercial_partner_id, max(date)::timestamp FROM account_move
     WHERE date >= %(since)s::date AND commercial_partner_id IS NOT NULL GROUP BY 1
     UNION ALL
    SELECT b.commercial_partner_id, max(greatest(l.create_date, l.date_closed, l.date_last_stage_update))
      FROM crm_lead l JOIN res_partner b ON b.id = l.partner_id
     WHERE greatest(l.create_date, l.date_closed, l.date_last_stage_update) >= %(since)s GROUP BY 1
     UNION ALL
    SELECT b.commercial_partner_id, max(e.start)
      FROM calendar_attendee a JOIN calendar_event e ON e.id = a.event_id
      JOIN res_partner b ON b.id = a.partner_id
     WHERE e.start >= %(since)s GROUP BY 1
     UNION ALL
    SELECT b.commercial_partner_id, max(m.date)
      FROM mail_message m JOIN res_partner b ON b.id = m.author_id
     WHERE m.date >= %(since)s AND m.message_type IN ('email', 'comment') GROUP BY 1
     UNION ALL
    SELECT b.commercial_partner_id, max(log.create_date)
      FROM res_users_log log JOIN res_users u ON u.id = log.create_uid
      JOIN res_partner b ON b.id = u.partner_id
     WHERE log.create_date >= %(since)s GROUP BY 1
"""

# Partners no rule erases, whatever their activity (``p`` is the root partner).
EXCLUSIONS_SQL = (
    """
        p.parent_id IS NULL AND p.gdpr_erasure_date IS NULL
    AND p.id NOT IN (SELECT commercial_partner_id FROM res_partner
                      WHERE gdpr_legal_hold AND commercial_partner_id IS NOT NULL
                        AND (gdpr_legal_hold_until IS NULL OR gdpr_legal_hold_until >= %(today)s))
    AND p.id NOT IN ("""
    + RESTRICTED_ROOTS_SQL
    + """)
    AND p.id != ALL(%(excluded)s)
    AND p.id NOT IN (SELECT partner_ref FROM gdpr_erasure_log
                      WHERE rule_id IS NOT NULL AND action IN ('refused', 'failed') AND date >= %(paused)s)
    AND p.id NOT IN (SELECT partner_ref FROM gdpr_erasure_job_line WHERE state = 'pending')
    AND p.id NOT IN (SELECT b.commercial_partner_id FROM res_users u JOIN res_partner b ON b.id = u.partner_id
                      WHERE NOT u.share AND b.commercial_partner_id IS NOT NULL)
    AND p.id NOT IN (SELECT partner_id FROM res_company)
    AND p.id NOT IN (SELECT res_id FROM ir_model_data WHERE model = 'res.partner' AND left(module, 2) != '__')
"""
)

SCOPES = [
    ("customers", "Customers who have bought"),
    ("never_purchased", "Contacts who never bought"),
    ("lost_leads", "Contacts of lost or unconverted leads"),
    ("suppliers", "Suppliers"),
    ("domain", "Any partners (domain)"),
]


class GdprRetentionRule(models.Model):
    """Erase (or propose to erase) partners inactive for a number of months."""

    _name = "gdpr.retention.rule"
    _inherit = ["mail.thread"]
    _description = "GDPR retention rule"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    scope = fields.Selection(SCOPES, required=True, default="never_purchased", tracking=True)
    domain = fields.Char(
        default="[]", help="Only for 'Any partners': which partners, as an Odoo domain on contacts."
    )
    months = fields.Integer(
        required=True, default=24, tracking=True, help="Erase after this many months without activity."
    )
    mode = fields.Selection(
        [("propose", "Propose (an officer approves a monthly list)"), ("erase", "Erase automatically")],
        required=True,
        default="propose",
        tracking=True,
    )
    notice_days = fields.Integer(
        string="Advance notice (days)",
        default=0,
        tracking=True,
        help="Send partners with an e-mail address a notice this many days before their erasure; "
        "any activity in between keeps them. 0: no notice.",
    )
    notice_template_id = fields.Many2one(
        "mail.template",
        default=lambda self: self.env.ref("specter_gdpr.mail_template_retention_notice", False),
        domain=[("model", "=", "res.partner")],
    )
    finish_retention = fields.Boolean(
        string="Finish retained bookkeeping",
        help="Each day, also finish the retained items of this company's erasure logs whose "
        "retention period has ended (files deleted, free text redacted where allowed).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible officer",
        required=True,
        default=lambda self: self.env.user,
        domain=lambda self: [("groups_id", "in", self.env.ref("specter_gdpr.group_gdpr_officer").ids)],
        help="Jobs of this rule erase as this officer, who is notified of each run.",
    )
    processing_activity_id = fields.Many2one(
        "gdpr.processing.activity",
        string="Record of processing",
        help="The processing activity whose retention period this rule enforces.",
    )
    proposal_partner_ids = fields.Many2many(
        "res.partner",
        "gdpr_retention_rule_proposal_rel",
        "rule_id",
        "partner_id",
        string="Proposed for erasure",
        readonly=True,
        context={"active_test": False},
    )
    proposal_date = fields.Date(readonly=True)
    last_run = fields.Datetime(readonly=True)
    job_ids = fields.One2many("gdpr.erasure.job", "rule_id", string="Jobs", readonly=True)
    log_ids = fields.One2many("gdpr.erasure.log", "rule_id", string="Logs", readonly=True)
    notice_ids = fields.One2many("gdpr.retention.notice", "rule_id", string="Notices", readonly=True)
    refused_count = fields.Integer(compute="_compute_refused_count")

    def _compute_refused_count(self):
        counts = dict(
            self.env["gdpr.erasure.log"]._read_group(
                [("rule_id", "in", self.ids), ("action", "in", ("refused", "failed"))],
                ["rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.refused_count = counts.get(rule, 0)

    # -- validation -------------------------------------------------------
    @api.constrains("months", "notice_days")
    def _check_months(self):
        for rule in self:
            if not 0 < rule.months <= MAX_MONTHS:
                raise UserError(
                    self.env._(
                        "A retention rule needs a period of at least one month and at most %(max)s.",
                        max=MAX_MONTHS,
                    )
                )
            if rule.notice_days < 0:
                raise UserError(self.env._("The advance notice cannot be negative."))

    @api.constrains("scope", "domain")
    def _check_domain(self):
        for rule in self.filtered(lambda r: r.scope == "domain"):
            rule._parsed_domain()

    @api.constrains("user_id", "active")
    def _check_user(self):
        for rule in self.filtered("active"):
            if not rule.user_id.has_group("specter_gdpr.group_gdpr_officer"):
                raise UserError(self.env._("The responsible of a retention rule must be a GDPR officer."))

    def _parsed_domain(self):
        """The rule's domain as a list, or a clear error (never a traceback)."""
        self.ensure_one()
        try:
            domain = literal_eval(self.domain or "[]")
            if not isinstance(domain, (list, tuple)):
                raise ValueError(domain)
            self.env["res.partner"].sudo()._search(domain)
        except Exception as error:
            raise UserError(
                self.env._(
                    "The domain of the rule %(rule)s is not valid: %(error)s", rule=self.name, error=error
                )
            ) from error
        return list(domain)

    # -- evaluation -------------------------------------------------------
    def _horizon(self, today, extra_days=0):
        """Activity before this moment makes a partner due today: one whose
        last activity was on ``today - months`` is due, one a day later is not."""
        return datetime.combine(
            today - relativedelta(months=self.months) + timedelta(days=1 + extra_days), time()
        )

    def _scope_sql(self):
        """The rule's partners, as a condition on the root partner ``p``."""
        if self.scope == "customers":
            return SQL("p.last_purchase_date IS NOT NULL")
        if self.scope == "never_purchased":
            return SQL("p.last_purchase_date IS NULL AND p.supplier_rank = 0")
        if self.scope == "suppliers":
            return SQL("p.supplier_rank > 0")
        if self.scope == "lost_leads":
            return SQL(
                """p.last_purchase_date IS NULL AND p.id IN (
                       SELECT b.commercial_partner_id
                         FROM crm_lead l JOIN res_partner b ON b.id = l.partner_id
                        WHERE l.type = 'lead' OR NOT l.active OR l.probability = 0)
                   AND p.id NOT IN (
                       SELECT b.commercial_partner_id
                         FROM crm_lead l JOIN res_partner b ON b.id = l.partner_id
                        WHERE l.type = 'opportunity' AND l.active AND l.probability > 0)"""
            )
        query = self.env["res.partner"].sudo().with_context(active_test=False)._search(self._parsed_domain())
        return SQL("p.id IN %s", query.subselect())

    def _rule_sql(self, today, since):
        """One rule's rows: (rule id, root partner id, 'erase', 'notice' or NULL).

        With an advance notice, a partner with an e-mail address is noticed
        ``notice_days`` before it is due and erased once the notice's date has
        come; a notice counts while no activity is newer than it (and only
        within the evaluated window ``since``: an older one is of a past period)."""
        last = SQL("p.seen")
        horizon = self._horizon(today)
        has_email = SQL("coalesce(p.email, '') != ''") if self.notice_days > 0 else SQL("FALSE")
        valid_notice = SQL(
            """SELECT 1 FROM gdpr_retention_notice n
                WHERE n.rule_id = %(rule)s AND n.partner_id = p.id AND n.sent_at > %(last)s
                  AND n.sent_at >= %(fresh)s""",
            rule=self.id,
            last=last,
            fresh=since,
        )
        return SQL(
            """
            SELECT %(rule)s, p.id, %(last)s,
                   CASE WHEN %(last)s < %(horizon)s
                             AND (NOT %(has_email)s OR EXISTS (%(valid)s AND n.erase_on <= %(today)s))
                        THEN 'erase'
                        WHEN %(has_email)s AND NOT EXISTS (%(valid)s) THEN 'notice' END
              FROM candidate p
             WHERE (p.company_id IS NULL OR p.company_id = %(company)s)
               AND %(last)s < %(notice_horizon)s AND %(scope)s
            """,
            rule=self.id,
            last=last,
            horizon=horizon,
            notice_horizon=self._horizon(today, self.notice_days),
            has_email=has_email,
            valid=valid_notice,
            today=today,
            company=self.company_id.id,
            scope=self._scope_sql(),
        )

    def _gdpr_evaluate(self):
        """``{rule: {"erase": partner ids, "notice": partner ids}}`` for these
        rules (the active ones), today, in one statement whatever their number."""
        result = {rule: {"erase": [], "notice": [], "last": {}} for rule in self}
        rules = self.filtered("active")
        if not rules:
            return result
        self.env.flush_all()
        self.env.cr.execute(rules._evaluation_sql(fields.Date.context_today(self)))
        for rule_id, partner_id, last, kind in self.env.cr.fetchall():
            if kind:
                result[self.browse(rule_id)][kind].append(partner_id)
                result[self.browse(rule_id)]["last"][partner_id] = last
        return result

    def _evaluation_sql(self, today):
        """The signs of life are aggregated once, and the partners that no
        rule may erase are left out once (``candidate``, materialised): each
        rule is then a filter on the few columns it needs."""
        # activity older than every rule's horizon (and notice window) changes nothing
        since = min(rule._horizon(today) - timedelta(days=rule.notice_days + 1) for rule in self)
        exclusions = SQL(
            EXCLUSIONS_SQL,
            today=today,
            excluded=self.env["res.partner"]._gdpr_retention_excluded_ids(),
            paused=today - timedelta(days=REFUSAL_PAUSE_DAYS),
        )
        selects = SQL(" UNION ALL ").join(SQL("(%s)", rule._rule_sql(today, since)) for rule in self)
        return SQL(
            """
            WITH activity AS (%(activity)s),
            last_activity AS (SELECT id, max(last) AS last FROM activity GROUP BY id),
            candidate AS MATERIALIZED (
                SELECT p.id, p.company_id, p.last_purchase_date, p.supplier_rank, p.email,
                       greatest(a.last, p.create_date, p.last_purchase_date) AS seen
                  FROM res_partner p LEFT JOIN last_activity a ON a.id = p.id
                 WHERE greatest(a.last, p.create_date, p.last_purchase_date) < %(widest)s
                   AND %(exclusions)s
            )
            %(selects)s
            """,
            activity=SQL(ACTIVITY_SQL, since=since),
            widest=max(rule._horizon(today, rule.notice_days) for rule in self),
            exclusions=exclusions,
            selects=selects,
        )

    def _gdpr_due_partners(self):
        """The partners this rule would erase today (roots: a company with its contacts)."""
        self.ensure_one()
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .browse(self._gdpr_evaluate()[self]["erase"])
        )

    # -- the daily run ----------------------------------------------------
    @api.model
    def _cron_run(self):
        """Evaluate every active rule of every company at once, then per rule:
        send the notices, erase (a bulk job) or refresh the monthly proposal,
        finish ended retention, and tell the responsible officer the counts."""
        rules = self.sudo().search([])
        for rule, found in rules._gdpr_evaluate().items():
            counts = {"notice": len(rule._send_notices(found["notice"]))}
            if rule.mode == "erase":
                counts["erase"] = rule._create_job_or_say_why(found["erase"])
            else:
                counts["propose"] = rule._propose(found["erase"])
            if rule.finish_retention:
                counts["finished"] = len(
                    self.env["gdpr.erasure.log.retention"]._gdpr_finish_ended(rule.company_id)
                )
            rule.last_run = fields.Datetime.now()
            rule._notify_run(counts)

    def _partners(self, ids):
        return self.env["res.partner"].with_context(active_test=False).browse(ids)

    def _create_job(self, partner_ids):
        """A bulk erasure job of the rule's responsible officer for these
        partners: batching, crash safety and logs as for any bulk erasure."""
        self.ensure_one()
        if not partner_ids:
            return self.env["gdpr.erasure.job"]
        jobs = self.env["gdpr.erasure.job"].with_user(self.user_id).with_company(self.company_id)
        return jobs.with_context(gdpr_rule_id=self.id)._create_for_partners(self._partners(partner_ids))

    def _create_job_or_say_why(self, partner_ids):
        """How many partners went to a job; a responsible who may no longer
        erase stops this rule only, with a message on it, not the whole run."""
        try:
            job = self._create_job(partner_ids)
        except AccessError:
            self.message_post(
                body=self.env._(
                    "No erasure job: %(user)s may not erase for this rule (no longer a GDPR officer, "
                    "or not in its company). Choose another responsible.",
                    user=self.user_id.name,
                ),
                partner_ids=self.user_id.partner_id.ids,
            )
            return 0
        return job.total if job else 0

    def _propose(self, partner_ids):
        """Refresh the list an officer approves, once a month: how many it holds."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.proposal_date and self.proposal_date + PROPOSAL_INTERVAL > today:
            return 0
        self.write({"proposal_partner_ids": [(6, 0, partner_ids)], "proposal_date": today})
        return len(partner_ids)

    def _send_notices(self, partner_ids):
        """Tell these partners, in their language, that their data will be
        erased in ``notice_days`` unless they log in or reply; once each."""
        self.ensure_one()
        if not partner_ids or not self.notice_template_id:
            return []
        erase_on = fields.Date.context_today(self) + timedelta(days=self.notice_days)
        self.env["gdpr.retention.notice"].sudo().create(
            [{"rule_id": self.id, "partner_id": pid, "erase_on": erase_on} for pid in partner_ids]
        )
        template = self.notice_template_id.sudo().with_context(gdpr_erase_on=erase_on)
        template.send_mail_batch(partner_ids, email_layout_xmlid="mail.mail_notification_light")
        return partner_ids

    def _notify_run(self, counts):
        if not any(counts.values()):
            return
        message = self.env._(
            "Retention rule run: %(notice)s notices sent, %(erase)s partners handed to an erasure job, "
            "%(propose)s proposed for erasure, %(finished)s retained items finished.",
            notice=counts.get("notice", 0),
            erase=counts.get("erase", 0),
            propose=counts.get("propose", 0),
            finished=counts.get("finished", 0),
        )
        self.message_post(
            body=Markup("<p>%s</p>") % message,
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )

    # -- buttons ----------------------------------------------------------
    def action_approve_proposal(self):
        """Erase the proposed partners that are still due today (an exclusion
        that appeared since the proposal wins)."""
        self.ensure_one()
        self.env["gdpr.erasure"]._check_officer()
        due = set(self._gdpr_due_partners().ids)
        chosen = [pid for pid in self.proposal_partner_ids.ids if pid in due]
        if not chosen:
            raise UserError(self.env._("None of the proposed partners is due for erasure any more."))
        job = self._create_job_as_user(chosen)
        self.proposal_partner_ids = [(5, 0, 0)]
        return {
            "type": "ir.actions.act_window",
            "res_model": "gdpr.erasure.job",
            "res_id": job.id,
            "views": [(False, "form")],
        }

    def _create_job_as_user(self, partner_ids):
        jobs = self.env["gdpr.erasure.job"].with_company(self.company_id).with_context(gdpr_rule_id=self.id)
        return jobs._create_for_partners(self._partners(partner_ids))

    def action_preview(self):
        self.ensure_one()
        self.env["gdpr.erasure"]._check_officer()
        preview = self.env["gdpr.retention.preview"]._build(self)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Preview: %(rule)s", rule=self.name),
            "res_model": "gdpr.retention.preview",
            "res_id": preview.id,
            "views": [(False, "form")],
            "target": "new",
        }

    def action_view_refused(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refused by the plan"),
            "res_model": "gdpr.erasure.log",
            "views": [(False, "list"), (False, "form")],
            "domain": [("rule_id", "=", self.id), ("action", "in", ("refused", "failed"))],
        }
