# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"
    _gdpr_sequence = 800

    def _gdpr_identifiers(self, batch):
        self.env.cr.execute(
            """
            SELECT partner_id, acc_number, sanitized_acc_number, acc_holder_name
              FROM res_partner_bank WHERE partner_id IN %s
            """,
            [batch.partner_ids],
        )
        for partner_id, *values in self.env.cr.fetchall():
            batch.add_identifiers(partner_id, values)

    def _gdpr_erase(self, batch):
        """Delete bank accounts; mask those that accounting documents point to."""
        self.env.cr.execute(
            """
            SELECT bank.id, bank.partner_id,
                   EXISTS (SELECT 1 FROM account_move m WHERE m.partner_bank_id = bank.id)
                   OR EXISTS (SELECT 1 FROM account_payment p WHERE p.partner_bank_id = bank.id)
              FROM res_partner_bank bank
             WHERE bank.partner_id IN %s
            """,
            [batch.partner_ids],
        )
        rows = self.env.cr.fetchall()
        referenced = [(bank_id, partner_id) for bank_id, partner_id, used in rows if used]
        unused = [(bank_id, partner_id) for bank_id, partner_id, used in rows if not used]
        if referenced:
            # other text columns come with localisations (aba_routing with l10n_us):
            # clear those this database has
            cleared = [
                name
                for name, field in self._fields.items()
                if field.store
                and field.type in ("char", "text")
                and not field.required
                and name not in ("acc_number", "sanitized_acc_number")
            ]
            assignments = "".join(f', "{name}" = NULL' for name in cleared)
            self.env.cr.execute(
                f"""
                UPDATE res_partner_bank
                   SET acc_number = 'ERASED-' || id, sanitized_acc_number = 'ERASED' || id,
                       active = false, allow_out_payment = false{assignments}
                 WHERE id IN %s
                """,
                [tuple(bank_id for bank_id, _partner in referenced)],
            )
            batch.tally("res.partner.bank", "scrubbed", [p for _b, p in referenced])
        if unused:
            # SQL: the ORM would only archive them, and say so in the chatter
            self.env.cr.execute(
                "DELETE FROM res_partner_bank WHERE id IN %s", [tuple(bank_id for bank_id, _p in unused)]
            )
            batch.tally("res.partner.bank", "deleted", [p for _b, p in unused])

    def _gdpr_export(self, writer):
        """Bank accounts, numbers in full: they are the person's own data."""
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["acc_number", "acc_holder_name", "bank_id", "currency_id", "create_date"],
        )
