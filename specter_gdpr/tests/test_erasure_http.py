# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Erasure rights tested the way an attacker would: JSON-RPC over HTTP."""

import json

from odoo import Command
from odoo.tests import HttpCase, tagged


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
        self.authenticate(login, password)
        response = self.url_open(
            "/web/dataset/call_kw",
            data=self._json({"model": model, "method": method, "args": args, "kwargs": {}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

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
