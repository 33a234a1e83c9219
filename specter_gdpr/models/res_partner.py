# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models

# Columns of res_partner that are not personal data and survive anonymisation,
# besides relational, numeric and selection ones (kept for analytics).
KEPT_TEXT_FIELDS = {"lang", "tz", "name", "complete_name"}
# Relational and geographic fields that locate the person more precisely than
# the country does.
CLEARED_FIELDS = {"state_id", "title", "partner_latitude", "partner_longitude"}
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


class ResPartner(models.Model):
    _inherit = "res.partner"
    _gdpr_sequence = 1000  # the partner itself goes last

    gdpr_erasure_date = fields.Datetime(
        string="Personal data erased on", readonly=True, copy=False, index="btree_not_null"
    )

    # -- public API -------------------------------------------------------
    def gdpr_erasure_plan(self):
        """Tell, for each partner, whether erasing it deletes, anonymises or is refused.

        Read-only. Returns ``{partner_id: {"action": "delete" | "anonymise" |
        "blocked", "reasons": [str, ...]}}``.
        """
        return self.env["gdpr.erasure"]._plan(self.with_context(active_test=False)).as_dict()

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
    def action_gdpr_erase_selection(self):
        """The erasure dialog for what the user selected in a list or form.

        "Select all" sends at most ``web.active_ids_limit`` ids, plus the
        active domain: when the ids reach that limit, the domain is the truth.
        """
        context = self.env.context
        limit = int(self.env["ir.config_parameter"].sudo().get_param("web.active_ids_limit", "20000"))
        active_ids = context.get("active_ids") or []
        if context.get("active_domain") is not None and len(active_ids) >= limit:
            partners = self.search(context["active_domain"])
        else:
            partners = self.browse(active_ids)
        return partners.action_gdpr_erase_wizard()

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

    def _gdpr_identifiers(self, batch):
        columns = ", ".join(IDENTIFIER_COLUMNS)
        self.env.cr.execute(
            f"SELECT id, {columns} FROM res_partner WHERE id IN %s",
            [batch.partner_ids],
        )
        for partner_id, *values in self.env.cr.fetchall():
            batch.add_identifiers(partner_id, values)

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
