# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models

QUOTATION_STATES = ("draft", "sent", "cancel")


PURCHASE_FIELDS = {"state", "date_order", "partner_id"}
ORDER_PARTNER_FIELDS = {"partner_id", "partner_invoice_id", "partner_shipping_id"}


class SaleOrder(models.Model):
    _inherit = "sale.order"
    _gdpr_sequence = 100
    _gdpr_covers = ("sale.order.line",)
    _gdpr_staff_text = ("note", "client_order_ref")

    # PostgreSQL looks orders up by lead for every lead deleted (see account_move.py)
    opportunity_id = fields.Many2one(index="btree_not_null")
    gdpr_partner_restriction_banner = fields.Char(
        related="partner_id.gdpr_restriction_banner", string="Restriction of processing"
    )

    # -- last purchase date of the customers -----------------------------
    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._gdpr_check_restriction(self.env._("a new quotation or order"))
        # a partner with an order, even a quotation, is a customer (and so
        # protected by the customer rights), not an "other" partner
        orders.partner_id.commercial_partner_id._increase_rank("customer_rank")
        confirmed = orders.filtered(lambda order: order.state == "sale")
        self.env["res.partner"]._refresh_last_purchase_date(confirmed.partner_id.commercial_partner_id)
        return orders

    def write(self, vals):
        purchase = bool(PURCHASE_FIELDS & vals.keys())
        customers = self.partner_id.commercial_partner_id if purchase else None
        result = super().write(vals)
        if purchase:
            customers |= self.partner_id.commercial_partner_id
            self.env["res.partner"]._refresh_last_purchase_date(customers)
        if ORDER_PARTNER_FIELDS & vals.keys():
            self._gdpr_check_restriction(self.env._("a quotation or order"))
        return result

    # -- restriction of processing (Art. 18) ------------------------------
    def _gdpr_check_restriction(self, what):
        partners = self.partner_id | self.partner_invoice_id | self.partner_shipping_id
        self.env["gdpr.restriction"]._check(partners.ids, what)

    def action_confirm(self):
        """Confirming a quotation is a new contract: refused under restriction.
        Orders confirmed before it keep their course (see README)."""
        self._gdpr_check_restriction(self.env._("confirming an order"))
        return super().action_confirm()

    # -- erasure registry hooks -------------------------------------------

    def _gdpr_orders(self, partner_ids):
        """Rows (order id, partner id, state, name) of orders on partner_ids."""
        self.env.cr.execute(
            """
            SELECT id,
                   CASE WHEN partner_id IN %(ids)s THEN partner_id
                        WHEN partner_invoice_id IN %(ids)s THEN partner_invoice_id
                        ELSE partner_shipping_id END,
                   state, name, invoice_status
              FROM sale_order
             WHERE partner_id IN %(ids)s OR partner_invoice_id IN %(ids)s
                OR partner_shipping_id IN %(ids)s
            """,
            {"ids": partner_ids},
        )
        return self.env.cr.fetchall()

    def _gdpr_plan(self, plan):
        rows = self._gdpr_orders(plan.partner_ids)
        plan.keep(
            [partner for _id, partner, state, _name, _inv in rows if state not in QUOTATION_STATES],
            self.env._("Confirmed sales orders are kept, anonymous, for analytics."),
        )
        to_invoice = [
            (p, name) for _id, p, state, name, inv in rows if state == "sale" and inv == "to invoice"
        ]
        plan.block_grouped(
            to_invoice,
            lambda names: self.env._(
                "%(count)s confirmed orders still to be invoiced: %(names)s",
                count=len(names),
                names=", ".join(names),
            ),
            self.env._("Orders still to be invoiced"),
        )

    def _gdpr_erase(self, batch):
        """Quotations of deleted partners go; every other order stays, scrubbed."""
        rows = self._gdpr_orders(batch.partner_ids)
        partner_by_order = {order_id: partner_id for order_id, partner_id, *_rest in rows}
        self._gdpr_repoint_deleted(batch, tuple(partner_by_order) or (0,))
        self.env.cr.execute(
            """
            SELECT id FROM sale_order
             WHERE id IN %s AND state IN %s
               AND partner_id NOT IN %s AND partner_invoice_id NOT IN %s
               AND partner_shipping_id NOT IN %s
            """,
            [tuple(partner_by_order) or (0,), QUOTATION_STATES] + [batch.anonymised] * 3,
        )
        doomed = [row[0] for row in self.env.cr.fetchall()]
        if doomed:
            self.env.cr.execute("UPDATE sale_order SET state = 'cancel' WHERE id IN %s", [tuple(doomed)])
            self.env.invalidate_all()
            batch.tally("sale.order", "deleted", [partner_by_order[o] for o in doomed])
            self.browse(doomed).unlink()
        kept = {o: p for o, p in partner_by_order.items() if o not in doomed}
        if kept:
            self._gdpr_scrub(batch, kept)

    def _gdpr_export_as_address(self, writer):
        """Someone else's orders invoiced or delivered to the person: which,
        when, and the address that is theirs; nothing else of the order."""
        ids = writer.partner_ids
        self.env.cr.execute(
            """
            SELECT id, partner_invoice_id = ANY(%(ids)s), partner_shipping_id = ANY(%(ids)s) FROM sale_order
             WHERE partner_id != ALL(%(ids)s)
               AND (partner_invoice_id = ANY(%(ids)s) OR partner_shipping_id = ANY(%(ids)s))
             ORDER BY id
            """,
            {"ids": ids},
        )
        only = {
            order_id: ["name", "date_order", "state"]
            + (["partner_invoice_id"] if invoiced else [])
            + (["partner_shipping_id"] if delivered else [])
            for order_id, invoiced, delivered in self.env.cr.fetchall()
        }
        fields_ = ["name", "date_order", "state", "partner_invoice_id", "partner_shipping_id"]
        writer.add_ids(self, list(only), fields_, self.env._("Orders invoiced or delivered to you"), only)

    def _gdpr_repoint_deleted(self, batch, order_ids):
        """On orders that stay, addresses of deleted contacts become the
        anonymised customer, so that those contacts can go."""
        self.env.cr.execute(
            """
            UPDATE sale_order
               SET partner_invoice_id = CASE WHEN partner_invoice_id IN %(deleted)s
                                             THEN partner_id ELSE partner_invoice_id END,
                   partner_shipping_id = CASE WHEN partner_shipping_id IN %(deleted)s
                                              THEN partner_id ELSE partner_shipping_id END
             WHERE id IN %(orders)s AND partner_id IN %(anonymised)s
               AND (partner_invoice_id IN %(deleted)s OR partner_shipping_id IN %(deleted)s)
            """,
            {"deleted": batch.deleted, "anonymised": batch.anonymised, "orders": order_ids},
        )

    def _gdpr_scrub(self, batch, partner_by_order):
        batch.link("sale.order", partner_by_order.items())
        order_ids = tuple(partner_by_order)
        self.env.cr.execute(
            """
            UPDATE sale_order SET signed_by = NULL, signed_on = NULL, access_token = NULL
             WHERE id IN %s AND (signed_by IS NOT NULL OR access_token IS NOT NULL)
            """,
            [order_ids],
        )
        scrubbed = batch.redact("sale_order", ["note", "client_order_ref", "origin"], partner_by_order)
        batch.tally("sale.order", "scrubbed", [partner_by_order[o] for o in scrubbed])
        self.env["ir.attachment"]._gdpr_unlink_on("sale.order", order_ids, batch, partner_by_order)

    def _gdpr_export(self, writer):
        """Orders and quotations, with their lines; orders of someone else's
        invoiced or delivered to the person, with only what concerns them."""
        ids = writer.partner_ids
        writer.add(
            self,
            [("partner_id", "in", ids)],
            [
                "name",
                "state",
                "date_order",
                "partner_id",
                "partner_invoice_id",
                "partner_shipping_id",
                "client_order_ref",
                "note",
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "currency_id",
                "signed_by",
                "signed_on",
                "user_id",
            ],
        )
        self._gdpr_export_as_address(writer)
        writer.add(
            self.env["sale.order.line"],
            [("order_id", "in", list(writer.exported["sale.order"])), ("display_type", "=", False)],
            [
                "order_id",
                "name",
                "product_uom_qty",
                "price_unit",
                "discount",
                "price_subtotal",
                "price_total",
                "currency_id",
            ],
        )
