# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import models

CONTACT_COLUMNS = (
    "email_from",
    "email_normalized",
    "email_cc",
    "phone",
    "mobile",
    "phone_sanitized",
    "contact_name",
    "partner_name",
    "function",
    "street",
    "street2",
    "zip",
    "city",
    "website",
    "email_domain_criterion",
)


class CrmLead(models.Model):
    _inherit = "crm.lead"
    _gdpr_sequence = 110
    _gdpr_staff_text = ("name", "description", "email_cc")
    _gdpr_partner_copies = {
        "partner_id": [
            "email_from",
            "email_normalized",
            "phone",
            "mobile",
            "phone_sanitized",
            "street",
            "street2",
            "zip",
            "city",
            "website",
        ]
    }

    # -- rights: no copies of partners the user may not read ---------------
    def _gdpr_may_copy_partner(self, fnames):
        """The leads whose partner's details the user may see. Computes run as
        superuser, so ``onchange`` or ``create`` would hand out the e-mail,
        phones and address of any customer: the other leads get nothing."""
        restricted_partners = self.partner_id._gdpr_restricted()
        restricted = self.filtered(lambda lead: lead.partner_id in restricted_partners)
        for lead in restricted:
            lead.update(dict.fromkeys(fnames, False))
        return self - restricted

    def _compute_email_from(self):
        return super(CrmLead, self._gdpr_may_copy_partner(["email_from"]))._compute_email_from()

    def _compute_phone(self):
        return super(CrmLead, self._gdpr_may_copy_partner(["phone"]))._compute_phone()

    def _compute_mobile(self):
        return super(CrmLead, self._gdpr_may_copy_partner(["mobile"]))._compute_mobile()

    def _compute_website(self):
        return super(CrmLead, self._gdpr_may_copy_partner(["website"]))._compute_website()

    def _compute_function(self):
        return super(CrmLead, self._gdpr_may_copy_partner(["function"]))._compute_function()

    def _compute_partner_address_values(self):
        address = ["street", "street2", "city", "zip", "state_id", "country_id"]
        return super(CrmLead, self._gdpr_may_copy_partner(address))._compute_partner_address_values()

    @api.model_create_multi
    def create(self, vals_list):
        """A partner with a lead or opportunity is a customer (and so protected
        by the customer rights), not an "other" partner anyone may read."""
        leads = super().create(vals_list)
        self.env["gdpr.restriction"]._check(leads.partner_id.ids, self.env._("a new lead or opportunity"))
        leads.partner_id.commercial_partner_id._increase_rank("customer_rank")
        return leads

    def write(self, vals):
        result = super().write(vals)
        if vals.get("partner_id"):
            self.env["gdpr.restriction"]._check([vals["partner_id"]], self.env._("a lead or opportunity"))
        return result

    def _gdpr_erase(self, batch):
        """Leads of deleted partners go; those of anonymised ones lose their contact."""
        self.env.cr.execute(
            """
            SELECT id, COALESCE(partner_id, 0) FROM crm_lead
             WHERE partner_id IN %(ids)s
                OR (partner_id IS NULL AND email_normalized = ANY(%(emails)s))
            """,
            {"ids": batch.partner_ids, "emails": batch.emails},
        )
        rows = self.env.cr.fetchall()
        doomed = [lead for lead, partner in rows if partner not in batch.anonymise_ids]
        kept = {lead: partner for lead, partner in rows if partner in batch.anonymise_ids}
        if doomed:
            batch.tally("crm.lead", "deleted", [p for lead, p in rows if lead in doomed])
            self.browse(doomed).unlink()
        if kept:
            self._gdpr_scrub(batch, kept)

    def _gdpr_scrub(self, batch, partner_by_lead):
        batch.link("crm.lead", partner_by_lead.items())
        assignments = ", ".join(f"{col} = NULL" for col in CONTACT_COLUMNS)
        self.env.cr.execute(
            f"UPDATE crm_lead SET {assignments} WHERE id IN %s",
            [tuple(partner_by_lead)],
        )
        batch.redact("crm_lead", ["name", "description"], partner_by_lead)
        batch.tally("crm.lead", "scrubbed", list(partner_by_lead.values()))

    def _gdpr_export(self, writer):
        writer.add(
            self,
            ["|", ("partner_id", "in", writer.partner_ids), ("email_normalized", "in", writer.batch.emails)],
            [
                "name",
                "type",
                "stage_id",
                "contact_name",
                "partner_name",
                "email_from",
                "phone",
                "mobile",
                "function",
                "street",
                "street2",
                "zip",
                "city",
                "country_id",
                "website",
                "description",
                "create_date",
                "date_closed",
                "lost_reason_id",
                "user_id",
            ],
        )
