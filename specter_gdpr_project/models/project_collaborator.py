# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models


class ProjectCollaborator(models.Model):
    """A customer's access to a shared project (a RESTRICT foreign key): it
    ends with the erasure."""

    _inherit = "project.collaborator"
    _gdpr_sequence = 170

    partner_id = fields.Many2one(index=True)  # each erasure batch looks them up

    def _gdpr_erase(self, batch):
        batch.delete_rows("project.collaborator", "project_collaborator")

    def _gdpr_export(self, writer):
        writer.add(self, [("partner_id", "in", writer.partner_ids)], ["project_id", "create_date"])
