# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"
    _gdpr_sequence = 950

    def _gdpr_erase(self, batch):
        """Files on the partners (images, documents) go, from the filestore too."""
        attachments = self._gdpr_search_on("res.partner", batch.partner_ids)
        batch.tally("ir.attachment", "deleted", attachments.mapped("res_id"))
        attachments.unlink()

    def _gdpr_search_on(self, model, record_ids):
        """All attachments of the records, binary field values (images) included."""
        return self.search(
            [
                ("res_model", "=", model),
                ("res_id", "in", list(record_ids)),
                "|",
                ("res_field", "=", False),
                ("res_field", "!=", False),
            ]
        )

    def _gdpr_unlink_on(self, model, record_ids, batch, partner_by_record):
        """Delete every attachment of record_ids of model (not retained)."""
        attachments = self._gdpr_search_on(model, record_ids)
        batch.tally("ir.attachment", "deleted", [partner_by_record[a] for a in attachments.mapped("res_id")])
        attachments.unlink()
