# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "specter_gdpr")])
        self.assertEqual(module.state, "installed")

    def test_demo_data_loaded(self):
        demo = self.env.ref("specter_gdpr.res_partner_category_gdpr_demo")
        partners = self.env["res.partner"].search([("category_id", "in", demo.ids)])
        self.assertGreaterEqual(len(partners), 20)
        anna = self.env.ref("specter_gdpr.partner_anna_lindqvist")
        self.assertTrue(anna.sale_order_ids.filtered(lambda o: o.state == "sale"))
        invoices = anna.invoice_ids.filtered(lambda m: m.state == "posted" and m.move_type == "out_invoice")
        self.assertTrue(invoices)
        self.assertTrue(all(inv.payment_state in ("paid", "in_payment") for inv in invoices))
        johan = self.env.ref("specter_gdpr.partner_johan_karlsson")
        self.assertEqual(johan.invoice_ids.payment_state, "not_paid")
        portal = self.env.ref("specter_gdpr.user_portal_karin")
        self.assertTrue(portal.share)
