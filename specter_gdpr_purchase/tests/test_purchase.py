# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo import fields
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import GdprCase
from odoo.addons.specter_gdpr.tests.common import undeclared_hits


@tagged("post_install", "-at_install")
class TestPurchaseErasure(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bought = cls.env["product.product"].create(
            {"name": "GDPR bought service", "type": "service", "purchase_method": "purchase"}
        )
        cls.look_alike = cls.env["res.partner"].create(
            {"name": "Kristoffer Kvistgren1son", "email": "hkristoffer.kvistgren1@example.org"}
        )
        cls.add_billed_order(cls.look_alike)
        cls.bystander_values = [*cls.bystander_values, "Kristoffer Kvistgren1son", "hkristoffer.kvistgren1@"]

    @classmethod
    def add_rfq(cls, supplier):
        order = cls.env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "notes": f"<p>Kontakt: {supplier.name}, {supplier.phone}</p>",
                "partner_ref": f"Offert från {supplier.name}",
                "order_line": [
                    Command.create({"product_id": cls.bought.id, "product_qty": 3, "price_unit": 10})
                ],
            }
        )
        order.message_post(body=f"Mejla {supplier.email} om leveransen", message_type="comment")
        return order

    @classmethod
    def add_billed_order(cls, supplier):
        order = cls.add_rfq(supplier)
        order.button_confirm()
        order.action_create_invoice()
        bill = order.invoice_ids
        bill.invoice_date = fields.Date.today()
        bill.action_post()
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({})._create_payments()
        cls.env["product.supplierinfo"].create(
            {"partner_id": supplier.id, "product_tmpl_id": cls.bought.product_tmpl_id.id, "price": 9}
        )
        return order

    def test_rfq_refuses_by_name_not_a_failure(self):
        supplier, _ids = self.create_customer("1")
        rfq = self.add_rfq(supplier)
        plan = supplier.gdpr_erasure_plan()[supplier.id]
        self.assertEqual(plan["action"], "blocked")
        self.assertIn(
            f"1 purchase orders still open in Purchase (to confirm, receive or bill): {rfq.name}",
            plan["reasons"],
        )
        result, _logs = self._erase(supplier)
        self.assertFalse(result["failed"])
        self.assertIn(supplier.id, result["blocked"])
        self.assertTrue(rfq.exists())

    def test_confirmed_order_not_billed_refuses(self):
        supplier, _ids = self.create_customer("2")
        order = self.add_rfq(supplier)
        order.button_confirm()
        self.assertIn(order.name, " ".join(supplier.gdpr_erasure_plan()[supplier.id]["reasons"]))

    def test_billed_order_is_kept_without_the_supplier(self):
        supplier, identifiers = self.create_customer("1")
        order = self.add_billed_order(supplier)
        self.assertEqual(order.invoice_status, "invoiced")
        self.assertEqual(supplier.gdpr_erasure_plan()[supplier.id]["action"], "anonymise")
        result, logs = self._erase(supplier)
        self.assertEqual(result["anonymised"], [supplier.id])
        self.assertEqual(order.partner_id, supplier)
        self.assertFalse(self.env["product.supplierinfo"].search([("partner_id", "=", supplier.id)]))
        self.assertTrue(self.env["product.supplierinfo"].search([("partner_id", "=", self.look_alike.id)]))
        self.assertEqual(undeclared_hits(self.env, identifiers, logs, whole=True), {})

    def test_cancelled_rfq_goes_with_a_deleted_supplier(self):
        supplier, identifiers = self.create_customer("3")
        rfq = self.add_rfq(supplier)
        rfq.button_cancel()
        result, logs = self._erase(supplier)
        self.assertEqual(result["deleted"], [supplier.id])
        self.assertFalse(rfq.exists())
        self.assertEqual(undeclared_hits(self.env, identifiers, logs, whole=True), {})
