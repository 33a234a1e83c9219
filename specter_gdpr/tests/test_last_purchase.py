# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import GdprCase


@tagged("post_install", "-at_install")
class TestLastPurchaseDate(GdprCase):
    def _order(self, partner, day, confirm=True, company=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": (company or self.env.company).id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        if confirm:
            order.action_confirm()
            order.date_order = f"{day} 12:00:00"
        return order

    def _invoice(self, partner, day, move_type="out_invoice", post=True):
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": day,
                "invoice_line_ids": [Command.create({"product_id": self.product.id, "price_unit": 10})],
            }
        )
        if post:
            move.action_post()
        return move

    def _customer(self, name="Köpare"):
        return self.env["res.partner"].create({"name": name, "is_company": True})

    def test_orders_only(self):
        customer = self._customer()
        self._order(customer, "2024-03-01")
        self._order(customer, "2025-01-15")
        self.assertEqual(customer.last_purchase_date, date(2025, 1, 15))

    def test_invoices_only(self):
        customer = self._customer()
        self._invoice(customer, "2024-06-30")
        self.assertEqual(customer.last_purchase_date, date(2024, 6, 30))

    def test_orders_and_invoices(self):
        customer = self._customer()
        self._order(customer, "2024-03-01")
        self._invoice(customer, "2024-04-02")
        self._order(customer, "2024-02-01")
        self.assertEqual(customer.last_purchase_date, date(2024, 4, 2))

    def test_child_contacts_count_for_the_company(self):
        company = self._customer("Moderbolag AB")
        contact, address = self.env["res.partner"].create(
            [
                {"name": "Kontakt Person", "parent_id": company.id},
                {"name": "Leverans", "parent_id": company.id, "type": "delivery"},
            ]
        )
        self._order(contact, "2024-05-05")
        self.assertEqual(company.last_purchase_date, date(2024, 5, 5))
        self.assertEqual(contact.last_purchase_date, date(2024, 5, 5))
        self.assertEqual(address.last_purchase_date, date(2024, 5, 5))

    def test_credit_notes_and_cancelled_documents_do_not_count(self):
        customer = self._customer()
        self._invoice(customer, "2024-01-10")
        self._invoice(customer, "2024-09-01", move_type="out_refund")
        self._order(customer, "2024-10-01").with_context(disable_cancel_warning=True).action_cancel()
        self._order(customer, "2024-11-01", confirm=False)
        self._invoice(customer, "2024-12-01", post=False)
        self.assertEqual(customer.last_purchase_date, date(2024, 1, 10))

    def test_several_companies(self):
        other = self.env["res.company"].create({"name": "Dotterbolag AB"})
        self.env.user.company_ids |= other
        customer = self._customer()
        self._order(customer, "2024-02-02")
        self._order(customer, "2024-08-08", company=other)
        self.assertEqual(customer.last_purchase_date, date(2024, 8, 8))

    def test_updated_on_confirm_cancel_and_reset(self):
        customer = self._customer()
        self.assertFalse(customer.last_purchase_date)
        invoice = self._invoice(customer, "2024-03-03")
        self.assertEqual(customer.last_purchase_date, date(2024, 3, 3))
        order = self._order(customer, "2024-07-07")
        self.assertEqual(customer.last_purchase_date, date(2024, 7, 7))
        order.with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(customer.last_purchase_date, date(2024, 3, 3))
        invoice.button_draft()
        self.assertFalse(customer.last_purchase_date)

    def test_refresh_is_set_based(self):
        customers = self.env["res.partner"].create([{"name": f"Massköpare {i}"} for i in range(60)])
        orders = self.env["sale.order"].create(
            [
                {"partner_id": c.id, "order_line": [Command.create({"product_id": self.product.id})]}
                for c in customers
            ]
        )
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.env["res.partner"]._refresh_last_purchase_date(customers)
        self.assertEqual(self.env.cr.sql_log_count - before, 1)
        orders.action_confirm()
        self.assertTrue(all(customers.mapped("last_purchase_date")))

    def test_install_fill_matches_incremental_values(self):
        self.env["res.partner"].flush_model()
        self.env.cr.execute("SELECT id, last_purchase_date FROM res_partner ORDER BY id")
        incremental = self.env.cr.fetchall()
        self.env.cr.execute("UPDATE res_partner SET last_purchase_date = NULL")
        self.env["res.partner"].invalidate_model()
        self.env["res.partner"]._refresh_last_purchase_date()
        self.env.cr.execute("SELECT id, last_purchase_date FROM res_partner ORDER BY id")
        self.assertEqual(self.env.cr.fetchall(), incremental)
