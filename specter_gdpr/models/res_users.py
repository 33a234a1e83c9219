# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from functools import partial

from lxml import etree

from odoo import Command
from odoo import api
from odoo import fields
from odoo import http
from odoo import models
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.osv import expression

# Readable on other users only with "System users: view users"; names and
# avatars stay readable so chatter, assignment and mentions keep working.
DIRECTORY_FIELDS = {
    "login",
    "email",
    "email_formatted",
    "email_normalized",
    "phone",
    "phone_sanitized",
    "mobile",
    "login_date",
    "street",
    "street2",
    "zip",
    "city",
    "contact_address",
}
# The contact details of a user's partner row, hidden with the directory.
PARTNER_CONTACT_FIELDS = {
    "email",
    "email_normalized",
    "email_formatted",
    "phone",
    "phone_sanitized",
    "mobile",
    "signature",
}
# What "System users: edit users' details" may change on other users, split by
# what a change can do. Plain contact details reach nobody's account: they may
# be changed on any internal user who is not an administrator.
CONTACT_FIELDS = {
    "name",
    "phone",
    "mobile",
    "function",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
}
# The login and the e-mail open the account (the password reset goes to the
# e-mail); the signature speaks in the user's name in every mail they send.
# Only on users whose rights are a subset of the editor's, never on administrators.
ACCOUNT_FIELDS = {"login", "email", "signature"}
# Everything else (groups, companies, password, API keys, two-factor settings,
# active, the partner link...) stays with administrators (Access rights).
DETAIL_FIELDS = CONTACT_FIELDS | ACCOUNT_FIELDS


# The rights of the user form's "Personal data" page: field -> group XML id.
RIGHTS = {
    "gdpr_customer_read": "specter_gdpr.group_customer_read",
    "gdpr_customer_create": "specter_gdpr.group_customer_create",
    "gdpr_customer_write": "specter_gdpr.group_customer_write",
    "gdpr_customer_unlink": "specter_gdpr.group_customer_unlink",
    "gdpr_customer_print": "specter_gdpr.group_customer_print",
    "gdpr_customer_export": "specter_gdpr.group_customer_export",
    "gdpr_credit_report": "specter_gdpr.group_credit_report",
    "gdpr_supplier_read": "specter_gdpr.group_supplier_read",
    "gdpr_supplier_create": "specter_gdpr.group_supplier_create",
    "gdpr_supplier_write": "specter_gdpr.group_supplier_write",
    "gdpr_supplier_unlink": "specter_gdpr.group_supplier_unlink",
    "gdpr_user_read": "specter_gdpr.group_user_read",
    "gdpr_user_write": "specter_gdpr.group_user_write",
    "gdpr_officer": "specter_gdpr.group_gdpr_officer",
}


def _right(string, help_text):
    """A checkbox of the "Personal data" page. Written through ``write`` and
    ``create``, which turn exactly the boxes a client sends into group
    changes (``_gdpr_rights_to_groups``)."""
    return fields.Boolean(
        string=string,
        help=help_text,
        compute="_compute_gdpr_rights",
        readonly=False,
        groups="base.group_erp_manager",
    )


class ResUsers(models.Model):
    _inherit = "res.users"
    _gdpr_sequence = 900

    gdpr_customer_read = _right("Customers: view", "Open and search customers.")
    gdpr_customer_create = _right("Customers: create", "Create customers.")
    gdpr_customer_write = _right("Customers: edit", "Change customers' details.")
    gdpr_customer_unlink = _right("Customers: delete", "Delete or archive customers.")
    gdpr_customer_print = _right(
        "Customers: print labels, export e-mails",
        "Print address labels, download vCards, export e-mail addresses.",
    )
    gdpr_customer_export = _right(
        "Customers: export the register",
        "Export customers to Excel or CSV: includes Odoo's export feature, so this right alone is enough.",
    )
    gdpr_credit_report = _right(
        "Customers: credit reports",
        "See and record credit reports on the customers this user may view: recording one does not "
        "change the customer, so 'Customers: edit' is not needed.",
    )
    gdpr_supplier_read = _right("Suppliers: view", "Open and search suppliers.")
    gdpr_supplier_create = _right("Suppliers: create", "Create suppliers.")
    gdpr_supplier_write = _right("Suppliers: edit", "Change suppliers' details.")
    gdpr_supplier_unlink = _right("Suppliers: delete", "Delete or archive suppliers.")
    gdpr_user_read = _right("System users: view", "See other users' login, e-mail, phone and last login.")
    gdpr_user_write = _right(
        "System users: edit details",
        "Contact details (name, phone, mobile, job position, address) of any internal user who is not an "
        "administrator. Login, e-mail (where the password reset goes) and signature only of users who hold "
        "no right this user lacks. Never rights, companies, password, API keys or two-factor settings.",
    )
    gdpr_officer = _right("GDPR officer", "Erase personal data, run bulk jobs, read logs, keep the DPA.")

    @api.depends("groups_id")
    def _compute_gdpr_rights(self):
        groups = {name: self.env.ref(xmlid) for name, xmlid in RIGHTS.items()}
        for user in self:
            for name, group in groups.items():
                user[name] = group in user.groups_id

    @api.model
    def _gdpr_rights_to_groups(self, vals):
        """Turn the "Personal data" checkboxes in ``vals`` into exactly those
        group changes: a box the client did not send is not touched (one
        inverse for all of them once rewrote every right from a stale read)."""
        sent = [name for name in RIGHTS if name in vals]
        if not sent:
            return vals
        if not (self.env.su or self.env.user.has_group("base.group_erp_manager")):
            raise AccessError(
                self.env._("Only administrators (Access rights) may change users' rights on personal data.")
            )
        commands = [
            Command.link(self.env.ref(RIGHTS[name]).id)
            if vals[name]
            else Command.unlink(self.env.ref(RIGHTS[name]).id)
            for name in sent
        ]
        vals = {key: value for key, value in vals.items() if key not in RIGHTS}
        vals["groups_id"] = [*vals.get("groups_id", []), *commands]
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._gdpr_rights_to_groups(vals) for vals in vals_list])

    def _gdpr_partner_rule_domain(self, operation, kind_path="gdpr_partner_kind"):
        """The record rules' domain on partners (``kind_path`` leads to the
        partner's kind): the kinds whose right for ``operation`` this user
        lacks are left out; a partner that is both needs either right; other
        partners follow Odoo's access. One rule for every internal user keeps
        it one comparison, or none for a user holding every right."""
        self.ensure_one()
        customer = self.has_group(f"specter_gdpr.group_customer_{operation}")
        supplier = self.has_group(f"specter_gdpr.group_supplier_{operation}")
        denied = [kind for kind, allowed in (("customer", customer), ("supplier", supplier)) if not allowed]
        if not (customer or supplier):
            denied.append("both")
        return [(kind_path, "not in", denied)] if denied else []

    def _gdpr_may_see_directory(self):
        return self.env.su or self.env.user.has_group("specter_gdpr.group_user_read")

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        hidden = DIRECTORY_FIELDS & set(fnames)
        if hidden and not self._gdpr_may_see_directory():
            for values in result:
                if values["id"] != self.env.uid:
                    values.update(dict.fromkeys(hidden, False))
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if domain and not self._gdpr_may_see_directory():
            domain = self._gdpr_without_login_lookup(domain)
        if domain and not self._gdpr_may_see_directory() and self._gdpr_searches_directory(domain):
            raise AccessError(
                self.env._(
                    "You are not allowed to search users by login, e-mail or phone: that needs the right "
                    "'System users: view users'."
                )
            )
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _gdpr_without_login_lookup(self, domain):
        """Odoo looks users up by exact login before their name (autocomplete,
        filters such as "Salesperson: Admin"): without the directory right that
        lookup finds nothing, and the search goes on by name."""
        return [
            expression.FALSE_LEAF
            if isinstance(term, (list, tuple)) and len(term) == 3 and tuple(term[:2]) == ("login", "=")
            else term
            for term in domain
        ]

    @api.model
    def _gdpr_searches_directory(self, domain):
        """Whether a domain tests a directory field, directly or through the
        user's partner (``partner_id.email``): a count of matches is an oracle."""
        for term in domain:
            if isinstance(term, (list, tuple)) and isinstance(term[0], str):
                path = term[0].split(".")
                if path[0] in DIRECTORY_FIELDS or (
                    path[0] == "partner_id" and len(path) > 1 and path[1] in PARTNER_CONTACT_FIELDS
                ):
                    return True
        return False

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        if not self._gdpr_may_see_directory():
            used = {spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates)}
            if used & DIRECTORY_FIELDS:
                raise AccessError(
                    self.env._(
                        "You are not allowed to group or aggregate users by login, e-mail or phone: that "
                        "needs the right 'System users: view users'."
                    )
                )
        return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)

    def write(self, vals):
        vals = self._gdpr_rights_to_groups(vals)
        others = self - self.env.user
        if not others or self.env.su or self.env.user.has_group("base.group_erp_manager"):
            return super().write(vals)
        others._gdpr_check_details_editable(vals)
        return super(ResUsers, self.sudo()).write(vals)

    def _gdpr_check_details_editable(self, vals):
        """Raise unless the current user may write ``vals`` on these users
        with *System users: edit users' details*: contact details on any
        internal user who is not an administrator; the login, e-mail and
        signature only on users who hold no right the editor lacks (whoever
        changes the e-mail of someone with more rights takes the account over
        through the password reset); nothing else. Each refusal names the
        right that is missing."""
        if not isinstance(vals, dict):
            raise UserError(self.env._("The values to write must be a dictionary of field names and values."))
        if not all(isinstance(user_id, int) for user_id in self._ids):
            raise UserError(self.env._("Users are given by their numeric ids."))
        users = self.sudo().exists()
        if len(users) != len(self):
            raise UserError(self.env._("Some of these users do not exist (any more)."))
        editor = self.env.user
        admin_right = self.env.ref("base.group_erp_manager").sudo().full_name
        if not set(vals) <= DETAIL_FIELDS:
            fields_named = ", ".join(sorted(set(vals) - DETAIL_FIELDS))
            raise AccessError(
                self.env._(
                    "Changing other users' %(fields)s needs the right '%(right)s'. 'System users: edit "
                    "users' details' changes their name, phone, mobile, job position and address, and the "
                    "login, e-mail and signature of users with no more rights than yours.",
                    fields=fields_named,
                    right=admin_right,
                )
            )
        if not editor.has_group("specter_gdpr.group_user_write"):
            raise AccessError(
                self.env._(
                    "You need the right '%(right)s' (Personal data, on your user) to change other users' "
                    "details: ask an administrator.",
                    right=self.env.ref("specter_gdpr.group_user_write").sudo().name,
                )
            )
        editor_groups = editor.groups_id
        for user in users:
            if user.share:
                raise AccessError(
                    self.env._(
                        "%(user)s is not an internal user: their details are changed by a user with the "
                        "right '%(right)s'.",
                        user=user.name,
                        right=admin_right,
                    )
                )
            if user._is_admin() or user._is_system():
                raise AccessError(
                    self.env._(
                        "You may not change the details of %(user)s: they are an administrator and hold "
                        "rights that you do not have; only a user with the right '%(right)s' may change "
                        "them.",
                        user=user.name,
                        right=admin_right,
                    )
                )
            missing = user.groups_id - editor_groups
            if ACCOUNT_FIELDS & set(vals) and missing:
                raise AccessError(
                    self.env._(
                        "You may not change the login, e-mail or signature of %(user)s: they hold rights "
                        "that you do not have (%(rights)s). Their phone, mobile, job position and address "
                        "you may change.",
                        user=user.name,
                        rights=", ".join(sorted(missing.mapped("full_name"))),
                    )
                )

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        """The user directory's form opens for editing to holders of *edit
        users' details*: Odoo makes it read-only for anyone without write
        access to users, while ``write`` decides field by field."""
        result = super().get_view(view_id, view_type, **options)
        directory = self.env.ref("specter_gdpr.res_users_directory_view_form", raise_if_not_found=False)
        if (
            directory
            and result.get("id") == directory.id
            and self.env.user.has_group("specter_gdpr.group_user_write")
        ):
            node = etree.fromstring(result["arch"])  # noqa: S320 (the arch Odoo just built)
            node.set("edit", "True")
            result["arch"] = etree.tostring(node, encoding="unicode")
        return result

    @api.model
    def _update_last_login(self):
        """Logging in after a new DPA version accepts it for the user's company."""
        result = super()._update_last_login()
        self.env["gdpr.dpa"]._accept_by_continued_use()
        return result

    def _gdpr_plan(self, plan):
        self.env.cr.execute(
            "SELECT partner_id, id FROM res_users WHERE partner_id IN %s AND NOT share",
            [plan.partner_ids],
        )
        plan.block_grouped(
            self.env.cr.fetchall(),
            lambda user_ids: self.env._(
                "Belongs to an internal user (user id %(ids)s): archive or convert the user first.",
                ids=", ".join(map(str, user_ids)),
            ),
            self.env._("Internal users"),
        )

    def _gdpr_identifiers(self, batch):
        self.env.cr.execute(
            "SELECT partner_id, login FROM res_users WHERE partner_id IN %s", [batch.partner_ids]
        )
        for partner_id, login in self.env.cr.fetchall():
            batch.add_identifiers(partner_id, [login])

    def _gdpr_erase(self, batch):
        """Portal logins: deleted with a deleted partner, else disabled and scrubbed."""
        users = self.search([("partner_id", "in", batch.partner_ids), ("share", "=", True)])
        if not users:
            return
        self.env["res.users.apikeys"].search([("user_id", "in", users.ids)])._remove()
        self._gdpr_end_sessions(users)
        to_delete = users.filtered(lambda u: u.partner_id.id in batch.delete_ids)
        to_disable = users - to_delete
        if to_disable:
            self.env.cr.execute(
                """
                UPDATE res_users
                   SET login = '__erased_user_' || id, password = NULL, signature = NULL,
                       active = false
                 WHERE id IN %s
                """,
                [tuple(to_disable.ids)],
            )
            if "totp_secret" in self._fields:
                self.env.cr.execute(
                    "UPDATE res_users SET totp_secret = NULL WHERE id IN %s", [tuple(to_disable.ids)]
                )
            batch.tally("res.users", "scrubbed", to_disable.partner_id.ids)
        batch.tally("res.users", "deleted", to_delete.partner_id.ids)
        to_delete.unlink()

    def _gdpr_end_sessions(self, users):
        """Log the users out everywhere: their devices' session files go once
        the erasure is committed, and every server drops the cached session
        tokens, so an old cookie no longer opens anything (the tokens depend on
        the login and password that the erasure changes by SQL)."""
        self.env.cr.execute(
            "DELETE FROM res_device_log WHERE user_id IN %s RETURNING session_identifier",
            [tuple(users.ids)],
        )
        identifiers = {row[0] for row in self.env.cr.fetchall() if row[0]}
        if identifiers:
            self.env.cr.postcommit.add(partial(http.root.session_store.delete_from_identifiers, identifiers))
        self.env.registry.clear_cache()

    def _gdpr_export(self, writer):
        """The portal or user login: never the password hash or keys."""
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["login", "lang", "tz", "share", "active", "create_date", "login_date"],
        )
