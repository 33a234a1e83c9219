# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Erasure rights tested the way an attacker would: JSON-RPC over HTTP."""

from odoo.tests import tagged

from .common import GdprCase
from .common import RpcCase

BASE = ["base.group_user", "base.group_partner_manager"]


@tagged("post_install", "-at_install")
class TestErasureRpc(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Rpc Kund Rydberg", "email": "rpc.rydberg@example.org", "customer_rank": 1}
        )
        cls.clerk = cls._user("rpc_clerk", BASE)
        cls.officer = cls._user("rpc_officer", [*BASE, "specter_gdpr.group_gdpr_officer"])

    def test_non_officer_cannot_erase(self):
        self.assertAccessError(self.call("rpc_clerk", "res.partner", "gdpr_erase", [self.customer.id]))
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.name, "Rpc Kund Rydberg")
        self.assertFalse(self.env["gdpr.erasure.log"].search([("partner_ref", "=", self.customer.id)]))

    def test_non_officer_cannot_read_or_forge_logs(self):
        self.assertAccessError(self.call("rpc_clerk", "gdpr.erasure.log", "search_read", []))
        reply = self.call(
            "rpc_officer", "gdpr.erasure.log", "create", {"partner_ref": 1, "action": "deleted"}
        )
        self.assertAccessError(reply)

    def test_non_officer_cannot_run_bulk_action_or_create_job(self):
        self.assertAccessError(
            self.run_action("rpc_clerk", "specter_gdpr.action_server_gdpr_erase", self.customer)
        )
        self.assertAccessError(self.call("rpc_clerk", "gdpr.erasure.job", "create", {}))
        reply = self.call(
            "rpc_clerk", "gdpr.erasure.wizard", "create", {"partner_ids": [[6, 0, [self.customer.id]]]}
        )
        self.assertAccessError(reply)
        self.assertFalse(self.env["gdpr.erasure.job"].search([("user_id", "=", self.clerk.id)]))
        self.assertTrue(self.customer.exists())

    def test_officer_runs_bulk_action(self):
        reply = self.run_action("rpc_officer", "specter_gdpr.action_server_gdpr_erase", self.customer)
        self.assertNotIn("error", reply)
        self.assertEqual(reply["result"]["res_model"], "gdpr.erasure.wizard")

    def test_officer_erases_over_rpc(self):
        reply = self.call("rpc_officer", "res.partner", "gdpr_erase", [self.customer.id])
        self.assertNotIn("error", reply)
        self.assertEqual(reply["result"]["deleted"], [self.customer.id])
        self.assertFalse(self.customer.exists())
        log_id = reply["result"]["log_ids"][0]
        self.assertIn(
            "error", self.call("rpc_officer", "gdpr.erasure.log", "write", [log_id], {"reasons": "x"})
        )
        self.assertIn("error", self.call("rpc_officer", "gdpr.erasure.log", "unlink", [log_id]))

    def test_erase_button_tour(self):
        partner = self.env["res.partner"].create(
            {"name": "Turid Tursson", "email": "turid.tursson@example.org", "customer_rank": 1}
        )
        self.start_tour(
            f"/odoo/contacts/{partner.id}", "specter_gdpr_erase_customer_tour", login="rpc_officer"
        )
        self.assertFalse(partner.exists())

    def test_erase_tour_in_swedish(self):
        """The Swedish officer walks the erase flow and reads Swedish labels."""
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["specter_gdpr"], ["sv_SE"], overwrite=True)
        officer = self.env["res.users"].search([("login", "=", "rpc_officer")])
        officer.lang = "sv_SE"
        partner = self.env["res.partner"].create(
            {"name": "Turid Tursson", "email": "turid.tursson@example.org", "customer_rank": 1}
        )
        self.start_tour(
            f"/odoo/contacts/{partner.id}", "specter_gdpr_erase_customer_sv_tour", login="rpc_officer"
        )
        self.assertFalse(partner.exists())

    def test_bulk_erase_tour(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Bulktur {letter}", "email": f"bulktur.{letter}@example.org"} for letter in "ABC"]
        )
        self.start_tour(
            "/odoo/action-contacts.action_contacts?view_type=list",
            "specter_gdpr_bulk_erase_tour",
            login="rpc_officer",
        )
        self.assertFalse(partners.exists())


@tagged("post_install", "-at_install")
class TestErasedPortalUserIsLoggedOut(RpcCase, GdprCase):
    def test_old_session_opens_nothing(self):
        partner, _identifiers = self.create_customer("P")
        portal = self.add_portal_user(partner)
        order, _invoice = self.add_paid_order(partner)
        self.authenticate(portal.login, "portal-password-1")
        response = self.url_open("/my/orders")
        self.assertEqual(response.status_code, 200)
        self.assertIn(order.name, response.text)
        self.assertTrue(self.env["res.device.log"].search([("user_id", "=", portal.id)]))

        result, _logs = self._erase(partner)

        self.assertEqual(result["anonymised"], [partner.id])
        response = self.url_open("/my/orders", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        self.assertNotIn(order.name, response.text)
        response = self.url_open("/my/orders")
        self.assertNotIn(order.name, response.text)
        self.env.flush_all()
        self.assertFalse(self.env["res.device.log"].search([("user_id", "=", portal.id)]))
