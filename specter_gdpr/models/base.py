# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib

from odoo import api
from odoo import models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from .res_partner import CONTACT_DETAIL_FIELDS
from .res_partner import blank_fields
from .res_partner import guard_leaves
from .res_users import DIRECTORY_FIELDS

# The e-mail addresses (lower case, also URL-encoded) and phone numbers (the
# digits of every run of one or more digit groups, 7 to 15 digits long) that a
# text holds. Erasure finds the rows of staff free text that may name a person
# by intersecting these tokens with the person's, through a GIN index. Its
# COST tells the planner to prefer that index to computing it for every row
# (once statistics of the index exist, it would otherwise scan 500,000 rows);
# PARALLEL UNSAFE keeps it from starting workers (45 ms) for a 0.2 ms lookup.
TOKENS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION specter_gdpr_tokens(body text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE COST 10000 AS $$
DECLARE
    tokens text[] := '{}';
    found text[];
    digits text[];
    token text;
BEGIN
    IF body IS NULL OR body !~ '[0-9@%]' THEN
        RETURN tokens;
    END IF;
    FOR found IN
        SELECT regexp_matches(body, '([A-Za-z0-9._+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)', 'g')
    LOOP
        tokens := tokens || lower(replace(found[1], '%40', '@'));
    END LOOP;
    FOR found IN SELECT regexp_matches(body, '([0-9]+(?:[\s./()+-]{1,3}[0-9]+)+|[0-9]{7,})', 'g')
    LOOP
        digits := regexp_split_to_array(found[1], '[^0-9]+');
        FOR i IN 1 .. cardinality(digits) LOOP
            token := '';
            FOR j IN i .. cardinality(digits) LOOP
                token := token || digits[j];
                EXIT WHEN length(token) > 15;
                IF length(token) >= 7 THEN
                    tokens := tokens || token;
                END IF;
            END LOOP;
        END LOOP;
    END LOOP;
    RETURN tokens;
END
$$
"""


# Reached through a relation, these hand out e-mail addresses (the label and
# e-mail right), a partner's personal details (the register-export right) or
# the user directory.
EMAIL_LIKE_FIELDS = {
    "email",
    "email_from",
    "email_normalized",
    "email_formatted",
    "email_cc",
    "reply_to",
    "login",
}
PARTNER_PERSONAL_FIELDS = CONTACT_DETAIL_FIELDS | {"company_registry", "comment", "bank_ids"}


class Base(models.AbstractModel):
    _inherit = "base"

    def _read_format(self, fnames, load="_classic_read"):
        """Models that keep copies of a partner's contact details declare them
        in ``_gdpr_partner_copies`` (``{partner field: [copied fields]}``):
        those copies read as empty where the partner's own would."""
        result = super()._read_format(fnames, load=load)
        copies = getattr(self, "_gdpr_partner_copies", None)
        if not copies or not self:
            return result
        for partner_field, copied in copies.items():
            hidden = set(copied) & set(fnames)
            if not hidden:
                continue
            records = self.sudo()
            restricted = records[partner_field]._gdpr_restricted()
            blank_fields(
                result, {record.id for record in records if record[partner_field] in restricted}, hidden
            )
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """A search on a copy finds only records whose copy the user may read,
        or counting leads by ``email_from`` would tell a hidden e-mail; the
        other terms (the lead's name beside it) keep finding what they found."""
        copies = getattr(self, "_gdpr_partner_copies", None)
        if copies and domain and not self.env.su:
            for partner_field, copied in copies.items():
                domain = guard_leaves(domain, copied, self._gdpr_copy_visible_domain(partner_field))
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        """Groups and aggregates of copies count only the copies the user may read."""
        if partner_fields := self._gdpr_copy_partner_fields((*groupby, *aggregates)):
            domain = expression.AND([domain or [], *map(self._gdpr_copy_visible_domain, partner_fields)])
        return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)

    @api.model
    def _gdpr_copy_partner_fields(self, paths):
        """The partner fields (of ``_gdpr_partner_copies``) whose copies the
        group-bys and aggregates ``paths`` use."""
        copies = getattr(self, "_gdpr_partner_copies", None)
        if not copies or self.env.su:
            return []
        used = {path.split(":")[0].split(".")[0] for path in paths}
        return [partner_field for partner_field, copied in copies.items() if used.intersection(copied)]

    @api.model
    def _gdpr_copy_visible_domain(self, partner_field):
        """Records whose ``partner_field`` is empty or a partner whose contact
        details the user may see (record rules apply to the subquery)."""
        partners = self.env["res.partner"]
        visible = [] if self.env["res.users"]._gdpr_may_see_directory() else partners._gdpr_no_staff_domain()
        return ["|", (partner_field, "=", False), (partner_field, "any", visible)]

    def export_data(self, fields_to_export):
        self._gdpr_check_export_paths(fields_to_export)
        return super().export_data(fields_to_export)

    @api.model
    def _gdpr_check_export_paths(self, paths, grouped=False):
        """Personal data reached through relations (``partner_id/email`` on an
        order, ``user_ids/login`` on a partner) needs the same rights as on
        the partner itself. With ``grouped``, the paths are group-bys, whose
        values an export writes as headers."""
        if self.env.su:
            return
        for path in paths:
            model = self
            for depth, name in enumerate(path.replace(".", "/").split("/")):
                field = model._fields.get(name)
                if field is None:
                    break
                if depth or grouped:
                    self._gdpr_check_exported_field(model, name)
                if not field.relational:
                    break
                model = self.env[field.comodel_name]

    @api.model
    def _gdpr_check_exported_field(self, model, name):
        if name in EMAIL_LIKE_FIELDS:
            self._gdpr_require_export_right("group_customer_print", self.env._("e-mail addresses"))
        if model._name == "res.partner" and name in PARTNER_PERSONAL_FIELDS:
            self._gdpr_require_export_right("group_customer_export", self.env._("customers' details"))
        if model._name == "res.users" and name in DIRECTORY_FIELDS | {"signature"}:
            self._gdpr_require_export_right("group_user_read", self.env._("users' contact details"))

    @api.model
    def _gdpr_require_export_right(self, group, what):
        group = f"specter_gdpr.{group}"
        if not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "You are not allowed to export %(what)s: that needs the right '%(right)s'.",
                    what=what,
                    right=self.env.ref(group).name,
                )
            )

    def _auto_init(self):
        # not init(): many models override it without calling super()
        result = super()._auto_init()
        if getattr(self, "_gdpr_staff_text", None) and self._auto:
            self._gdpr_index_tokens()
        return result

    def _gdpr_staff_text_columns(self):
        """The stored columns of ``_gdpr_staff_text`` in this database."""
        return [
            name
            for name in self._gdpr_staff_text
            if name in self._fields and self._fields[name].store and not self._fields[name].inherited
        ]

    def _gdpr_tokens_expression(self):
        """SQL of the tokens of this table's staff free text: the expression of
        its token index, which the erasure's search repeats word for word."""
        columns = [
            f"coalesce(\"{name}\"::text, '')" if self._fields[name].translate else f"coalesce(\"{name}\", '')"
            for name in self._gdpr_staff_text_columns()
        ]
        return "specter_gdpr_tokens(" + " || ' ' || ".join(columns) + ")" if columns else None

    def _gdpr_index_tokens(self):
        expression = self._gdpr_tokens_expression()
        if not expression:
            return
        self.env.cr.execute(TOKENS_FUNCTION)
        digest = hashlib.sha256(expression.encode()).hexdigest()[:8]
        index = SQL.identifier(f"{self._table}_gdpr_tokens_{digest}")
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s USING gin ((%s))",
                index,
                SQL.identifier(self._table),
                SQL(expression),
            )
        )
        # no pending list: each erasure batch looks hundreds of tokens up, and
        # every lookup would scan the list of rows not merged yet (230 ms -> 2 ms)
        self.env.cr.execute(SQL("ALTER INDEX %s SET (fastupdate = off)", index))
