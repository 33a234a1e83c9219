# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
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
