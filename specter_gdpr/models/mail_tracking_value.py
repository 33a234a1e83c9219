# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"
    _gdpr_sequence = 410
    _gdpr_staff_text = ("old_value_char", "new_value_char", "old_value_text", "new_value_text")

    def _gdpr_identifiers(self, batch):
        """Former values of the partners' own fields (an old e-mail, phone,
        street or name) are identifiers too: they live on in other records."""
        self.env.cr.execute(
            """
            WITH msg AS MATERIALIZED (
                SELECT id, res_id FROM mail_message WHERE model = 'res.partner' AND res_id IN %s
            )
            SELECT msg.res_id, f.name, tv.old_value_char, tv.new_value_char
              FROM msg
              JOIN mail_tracking_value tv ON tv.mail_message_id = msg.id
              JOIN ir_model_fields f ON f.id = tv.field_id
             WHERE f.ttype = 'char'
            """,
            [batch.partner_ids],
        )
        for partner_id, field_name, *values in self.env.cr.fetchall():
            batch.add_identifiers(partner_id, values)
            if field_name in ("phone", "mobile"):
                batch.add_phone_numbers(partner_id, values)

    def _gdpr_erase(self, batch):
        """Tracked changes keep display names: blank those that point to the partners,
        redact identifiers from those on kept records."""
        self.env.cr.execute(
            """
            UPDATE mail_tracking_value tv
               SET old_value_char = CASE WHEN old_value_integer IN %(ids)s THEN NULL ELSE old_value_char END,
                   new_value_char = CASE WHEN new_value_integer IN %(ids)s THEN NULL ELSE new_value_char END
              FROM ir_model_fields f
             WHERE f.id = tv.field_id AND f.ttype = 'many2one' AND f.relation = 'res.partner'
               AND (old_value_integer IN %(ids)s OR new_value_integer IN %(ids)s)
         RETURNING CASE WHEN old_value_integer IN %(ids)s THEN old_value_integer ELSE new_value_integer END
            """,
            {"ids": batch.partner_ids},
        )
        batch.tally("mail.tracking.value", "scrubbed", [row[0] for row in self.env.cr.fetchall()])
        for model, partner_by_record in batch.linked.items():
            self.env.cr.execute(
                "SELECT id, res_id FROM mail_message WHERE model = %s AND res_id IN %s",
                [model, tuple(partner_by_record)],
            )
            partner_by_message = {msg: partner_by_record[rec] for msg, rec in self.env.cr.fetchall()}
            message_ids = batch.redact(
                "mail_tracking_value",
                ["old_value_char", "new_value_char", "old_value_text", "new_value_text"],
                partner_by_message,
                key="mail_message_id",
            )
            batch.tally("mail.tracking.value", "scrubbed", [partner_by_message[m] for m in message_ids])

    def _gdpr_export(self, writer):
        """Former values of the person's own details (an old e-mail address)."""
        writer.add(
            self,
            [
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "in", writer.partner_ids),
            ],
            [
                "field_id",
                "old_value_char",
                "new_value_char",
                "old_value_text",
                "new_value_text",
                "create_date",
            ],
        )
