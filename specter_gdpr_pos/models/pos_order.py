# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

PAID_STATES = ("paid", "done", "invoiced")


class PosOrder(models.Model):
    """Till orders copy the customer's e-mail and mobile. An order still in
    progress refuses the erasure; paid orders are bookkeeping and stay,
    pointing to the anonymised customer, without the copies, notes and
    chatter about the person."""

    _inherit = "pos.order"
    _gdpr_sequence = 103
    _gdpr_covers = ("pos.order.line", "pos.payment")
    _gdpr_staff_text = ("general_note",)

    def _gdpr_orders(self, partner_ids):
        """Rows (order id, partner id, state, name)."""
        self.env.cr.execute(
            "SELECT id, partner_id, state, name FROM pos_order WHERE partner_id IN %s", [partner_ids]
        )
        return self.env.cr.fetchall()

    def _gdpr_plan(self, plan):
        rows = self._gdpr_orders(plan.partner_ids)
        plan.keep(
            [partner for _id, partner, state, _name in rows if state in PAID_STATES],
            self.env._("Point of Sale orders are kept, anonymous, for the bookkeeping."),
        )
        open_rows = [(partner, name) for _id, partner, state, name in rows if state == "draft"]
        plan.block_grouped(
            open_rows,
            lambda names: self.env._(
                "%(count)s orders still open in Point of Sale: %(names)s",
                count=len(names),
                names=", ".join(names),
            ),
            self.env._("Open Point of Sale orders"),
        )

    def _gdpr_erase(self, batch):
        partner_by_order = {row[0]: row[1] for row in self._gdpr_orders(batch.partner_ids)}
        if not partner_by_order:
            return
        batch.link("pos.order", partner_by_order.items())
        self.env.cr.execute(
            "UPDATE pos_order SET email = NULL, mobile = NULL WHERE id IN %s", [tuple(partner_by_order)]
        )
        batch.redact("pos_order", ["general_note", "floating_order_name"], partner_by_order)
        batch.redact("pos_order_line", ["customer_note", "note"], partner_by_order, key="order_id")
        batch.tally("pos.order", "scrubbed", list(partner_by_order.values()))

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["name", "date_order", "state", "amount_total", "currency_id", "general_note"],
        )
        writer.add(
            self.env["pos.order.line"],
            [("order_id", "in", list(writer.exported["pos.order"]))],
            ["order_id", "full_product_name", "qty", "price_unit", "price_subtotal_incl"],
        )
