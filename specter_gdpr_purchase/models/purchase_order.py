# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo import models

RFQ_STATES = ("draft", "sent", "to approve")
ORDER_STATES = ("purchase", "done")


class PurchaseOrder(models.Model):
    """Purchase orders point to the supplier with a RESTRICT foreign key.
    Requests for quotation and orders not yet fully billed are open work and
    refuse the erasure; billed orders are bookkeeping and stay, pointing to
    the anonymised supplier, like sales orders; cancelled requests of a
    supplier that is deleted go."""

    _inherit = "purchase.order"
    _gdpr_sequence = 101
    _gdpr_covers = ("purchase.order.line",)
    _gdpr_staff_text = ("notes", "partner_ref")

    # each erasure batch looks orders up by partner
    partner_id = fields.Many2one(index=True)
    dest_address_id = fields.Many2one(index="btree_not_null")

    def _gdpr_orders(self, partner_ids):
        """Rows (order id, partner id, state, name, invoice status, dropship address)."""
        self.env.cr.execute(
            """
            SELECT id, CASE WHEN partner_id IN %(ids)s THEN partner_id ELSE dest_address_id END,
                   state, name, invoice_status, dest_address_id IN %(ids)s
              FROM purchase_order
             WHERE partner_id IN %(ids)s OR dest_address_id IN %(ids)s
            """,
            {"ids": partner_ids},
        )
        return self.env.cr.fetchall()

    @staticmethod
    def _gdpr_is_open(state, invoice_status):
        return state in RFQ_STATES or (state in ORDER_STATES and invoice_status != "invoiced")

    def _gdpr_plan(self, plan):
        rows = self._gdpr_orders(plan.partner_ids)
        plan.keep(
            [
                partner
                for _id, partner, state, _name, _inv, drop in rows
                if state in ORDER_STATES and not drop
            ],
            self.env._("Billed purchase orders are kept, anonymous, for the bookkeeping."),
        )
        open_rows = [(p, name) for _id, p, state, name, inv, _drop in rows if self._gdpr_is_open(state, inv)]
        plan.block_grouped(
            open_rows,
            lambda names: self.env._(
                "%(count)s purchase orders still open in Purchase (to confirm, receive or bill): "
                "%(names)s",
                count=len(names),
                names=", ".join(names),
            ),
            self.env._("Open purchase orders"),
        )

    def _gdpr_erase(self, batch):
        rows = self._gdpr_orders(batch.partner_ids)
        self._gdpr_drop_dropship_addresses(batch, [row[0] for row in rows if row[5]])
        orders = {row[0]: row[1] for row in rows if not row[5]}
        doomed = [
            order
            for order, partner, state, *_rest in rows
            if state == "cancel" and partner in batch.delete_ids
        ]
        if doomed:
            batch.tally("purchase.order", "deleted", [orders[o] for o in doomed])
            self.browse(doomed).unlink()
        kept = {order: partner for order, partner in orders.items() if order not in doomed}
        if kept:
            batch.link("purchase.order", kept.items())
            self.env.cr.execute("UPDATE purchase_order SET access_token = NULL WHERE id IN %s", [tuple(kept)])
            scrubbed = batch.redact("purchase_order", ["notes", "partner_ref", "origin"], kept)
            batch.tally("purchase.order", "scrubbed", [kept[o] for o in scrubbed])

    def _gdpr_drop_dropship_addresses(self, batch, order_ids):
        """An order shipped to the person directly forgets the address."""
        if order_ids:
            self.env.cr.execute(
                "UPDATE purchase_order SET dest_address_id = NULL WHERE id IN %s", [tuple(order_ids)]
            )

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["name", "state", "date_order", "partner_ref", "notes", "amount_total", "currency_id", "user_id"],
        )
        writer.add(
            self.env["purchase.order.line"],
            [("order_id", "in", list(writer.exported["purchase.order"])), ("display_type", "=", False)],
            ["order_id", "name", "product_qty", "price_unit", "price_subtotal"],
        )
