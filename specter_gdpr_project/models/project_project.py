# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class ProjectProject(models.Model):
    """Projects for the customer stay (the company's work), without the
    person's identifiers in their name, description, chatter and files."""

    _inherit = "project.project"
    _gdpr_sequence = 171

    partner_id = fields.Many2one(index="btree_not_null")  # each erasure batch looks them up

    def _gdpr_erase(self, batch):
        self.env.cr.execute(
            "SELECT id, partner_id FROM project_project WHERE partner_id IN %s", [batch.partner_ids]
        )
        partner_by_project = dict(self.env.cr.fetchall())
        if not partner_by_project:
            return
        batch.link("project.project", partner_by_project.items())
        roots = {project: (batch.root_of(partner),) for project, partner in partner_by_project.items()}
        # the name is translated (JSON): the engine redacts its text form
        scrubbed = batch._redact_with("project_project", ["name", "description"], roots, False, model=self)
        batch.tally("project.project", "scrubbed", [partner_by_project[p] for p in scrubbed])

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["name", "description", "date_start", "date", "user_id"],
        )
