# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Erasure rights tested the way an attacker would: JSON-RPC over HTTP."""

import json

from odoo import Command
from odoo.tests import HttpCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestErasureRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Rpc Kund Rydberg", "email": "rpc.rydberg@example.org", "customer_rank": 1}
        )
        groups = [cls.env.ref("base.group_user").id, cls.env.ref("base.group_partner_manager").id]
        cls.clerk = cls.env["res.users"].create(
            {
                "name": "Rpc Clerk",
                "login": "rpc_clerk",
                "password": "rpc_clerk_pw1",
                "groups_id": [Command.set(groups)],
            }
        )
        cls.officer = cls.env["res.users"].create(
            {
                "name": "Rpc Officer",
                "login": "rpc_officer",
                "password": "rpc_officer_pw1",
                "groups_id": [Command.set([*groups, cls.env.ref("specter_gdpr.group_gdpr_officer").id])],
            }
        )

    def _rpc(self, login, password, model, method, args):
        return self._post(
            login,
            password,
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": {}},
        )

    def _post(self, login, password, route, params):
        self.authenticate(login, password)
        response = self.url_open(route, data=self._json(params), headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _run_bulk_action(self, login, password):
        action = self.env.ref("specter_gdpr.action_server_gdpr_erase")
        context = {
            "active_model": "res.partner",
            "active_ids": [self.customer.id],
            "active_id": self.customer.id,
        }
        return self._post(login, password, "/web/action/run", {"action_id": action.id, "context": context})

    @staticmethod
    def _json(params):
        return json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params})

    def test_non_officer_cannot_erase(self):
        reply = self._rpc("rpc_clerk", "rpc_clerk_pw1", "res.partner", "gdpr_erase", [[self.customer.id]])
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.name, "Rpc Kund Rydberg")
        self.assertFalse(self.env["gdpr.erasure.log"].search([("partner_ref", "=", self.customer.id)]))

    def test_non_officer_cannot_read_or_forge_logs(self):
        reply = self._rpc("rpc_clerk", "rpc_clerk_pw1", "gdpr.erasure.log", "search_read", [[]])
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        reply = self._rpc(
            "rpc_officer",
            "rpc_officer_pw1",
            "gdpr.erasure.log",
            "create",
            [{"partner_ref": 1, "action": "deleted"}],
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")

    def test_non_officer_cannot_run_bulk_action_or_create_job(self):
        reply = self._run_bulk_action("rpc_clerk", "rpc_clerk_pw1")
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        reply = self._rpc("rpc_clerk", "rpc_clerk_pw1", "gdpr.erasure.job", "create", [{}])
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        reply = self._rpc(
            "rpc_clerk",
            "rpc_clerk_pw1",
            "gdpr.erasure.wizard",
            "create",
            [{"partner_ids": [[6, 0, [self.customer.id]]]}],
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertFalse(self.env["gdpr.erasure.job"].search([("user_id", "=", self.clerk.id)]))
        self.assertTrue(self.customer.exists())

    def test_officer_runs_bulk_action(self):
        reply = self._run_bulk_action("rpc_officer", "rpc_officer_pw1")
        self.assertNotIn("error", reply)
        self.assertEqual(reply["result"]["res_model"], "gdpr.erasure.wizard")

    def test_officer_erases_over_rpc(self):
        reply = self._rpc("rpc_officer", "rpc_officer_pw1", "res.partner", "gdpr_erase", [[self.customer.id]])
        self.assertNotIn("error", reply)
        self.assertEqual(reply["result"]["deleted"], [self.customer.id])
        self.assertFalse(self.customer.exists())
        log_id = reply["result"]["log_ids"][0]
        reply = self._rpc(
            "rpc_officer", "rpc_officer_pw1", "gdpr.erasure.log", "write", [[log_id], {"reasons": "forged"}]
        )
        self.assertIn("error", reply)
        reply = self._rpc("rpc_officer", "rpc_officer_pw1", "gdpr.erasure.log", "unlink", [[log_id]])
        self.assertIn("error", reply)

    def test_erase_button_tour(self):
        partner = self.env["res.partner"].create(
            {"name": "Turid Tursson", "email": "turid.tursson@example.org", "customer_rank": 1}
        )
        self.start_tour(
            f"/odoo/contacts/{partner.id}", "specter_gdpr_erase_customer_tour", login="rpc_officer"
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
