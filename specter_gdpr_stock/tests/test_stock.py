# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import GdprCase
from odoo.addons.specter_gdpr.tests.common import undeclared_hits


@tagged("post_install", "-at_install")
class TestStockErasure(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.goods = cls.env["product.product"].create(
            {"name": "GDPR test goods", "type": "consu", "is_storable": True, "invoice_policy": "order"}
        )
        # a look-alike whose name and e-mail contain the person's: its transfer stays byte for byte
        cls.look_alike = cls.env["res.partner"].create(
            {"name": "Kristoffer Kvistgren1son", "email": "hkristoffer.kvistgren1@example.org"}
        )
        cls.add_transfer(cls.look_alike, "outgoing", done=True)
        cls.bystander_values = [*cls.bystander_values, "Kristoffer Kvistgren1son", "hkristoffer.kvistgren1@"]

    @classmethod
    def add_transfer(cls, partner, code, done):
        picking_type = cls.warehouse.out_type_id if code == "outgoing" else cls.warehouse.in_type_id
        picking = cls.env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": picking_type.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": picking_type.default_location_dest_id.id,
                "note": f"<p>Lämna hos {partner.name}, {partner.email}</p>",
                "move_ids": [
                    Command.create(
                        {
                            "name": cls.goods.name,
                            "product_id": cls.goods.id,
                            "product_uom_qty": 1,
                            "location_id": picking_type.default_location_src_id.id,
                            "location_dest_id": picking_type.default_location_dest_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.message_post(
            body=f"Ring {partner.name} på {partner.email} före leverans", message_type="comment"
        )
        if done:
            picking.move_ids.quantity = 1
            picking.move_ids.picked = True
            picking.button_validate()
        return picking

    def test_open_delivery_of_a_sale_refuses(self):
        partner, _ids = self.create_customer("1")
        order = self.add_quotation(partner)
        order.order_line.product_id = self.goods
        order.action_confirm()
        self.assertTrue(order.picking_ids)
        reasons = partner.gdpr_erasure_plan()[partner.id]["reasons"]
        self.assertIn(f"1 deliveries still to be done in Inventory: {order.picking_ids.name}", reasons)
        result, _logs = self._erase(partner)
        self.assertIn(partner.id, result["blocked"])
        self.assertIn(order.picking_ids.partner_id, partner | partner.child_ids)
        self.assertTrue(order.picking_ids.partner_id.email or order.picking_ids.partner_id.street)
        self.assertEqual(partner.name, "Kristoffer Kvistgren1")

    def test_receipt_to_come_refuses(self):
        supplier, _ids = self.create_customer("2")
        receipt = self.add_transfer(supplier, "incoming", done=False)
        plan = supplier.gdpr_erasure_plan()[supplier.id]
        self.assertEqual(plan["action"], "blocked")
        self.assertIn(f"1 receipts still to come in Inventory: {receipt.name}", plan["reasons"])

    def test_done_delivery_is_kept_without_the_person(self):
        partner, identifiers = self.create_customer("1")
        picking = self.add_transfer(partner, "outgoing", done=True)
        self.assertEqual(picking.state, "done")
        self.assertEqual(partner.gdpr_erasure_plan()[partner.id]["action"], "anonymise")
        result, logs = self._erase(partner)
        self.assertEqual(result["anonymised"], [partner.id])
        self.assertEqual(undeclared_hits(self.env, identifiers, logs, whole=True), {})
        self.assertEqual(picking.partner_id, partner)
        self.assertIn("[…]", picking.note)
        self.assertFalse(result["failed"])
