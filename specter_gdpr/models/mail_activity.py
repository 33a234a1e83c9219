# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"
    _gdpr_sequence = 300
    _gdpr_staff_text = ("summary", "note", "res_name")

    def _gdpr_erase(self, batch):
        """Activities on the partners go; those on kept records are redacted."""
        self.env.cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'res.partner' AND res_id IN %s RETURNING res_id",
            [batch.partner_ids],
        )
        batch.tally("mail.activity", "deleted", [row[0] for row in self.env.cr.fetchall()])
        for model, partner_by_record in batch.linked.items():
            res_ids = batch.redact(
                "mail_activity",
                ["summary", "note", "res_name"],
                partner_by_record,
                key="res_id",
                where="t.res_model = %(model)s",
                params={"model": model},
            )
            batch.tally("mail.activity", "scrubbed", [partner_by_record[r] for r in res_ids])

    def _gdpr_export(self, writer):
        """Planned activities about the person or their records (staff
        planning: in the person's own copy only after review)."""
        if writer.own_only:
            return
        writer.add(
            self,
            writer.on_exported(),
            ["res_name", "activity_type_id", "summary", "note", "date_deadline", "user_id"],
        )
