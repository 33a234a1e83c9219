# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api
from odoo import models
from odoo import tools

# PostgreSQL's confdeltype of a foreign key: which ones keep a partner from being deleted
BLOCKING = ("r", "a")  # RESTRICT, NO ACTION
CONTACT_FIELD_WORDS = ("email", "phone", "mobile")


class GdprErasureReference(models.AbstractModel):
    """The safety net: every other place of this database that points to a
    partner, or holds its e-mail address or phone number, found at plan time
    from PostgreSQL's own foreign keys, whatever app made it.

    A reference that keeps the partner from being deleted refuses the erasure
    with a reason that names the app and the records; other references are
    listed in the plan and the log ("also referenced by ..., not erased
    there"); staff chatter, activities and files on the referencing records are
    redacted like those on orders.
    """

    _name = "gdpr.erasure.reference"
    _description = "GDPR erasure: references no hook handles"
    _gdpr_sequence = 50  # before the chatter hooks, which redact what it links

    @api.model
    def _unhandled_foreign_keys(self):
        """``[(table, column, confdeltype, model or None)]``: foreign keys to
        res_partner in tables that no hook handles (transient tables and
        many2many tables that cascade are left out)."""
        return [
            (table, column, deltype, self.env[name] if name else None)
            for table, column, deltype, name in self._unhandled_foreign_key_names()
        ]

    @api.model
    @tools.ormcache()
    def _unhandled_foreign_key_names(self):
        engine = self.env["gdpr.erasure"]
        models_by_table = {}
        for name in self.env.registry:
            model = self.env[name]
            if model._auto and not model._abstract:
                models_by_table.setdefault(model._table, model)
        self.env.cr.execute(
            """
            SELECT c.conrelid::regclass::text, a.attname, c.confdeltype
              FROM pg_constraint c
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND c.confrelid = 'res_partner'::regclass
            """
        )
        keys = []
        for table, column, deltype in self.env.cr.fetchall():
            table = table.strip('"')
            model = models_by_table.get(table)
            if model is None and deltype not in BLOCKING:
                continue  # a many2many table: its rows go with the partner
            if model is not None and (
                model._transient or model._name == "res.partner" or engine._handles(model)
            ):
                continue
            keys.append((table, column, deltype, model._name if model is not None else None))
        return tuple(keys)

    @api.model
    def _references(self, partner_ids, keys):
        """``{(table, column): {partner id: [record id]}}`` of the partners."""
        if not keys:
            return {}
        selects = [
            f"""SELECT '{table}', '{column}', "{column}", {'id' if model is not None else 'NULL::int'}
                  FROM "{table}" WHERE "{column}" IN %(ids)s"""
            for table, column, _deltype, model in keys
        ]
        self.env.cr.execute(" UNION ALL ".join(selects), {"ids": tuple(partner_ids) or (0,)})
        found = defaultdict(lambda: defaultdict(list))
        for table, column, partner_id, record_id in self.env.cr.fetchall():
            found[(table, column)][partner_id].append(record_id)
        return found

    @api.model
    def _describe(self, model, table, count):
        """ "3 Purchase Order records in Purchase" (or the table's name)."""
        if model is None:
            return self.env._("%(count)s rows of the table %(table)s", count=count, table=table)
        app = self.env["ir.module.module"]._get(model._original_module).shortdesc or model._original_module
        return self.env._(
            "%(count)s %(model)s records in %(app)s", count=count, model=model._description, app=app
        )

    def _gdpr_plan(self, plan):
        keys = self._unhandled_foreign_keys()
        found = self._references(plan.partner_ids, keys)
        for table, column, deltype, model in keys:
            by_partner = found.get((table, column), {})
            for partner_id, record_ids in by_partner.items():
                what = self._describe(model, table, len(record_ids))
                if deltype in BLOCKING:
                    plan.block(
                        plan.scope[partner_id],
                        self.env._("Referenced by %(what)s, which this erasure cannot handle.", what=what),
                        self.env._("Referenced by another app"),
                    )
                else:
                    plan.note(
                        [partner_id], self.env._("Also referenced by %(what)s, not erased there.", what=what)
                    )
        self._plan_contact_copies(plan)

    @api.model
    @tools.ormcache()
    def _contact_copy_places(self):
        """``((model, column), ...)``: e-mail and phone fields of the models no
        hook handles, whether or not they also point to partners."""
        engine = self.env["gdpr.erasure"]
        return tuple(
            (name, column)
            for name in self.env.registry
            for model in [self.env[name]]
            if model._auto
            and not model._abstract
            and not model._transient
            and name != "res.partner"
            and not name.startswith("ir.")
            and not engine._handles(model)
            for column, field in model._fields.items()
            if field.type == "char"
            and field.store
            and field.column_type
            and not field.inherited
            and any(word in column for word in CONTACT_FIELD_WORDS)
        )

    def _plan_contact_copies(self, plan):
        """Records of apps no hook handles that hold a partner's e-mail address
        or phone number in a field of their own, with or without a link."""
        self.env.cr.execute(
            "SELECT id, lower(email_normalized), phone_sanitized FROM res_partner WHERE id IN %s",
            [plan.partner_ids],
        )
        partner_by_value = {}
        for partner_id, email, phone in self.env.cr.fetchall():
            partner_by_value.update({value: partner_id for value in (email, phone) if value})
        if not partner_by_value:
            return
        places = [(self.env[name], column) for name, column in self._contact_copy_places()]
        if not places:
            return
        self.env.cr.execute(
            " UNION ALL ".join(
                f"""SELECT '{model._name}', lower("{column}"), count(*) FROM "{model._table}"
                     WHERE lower("{column}") = ANY(%(values)s) GROUP BY 2"""
                for model, column in places
            ),
            {"values": list(partner_by_value)},
        )
        for model_name, value, count in self.env.cr.fetchall():
            what = self._describe(self.env[model_name], None, count)
            plan.note(
                [partner_by_value[value]],
                self.env._("%(what)s hold its e-mail address or phone number, not erased there.", what=what),
            )

    def _gdpr_erase(self, batch):
        """Link the records that point to the partners, so that their staff
        chatter, activities and files are redacted like those on orders."""
        keys = [key for key in self._unhandled_foreign_keys() if key[3] is not None]
        for (table, column), by_partner in self._references(batch.partner_ids, keys).items():
            model = next(key[3] for key in keys if key[:2] == (table, column))
            batch.link(model._name, [(rid, pid) for pid, rids in by_partner.items() for rid in rids])

    def _gdpr_export(self, writer):
        """Records of apps no hook knows that point to the person: their
        stored fields, as the safety net finds them for the erasure."""
        for _table, column, _deltype, model in self._unhandled_foreign_keys():
            if model is not None:
                writer.add(model, [(column, "in", writer.partner_ids)])
