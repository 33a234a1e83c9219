# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models

# copies of the customer's contact details on its tasks
CONTACT_COPIES = ("email_from", "partner_name", "partner_phone", "partner_company_name")


class ProjectTask(models.Model):
    """Tasks for the customer, or created from the person's e-mail, stay (the
    company's work) without the person: their contact copies go, their name,
    description and cc lose the person's identifiers, and the description's
    revision history goes where it reveals the person."""

    _inherit = "project.task"
    _gdpr_sequence = 172

    partner_id = fields.Many2one(index="btree_not_null")  # each erasure batch looks them up
    _gdpr_staff_text = ("description", "email_cc")

    def _gdpr_tasks(self, batch):
        """``{task id: partner id}`` of the tasks of the partners or from their e-mail."""
        owners = dict(batch.email_owners)
        self.env.cr.execute(
            """
            SELECT id, partner_id, lower(email_from) FROM project_task
             WHERE partner_id IN %s OR lower(email_from) = ANY(%s)
            """,
            [batch.partner_ids, list(owners) or [""]],
        )
        partners = batch.delete_ids | batch.anonymise_ids
        return {
            task: partner if partner in partners else owners[email]
            for task, partner, email in self.env.cr.fetchall()
        }

    def _gdpr_columns(self, names):
        return [name for name in names if name in self._fields and self._fields[name].store]

    def _gdpr_erase(self, batch):
        partner_by_task = self._gdpr_tasks(batch)
        if not partner_by_task:
            return
        batch.link("project.task", partner_by_task.items())
        copies = self._gdpr_columns(CONTACT_COPIES)
        if copies:
            self.env.cr.execute(
                f"UPDATE project_task SET {', '.join(f'{c} = NULL' for c in copies)} WHERE id IN %s",
                [tuple(partner_by_task)],
            )
        scrubbed = batch.redact("project_task", ["name", "description", "email_cc"], partner_by_task)
        batch.tally("project.task", "scrubbed", [partner_by_task[t] for t in scrubbed])
        self._gdpr_drop_revealing_history(batch, partner_by_task)

    def _gdpr_drop_revealing_history(self, batch, partner_by_task):
        """``html_field_history`` keeps every former description (JSON): it
        goes on the tasks where it names the person."""
        self.env.cr.execute(
            """
            SELECT id, html_field_history::text FROM project_task
             WHERE id IN %s AND html_field_history IS NOT NULL
            """,
            [tuple(partner_by_task)],
        )
        revealing = [
            task for task, text in self.env.cr.fetchall() if batch.reveals(partner_by_task[task], text)
        ]
        if revealing:
            self.env.cr.execute(
                "UPDATE project_task SET html_field_history = NULL WHERE id IN %s", [tuple(revealing)]
            )

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["name", "project_id", "stage_id", "description", "email_cc", "date_deadline", "create_date"],
        )
