# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import GdprCase
from odoo.addons.specter_gdpr.tests.common import undeclared_hits


@tagged("post_install", "-at_install")
class TestPosErasure(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.env["pos.config"].create({"name": "Kassa 1"})
        cls.session = cls.env["pos.session"].create({"config_id": cls.config.id, "user_id": cls.env.uid})
        cls.look_alike = cls.env["res.partner"].create(
            {"name": "Kristoffer Kvistgren1son", "email": "hkristoffer.kvistgren1@example.org"}
        )
        cls.add_order(cls.look_alike, "paid")
        cls.bystander_values = [*cls.bystander_values, "Kristoffer Kvistgren1son", "hkristoffer.kvistgren1@"]

    @classmethod
    def add_order(cls, partner, state):
        order = cls.env["pos.order"].create(
            {
                "session_id": cls.session.id,
                "partner_id": partner.id,
                "general_note": f"Hämtas av {partner.name}, ring {partner.mobile}",
                "amount_tax": 0,
                "amount_total": 100,
                "amount_paid": 100 if state == "paid" else 0,
                "amount_return": 0,
                "lines": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "qty": 1,
                            "price_unit": 100,
                            "price_subtotal": 100,
                            "price_subtotal_incl": 100,
                            "customer_note": f"Till {partner.name}",
                        }
                    )
                ],
            }
        )
        order.state = state
        order.message_post(body=f"Kvitto mejlat till {partner.email}", message_type="comment")
        return order

    def test_paid_order_is_kept_without_the_customer(self):
        partner, identifiers = self.create_customer("1")
        order = self.add_order(partner, "paid")
        self.assertEqual(order.email, partner.email)
        self.assertEqual(partner.gdpr_erasure_plan()[partner.id]["action"], "anonymise")
        result, logs = self._erase(partner)
        self.assertEqual(result["anonymised"], [partner.id])
        self.assertEqual(order.partner_id, partner)
        self.assertFalse(order.email or order.mobile)
        self.assertEqual(order.amount_total, 100)
        self.assertEqual(undeclared_hits(self.env, identifiers, logs, whole=True), {})

    def test_open_order_refuses(self):
        partner, _ids = self.create_customer("2")
        order = self.add_order(partner, "draft")
        plan = partner.gdpr_erasure_plan()[partner.id]
        self.assertEqual(plan["action"], "blocked")
        self.assertIn(f"1 orders still open in Point of Sale: {order.name}", plan["reasons"])
