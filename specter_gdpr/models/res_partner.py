# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID
from odoo import api
from odoo import fields
from odoo import models
from odoo import tools
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.osv import expression

from .res_users import PARTNER_CONTACT_FIELDS

# Columns of res_partner that are not personal data and survive anonymisation,
# besides relational, numeric and selection ones (kept for analytics).
KEPT_TEXT_FIELDS = {"lang", "tz", "name", "complete_name"}
# Relational and geographic fields that locate the person more precisely than
# the country does.
CLEARED_FIELDS = {"state_id", "title", "partner_latitude", "partner_longitude"}
EMAIL_FIELDS = {"email", "email_normalized", "email_formatted"}
SHOW_KEYS = ("show_email", "show_address", "show_vat")
CONTACT_DETAIL_FIELDS = PARTNER_CONTACT_FIELDS | {
    "street",
    "street2",
    "zip",
    "city",
    "vat",
    "website",
    "contact_address",
}
KIND_FIELDS = {"customer_rank", "supplier_rank", "parent_id"}
# what a partner under restriction of processing still gets written: the
# chatter's bookkeeping, not its data
RESTRICTION_FREE_FIELDS = {
    "message_follower_ids",
    "message_main_attachment_id",
    "activity_ids",
    "message_ids",
    "website_message_ids",
}
IDENTIFIER_COLUMNS = (
    "name",
    "email",
    "email_normalized",
    "phone",
    "mobile",
    "phone_sanitized",
    "street",
    "street2",
    "vat",
    "company_registry",
    "website",
    "ref",
)


def guard_leaves(domain, fields, guard):
    """``domain`` where each leaf on one of ``fields`` (its path's first step)
    also requires ``guard``: the other leaves (a name beside an e-mail in a
    search bar's OR) keep finding what they found."""
    result = []
    for term in domain:
        if isinstance(term, (list, tuple)) and isinstance(term[0], str) and term[0].split(".")[0] in fields:
            result += ["&", term, *guard]
        else:
            result.append(term)
    return result


def blank_fields(result, ids, fnames):
    """Empty ``fnames`` in the rows of ``result`` (a ``read``) whose id is in ``ids``."""
    for values in result:
        if values["id"] in ids:
            values.update(dict.fromkeys(fnames, False))


class ResPartner(models.Model):
    _inherit = "res.partner"
    _gdpr_sequence = 1000  # the partner itself goes last
    _gdpr_export_sequence = 0  # and comes first in an export
    _gdpr_staff_text = ("comment",)

    gdpr_credit_report_ids = fields.One2many(
        "res.partner.credit.report",
        "partner_id",
        string="Credit reports",
        groups="specter_gdpr.group_credit_report",
    )
    gdpr_partner_kind = fields.Selection(
        [
            ("customer", "Customer"),
            ("supplier", "Supplier"),
            ("both", "Customer and supplier"),
            ("other", "Other"),
        ],
        string="Kind of partner",
        compute="_compute_gdpr_partner_kind",
        store=True,
        index=True,
        compute_sudo=True,
        help="From the commercial entity's customer and supplier ranks; decides which rights "
        "(Personal data section of the user form) are needed to see or change the partner.",
    )
    last_purchase_date = fields.Date(
        readonly=True,
        copy=False,
        index=True,
        help="Latest confirmed sales order or posted customer invoice of the commercial entity "
        "(its contacts and addresses count for it). Credit notes and cancelled documents do not count.",
    )
    gdpr_erasure_date = fields.Datetime(
        string="Personal data erased on", readonly=True, copy=False, index="btree_not_null"
    )
    gdpr_legal_hold = fields.Boolean(
        string="Legal hold",
        copy=False,
        tracking=True,
        help="Keep this partner's personal data: no retention rule and no erasure touches it "
        "while the hold lasts (a dispute, an audit, a claim).",
    )
    gdpr_legal_hold_reason = fields.Char(string="Legal hold reason", copy=False, tracking=True)
    gdpr_legal_hold_until = fields.Date(
        string="Legal hold until", copy=False, tracking=True, help="Empty: until the hold is lifted."
    )
    gdpr_identifier_claim_ids = fields.One2many(
        "gdpr.identifier.claim",
        "partner_id",
        string="Contact details given by the person",
        groups="specter_gdpr.group_gdpr_officer",
        help="E-mail addresses and phone numbers the person entered themself. Until verified (by a "
        "link to the address, or by staff), they do not find data outside the partner's own records.",
    )

    gdpr_restricted = fields.Boolean(
        string="Processing restricted",
        compute="_compute_gdpr_restriction",
        compute_sudo=True,
        search="_search_gdpr_restricted",
        help="Restriction of processing (Art. 18 GDPR), of the partner or of its company: the data "
        "is stored, not otherwise processed.",
    )
    gdpr_restriction_id = fields.Many2one(
        "gdpr.restriction", string="Restriction", compute="_compute_gdpr_restriction", compute_sudo=True
    )
    gdpr_restriction_banner = fields.Char(compute="_compute_gdpr_restriction", compute_sudo=True)

    @api.depends_context("uid")
    def _compute_gdpr_restriction(self):
        restricted = self.env["gdpr.restriction"]._restricted_partners(
            [pid for pid in self.ids if isinstance(pid, int)]
        )
        for partner in self:
            restriction = restricted.get(partner.id, self.env["gdpr.restriction"])
            partner.gdpr_restricted = bool(restriction)
            partner.gdpr_restriction_id = restriction
            partner.gdpr_restriction_banner = restriction and restriction._banner()

    def _search_gdpr_restricted(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search restricted partners with = True or = False only."))
        ids = self.env["gdpr.restriction"]._restricted_partner_ids()
        return [("id", "in" if (operator == "=") == value else "not in", ids)]

    def action_gdpr_restrict(self):
        """Open the wizard that restricts processing (officers)."""
        self.env["gdpr.restriction"]._check_officer()
        return self.env["gdpr.restriction.wizard"]._action_open(self)

    def action_gdpr_lift_restriction(self):
        self.env["gdpr.restriction"]._check_officer()
        return self.env["gdpr.restriction.wizard"]._action_open(self, mode="lift")

    def action_gdpr_restriction_exception(self):
        self.env["gdpr.restriction"]._check_officer()
        return self.env["gdpr.restriction.wizard"]._action_open(self, mode="exception")

    @api.depends("commercial_partner_id.customer_rank", "commercial_partner_id.supplier_rank")
    def _compute_gdpr_partner_kind(self):
        for partner in self:
            entity = partner.commercial_partner_id or partner
            partner.gdpr_partner_kind = self._gdpr_kind_of(entity.customer_rank > 0, entity.supplier_rank > 0)

    @api.model
    def _gdpr_kind_of(self, customer, supplier):
        if customer and supplier:
            return "both"
        return "customer" if customer else "supplier" if supplier else "other"

    # -- public API -------------------------------------------------------
    def gdpr_erasure_plan(self):
        """Tell, for each partner, whether erasing it deletes, anonymises or is refused.

        Read-only. Returns ``{partner_id: {"action": "delete" | "anonymise" |
        "blocked", "reasons": [str, ...]}}``. Officers only: the reasons name
        unpaid invoices and user accounts.
        """
        engine = self.env["gdpr.erasure"]
        engine._check_officer()
        engine._check_ids(self)
        return engine._plan(self.with_context(active_test=False)).as_dict()

    def gdpr_erase(self):
        """Erase these partners' personal data (GDPR Art. 17); officers only.

        Returns ``{"deleted": [ids], "anonymised": [ids], "blocked": {id:
        [reasons]}, "failed": {id: error}, "log_ids": [ids]}``.
        """
        return self.env["gdpr.erasure"]._erase(self)

    def action_gdpr_erase_wizard(self):
        self.env["gdpr.erasure"]._check_officer()
        return self.env["gdpr.erasure.wizard"]._action_open(self)

    @api.model
    def _gdpr_selection(self):
        """What the user selected in a list or form, for a server action.

        "Select all" sends at most ``web.active_ids_limit`` ids, plus the
        active domain: when the ids reach that limit, the domain is the truth.
        """
        context = self.env.context
        limit = int(self.env["ir.config_parameter"].sudo().get_param("web.active_ids_limit", "20000"))
        active_ids = context.get("active_ids") or []
        if context.get("active_domain") is not None and len(active_ids) >= limit:
            return self.search(context["active_domain"])
        return self.browse(active_ids)

    @api.model
    def action_gdpr_erase_selection(self):
        return self._gdpr_selection().action_gdpr_erase_wizard()

    @api.model
    def action_gdpr_export_selection(self):
        partners = self._gdpr_selection()
        wizard = self.env["gdpr.inactive.customer.wizard"].create({"partner_ids": [(6, 0, partners.ids)]})
        return wizard.action_export()

    # -- rights -----------------------------------------------------------
    @api.depends_context("uid")
    def _compute_display_name(self):
        """Names are computed as superuser with the caller's context: the
        ``show_*`` keys would put the e-mail, address and VAT of partners the
        caller may not read into the name of any document pointing to them.
        Such partners show their name only."""
        super()._compute_display_name()
        if not any(self.env.context.get(key) for key in SHOW_KEYS):
            return
        for partner in self._gdpr_restricted():
            name = partner.with_context(lang=self.env.lang)._get_complete_name()
            if self.env.context.get("partner_show_db_id"):
                name = f"{name} ({partner.id})"
            partner.display_name = name.strip()

    def _gdpr_restricted(self, read_by_user=False):
        """The partners whose contact details the real user (not the superuser
        Odoo computes names as) may not see: those it cannot read (unless
        ``read_by_user`` says it just read them), and staff partners without
        'System users: view users'."""
        user_env = self.env(su=False)
        if user_env.uid == SUPERUSER_ID or user_env.user._is_superuser():
            return self.browse()
        partners = self.with_env(user_env)
        hidden = partners.browse() if read_by_user else partners - partners._filtered_access("read")
        if not user_env["res.users"]._gdpr_may_see_directory():
            hidden |= partners.browse(partners._gdpr_staff_partner_ids()) - user_env.user.partner_id
        return self.browse(hidden.ids)

    def _gdpr_staff_partner_ids(self):
        """Ids of ``self`` that are internal users' partners."""
        if not self.ids:
            return []
        self.env.cr.execute(
            "SELECT partner_id FROM res_users WHERE partner_id IN %s AND NOT share", [tuple(self.ids)]
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _read_format(self, fnames, load="_classic_read"):
        """Contact details of partners the real user may not see read as empty,
        also where Odoo reads them as superuser (chatter followers, mentions)."""
        result = super()._read_format(fnames, load=load)
        hidden = CONTACT_DETAIL_FIELDS & set(fnames)
        if hidden and (self.env.su or not self.env["res.users"]._gdpr_may_see_directory()):
            blank_fields(result, set(self._gdpr_restricted(read_by_user=not self.env.su).ids), hidden)
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """A search on contact details never finds staff partners for a user
        without 'System users: view users' by them (a count would be an
        oracle); by name it still does."""
        if domain and not self.env["res.users"]._gdpr_may_see_directory():
            domain = guard_leaves(domain, PARTNER_CONTACT_FIELDS, self._gdpr_no_staff_domain())
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        used = {spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates)}
        if used & PARTNER_CONTACT_FIELDS and not self.env["res.users"]._gdpr_may_see_directory():
            domain = expression.AND([domain or [], self._gdpr_no_staff_domain()])
        return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)

    @api.model
    def _gdpr_no_staff_domain(self):
        """Partners other than internal users', or the user's own."""
        return [
            "|",
            "|",
            ("user_ids", "=", False),
            ("user_ids.share", "=", True),
            ("id", "=", self.env.user.partner_id.id),
        ]

    @api.model
    def _search_display_name(self, operator, value):
        """Odoo's name search also matches e-mails: without 'System users:
        view users', staff partners are found by name only."""
        domain = super()._search_display_name(operator, value)
        if self.env["res.users"]._gdpr_may_see_directory():
            return domain
        return guard_leaves(domain, PARTNER_CONTACT_FIELDS, self._gdpr_no_staff_domain())

    def write(self, vals):
        if not self.env.su and any(name not in RESTRICTION_FREE_FIELDS for name in vals):
            self.env["gdpr.restriction"]._check(self.ids, self.env._("a change of its data"))
        if not self.env.su and (KIND_FIELDS & vals.keys() or vals.get("active") is False):
            self._gdpr_check_kind_change(vals)
        if any(vals.get(name) for name in CONTACT_DETAIL_FIELDS | {"name"}):
            self._gdpr_check_not_anonymised()
        claims = self.env["gdpr.identifier.claim"]
        before = claims._values_before(self, vals)
        # Odoo lets only administrators change the partner of another internal
        # user; the same fields as on the user are open to 'System users: edit
        # users' details' here, under the same checks (the e-mail of a user's
        # partner is the address the password reset goes to).
        staff = self._gdpr_other_staff_users()
        if staff:
            staff._gdpr_check_details_editable(vals)
            super(ResPartner, (self & staff.partner_id).sudo()).write(dict(vals))
        rest = self - staff.partner_id
        result = super(ResPartner, rest).write(vals) if rest else True
        if before:
            claims._record(self, vals, before)
        return result

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        for partner, vals in zip(partners, vals_list, strict=True):
            self.env["gdpr.identifier.claim"]._record(partner, vals)
        return partners

    def _gdpr_other_staff_users(self):
        """The active internal users of these partners, other than the current
        user, when the current user is not allowed to write users (Odoo then
        refuses any change to those partners)."""
        if self.env.su or self.env["res.users"].has_access("write"):
            return self.env["res.users"]
        users = self.sudo().user_ids.filtered(lambda user: not user.share)
        return users.with_env(self.env) - self.env.user

    def _gdpr_check_not_anonymised(self):
        """An anonymised partner stays anonymous: nobody, Odoo's own code
        included, fills its name or contact details again (the engine writes
        in SQL)."""
        self.env.cr.execute(
            "SELECT id FROM res_partner WHERE id IN %s AND gdpr_erasure_date IS NOT NULL LIMIT 1",
            [tuple(self.ids) or (0,)],
        )
        if row := self.env.cr.fetchone():
            raise UserError(
                self.env._(
                    "%(partner)s was anonymised under the GDPR: its name and contact details cannot be "
                    "entered again. If the person comes back, create a new contact.",
                    partner=self.browse(row[0]).sudo().display_name,
                )
            )

    def _gdpr_check_kind_change(self, vals):
        """Making a customer an "other" partner would let anyone delete it;
        the reverse would create a customer. Changing the kind needs the delete
        right of the kind left and the create right of the kind entered;
        archiving needs the delete right, as that right's help says."""
        before = {partner.id: partner.gdpr_partner_kind for partner in self.sudo()}
        if vals.get("active") is False:
            for kind in set(before.values()):
                self._gdpr_require(kind, "unlink")
        if not KIND_FIELDS & vals.keys():
            return
        for partner in self.sudo():
            entity = partner.commercial_partner_id
            customer = vals.get("customer_rank", entity.customer_rank) > 0
            supplier = vals.get("supplier_rank", entity.supplier_rank) > 0
            if vals.get("parent_id"):
                parent = self.browse(vals["parent_id"]).sudo().commercial_partner_id
                customer, supplier = parent.customer_rank > 0, parent.supplier_rank > 0
            new_kind = partner._gdpr_kind_of(customer, supplier)
            if new_kind != before[partner.id]:
                self._gdpr_require(before[partner.id], "unlink")
                self._gdpr_require(new_kind, "create")

    @api.model
    def _gdpr_require(self, kind, operation):
        """Raise unless the user holds the right to ``operation`` partners of ``kind``."""
        if kind == "other":
            return
        sides = ("customer", "supplier") if kind == "both" else (kind,)
        for side in sides:
            if not self.env.user.has_group(f"specter_gdpr.group_{side}_{operation}"):
                raise AccessError(self._gdpr_missing_right_message(side, operation))

    @api.model
    def _gdpr_missing_right_message(self, side, operation):
        right = self.env.ref(f"specter_gdpr.group_{side}_{operation}").name
        return self.env._(
            "You need the right '%(right)s' (Personal data, on your user) for this: ask an administrator.",
            right=right,
        )

    def export_data(self, fields_to_export):
        self._gdpr_check_export(fields_to_export)
        return super().export_data(fields_to_export)

    def _gdpr_check_export(self, field_paths):
        """Customers need the register-export right; e-mail addresses the
        label/e-mail right (on top of Odoo's own export right)."""
        if self.env.su:
            return
        user = self.env.user
        if set(self.mapped("gdpr_partner_kind")) & {"customer", "both"} and not user.has_group(
            "specter_gdpr.group_customer_export"
        ):
            raise AccessError(self.env._("You are not allowed to export the customer register."))
        exports_email = any(set(path.split("/")) & EMAIL_FIELDS for path in field_paths)
        if exports_email and not user.has_group("specter_gdpr.group_customer_print"):
            raise AccessError(self.env._("You are not allowed to export e-mail addresses."))

    # -- last purchase ----------------------------------------------------
    @api.model
    def _refresh_last_purchase_date(self, commercial_partners=None):
        """Recompute ``last_purchase_date`` of ``commercial_partners`` (all when
        None) and their contacts, in one statement."""
        if commercial_partners is not None and not commercial_partners:
            return
        self.env["sale.order"].flush_model(["state", "date_order", "partner_id"])
        self.env["account.move"].flush_model(["state", "invoice_date", "move_type", "commercial_partner_id"])
        self.flush_model(["commercial_partner_id"])
        everyone = commercial_partners is None
        scope = "TRUE" if everyone else "{} IN %(ids)s"
        self.env.cr.execute(
            f"""
            WITH purchase AS (
                SELECT buyer.commercial_partner_id AS cid, max(so.date_order)::date AS day
                  FROM sale_order so
                  JOIN res_partner buyer ON buyer.id = so.partner_id
                 WHERE so.state = 'sale' AND {scope.format("buyer.commercial_partner_id")}
                 GROUP BY buyer.commercial_partner_id
                 UNION ALL
                SELECT commercial_partner_id, max(invoice_date)
                  FROM account_move
                 WHERE state = 'posted' AND move_type = 'out_invoice'
                   AND {scope.format("commercial_partner_id")}
                 GROUP BY commercial_partner_id
            ), latest AS (
                SELECT cid, max(day) AS day FROM purchase GROUP BY cid
            )
            UPDATE res_partner p
               SET last_purchase_date = latest.day
              FROM res_partner entity
              LEFT JOIN latest ON latest.cid = entity.id
             WHERE entity.id = p.commercial_partner_id AND {scope.format("entity.id")}
               AND p.last_purchase_date IS DISTINCT FROM latest.day
         RETURNING p.id
            """,
            {"ids": None if everyone else tuple(commercial_partners.ids)},
        )
        self.browse(row[0] for row in self.env.cr.fetchall()).invalidate_recordset(["last_purchase_date"])

    # -- erasure registry hooks ------------------------------------------
    def _gdpr_plan(self, plan):
        self.env.cr.execute(
            "SELECT id, gdpr_erasure_date FROM res_partner WHERE id IN %s AND gdpr_erasure_date IS NOT NULL",
            [tuple(plan.root_ids) or (0,)],
        )
        for partner_id, erased_on in self.env.cr.fetchall():
            plan.block(
                partner_id,
                self.env._("Already erased on %(date)s: nothing left to erase.", date=erased_on.date()),
                self.env._("Already erased"),
            )
        self._gdpr_plan_needed_by_odoo(plan)
        self._gdpr_plan_legal_hold(plan)
        if self.env.context.get("gdpr_rule_id"):
            plan.block_grouped(
                [(pid, pid) for pid in self._gdpr_open_request_partner_ids(plan.partner_ids)],
                lambda _ids: self.env._("An open data subject request: a retention rule waits for it."),
                self.env._("Open data subject request"),
            )

    def _gdpr_plan_legal_hold(self, plan):
        """A legal hold always wins: no erasure, manual or by a rule, while it lasts.
        The reason stays on the partner (it may name people); the log says until when."""
        self.env.cr.execute(
            """
            SELECT id, gdpr_legal_hold_until FROM res_partner
             WHERE id IN %s AND gdpr_legal_hold
               AND (gdpr_legal_hold_until IS NULL OR gdpr_legal_hold_until >= %s)
            """,
            [plan.partner_ids, fields.Date.context_today(self)],
        )
        plan.block_grouped(
            self.env.cr.fetchall(),
            lambda until: self.env._("Under legal hold until %(until)s.", until=until[0])
            if until[0]
            else self.env._("Under legal hold until further notice."),
            self.env._("Legal hold"),
        )

    @api.model
    def _gdpr_open_request_partner_ids(self, partner_ids=None):
        """Partners with an open data subject request (``gdpr.request`` not
        done or refused), when that model is installed: retention rules leave
        them to the request. ``partner_ids``: only among these."""
        if "gdpr.request" not in self.env:
            return []
        domain = [("state", "not in", ("done", "refused"))]
        if partner_ids is not None:
            domain.append(("partner_ids", "in", list(partner_ids)))
        requests = self.env["gdpr.request"].sudo().with_context(active_test=False).search(domain)
        wanted = None if partner_ids is None else set(partner_ids)
        return [pid for pid in requests.partner_ids.ids if wanted is None or pid in wanted]

    @api.model
    def _gdpr_retention_excluded_ids(self):
        """Entity ids (commercial partners) that no retention rule may erase
        today besides those under legal hold: open data subject requests."""
        ids = self._gdpr_open_request_partner_ids()
        if not ids:
            return []
        return self.with_context(active_test=False).browse(ids).commercial_partner_id.ids

    def _gdpr_plan_needed_by_odoo(self, plan):
        """Refuse partners that Odoo itself needs: those that a data record of a
        module points to (the public user, the user templates, OdooBot, a
        company), in any model the engine does not erase from itself. User
        accounts that are data records always count."""
        selects = []
        for model_name, column in self._gdpr_data_record_references():
            selects.append(
                f"""SELECT t."{column}", d.module || '.' || d.name
                      FROM "{self.env[model_name]._table}" t
                      JOIN ir_model_data d ON d.model = '{model_name}' AND d.res_id = t.id
                     WHERE t."{column}" IN %(ids)s AND d.module NOT LIKE '\\_\\_%%'"""
            )
        if not selects:
            return
        self.env.cr.execute(" UNION ALL ".join(selects), {"ids": plan.partner_ids})
        plan.block_grouped(
            self.env.cr.fetchall(),
            lambda xmlids: self.env._(
                "Odoo needs this partner: it belongs to %(records)s.", records=", ".join(xmlids)
            ),
            self.env._("Needed by Odoo"),
        )

    @api.model
    @tools.ormcache()
    def _gdpr_data_record_references(self):
        """``[(model, column)]``: stored many2one fields to partners whose data
        records the engine does not handle, and those of user accounts."""
        return tuple(
            (model._name, field.name)
            for model in (self.env[name] for name in self.env.registry)
            if model._auto
            and not model._abstract
            and not model._transient
            and model._name != self._name
            and (not self.env["gdpr.erasure"]._handles(model) or model._name == "res.users")
            for field in model._fields.values()
            if field.type == "many2one"
            and field.comodel_name == self._name
            and field.store
            and field.column_type
        )

    @api.model
    def _gdpr_values_held_by_others(self, values, partner_ids):
        """Which of ``values`` a partner not in ``partner_ids`` holds in an
        identifier column (e-mail addresses compared normalised): one pass over
        the table, each column compared with a hashed list."""
        columns = [col for col in IDENTIFIER_COLUMNS if col != "email_normalized"]
        matches = " OR ".join(f'"{col}" = ANY(%(values)s)' for col in columns)
        self.env.cr.execute(
            f"""
            SELECT ARRAY[{", ".join(f'"{col}"' for col in columns)}, email_normalized]::text[]
              FROM res_partner
             WHERE ({matches} OR email_normalized = ANY(%(lowered)s)) AND id NOT IN %(ids)s
            """,
            {
                "values": list(values),
                "lowered": [value.lower() for value in values],
                "ids": tuple(partner_ids),
            },
        )
        return [value for (row,) in self.env.cr.fetchall() for value in row if value]

    def _gdpr_identifiers(self, batch):
        columns = ", ".join(IDENTIFIER_COLUMNS)
        self.env.cr.execute(
            f"SELECT id, {columns} FROM res_partner WHERE id IN %s",
            [batch.partner_ids],
        )
        for partner_id, *values in self.env.cr.fetchall():
            batch.add_identifiers(partner_id, values)
        for partner in self.browse(batch.delete_ids | batch.anonymise_ids):
            numbers = [partner.phone, partner.mobile, partner.phone_sanitized]
            numbers += [partner._phone_format(fname=fname) for fname in ("phone", "mobile")]  # E.164
            batch.add_phone_numbers(partner.id, numbers)

    def _gdpr_erase(self, batch):
        self._gdpr_anonymise_rows(batch)
        partners = self.browse(batch.delete_ids).exists()
        batch.tally("res.partner", "deleted", partners.ids)
        partners.unlink()

    def _gdpr_anonymise_rows(self, batch):
        if not batch.anonymise_ids:
            return
        cleared = [
            name
            for name, field in self._fields.items()
            if field.store
            and field.column_type
            and not field.required
            and (
                (field.type in ("char", "text", "html") and name not in KEPT_TEXT_FIELDS)
                or name in CLEARED_FIELDS
            )
        ]
        assignments = ", ".join(f'"{name}" = NULL' for name in cleared)
        placeholder, params = self._gdpr_placeholder_sql("res_partner")
        self.env.cr.execute(
            f"""
            UPDATE res_partner
               SET {assignments}, name = {placeholder}, complete_name = {placeholder},
                   active = false, gdpr_erasure_date = now() at time zone 'UTC'
             WHERE id IN %(ids)s
         RETURNING id
            """,
            dict(params, ids=batch.anonymised),
        )
        batch.tally("res.partner", "scrubbed", [row[0] for row in self.env.cr.fetchall()])

    def _gdpr_placeholder_sql(self, alias):
        """SQL for an anonymised partner's name, e.g. 'Anonymised customer #000123'."""
        expression = (
            f"CASE WHEN {alias}.customer_rank > 0 THEN %(gdpr_customer)s ELSE %(gdpr_contact)s END"
            f" || lpad({alias}.id::text, 6, '0')"
        )
        params = {
            "gdpr_customer": self.env._("Anonymised customer #"),
            "gdpr_contact": self.env._("Anonymised contact #"),
        }
        return expression, params

    def _gdpr_post_erasure_note(self, logs):
        """Leave one note in each anonymised partner's chatter, with its log.

        Inserted in one statement: ``message_post`` costs a dozen queries per
        partner and would notify followers, who are gone anyway.
        """
        if not self:
            return
        log_by_partner = {log.partner_ref: log for log in logs}
        engine = self.env["gdpr.erasure"]
        self.env.cr.execute(
            """
            INSERT INTO mail_message (model, res_id, message_type, subtype_id, author_id, body,
                                      is_internal, date, create_uid, write_uid, create_date, write_date)
            SELECT 'res.partner', res_id, 'notification', %(subtype)s, %(author)s, body,
                   true, now() at time zone 'UTC', %(uid)s, %(uid)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%(res_ids)s, %(bodies)s) AS note(res_id, body)
            """,
            {
                "subtype": self.env.ref("mail.mt_note").id,
                "author": self.env.user.partner_id.id,
                "uid": self.env.uid,
                "res_ids": self.ids,
                "bodies": [str(engine._note_body(log_by_partner[pid])) for pid in self.ids],
            },
        )

    def _gdpr_export(self, writer):
        """The person, their contacts and addresses."""
        writer.add(
            self,
            [("id", "in", writer.partner_ids)],
            [
                "name",
                "type",
                "parent_id",
                "function",
                "street",
                "street2",
                "zip",
                "city",
                "state_id",
                "country_id",
                "email",
                "phone",
                "mobile",
                "phone_sanitized",
                "website",
                "vat",
                "lang",
                "comment",
                "ref",
                "create_date",
            ],
        )

    # -- personal data export (Art. 15 and 20) --------------------------------
    def gdpr_export_personal_data(self):
        """Build the personal-data ZIP of these partners (GDPR officers only)
        and return the id of the ``ir.attachment`` that holds it."""
        return self.env["gdpr.data.export"]._build(self).attachment_id.id

    def action_gdpr_export_personal_data(self):
        export = self.env["gdpr.data.export"]._build(self)
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{export.attachment_id.id}?download=true",
            "target": "self",
        }
