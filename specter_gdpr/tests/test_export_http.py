# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Export rights tested over JSON-RPC and in the browser."""

import json

from odoo import Command
from odoo.tests import HttpCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestExportRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        base = [cls.env.ref("base.group_user").id, cls.env.ref("base.group_partner_manager").id]
        cls.plain = cls.env["res.users"].create(
            {
                "name": "Utan Export",
                "login": "no_export",
                "password": "no_export_pw1",
                "groups_id": [Command.set(base)],
            }
        )
        cls.exporter = cls.env["res.users"].create(
            {
                "name": "Med Export",
                "login": "with_export",
                "password": "with_export_pw1",
                "groups_id": [Command.set([*base, cls.env.ref("base.group_allow_export").id])],
            }
        )
        cls.sleeper = cls.env["res.partner"].create(
            {"name": "Tursovare Sömnig", "email": "tursovare@example.org", "customer_rank": 1}
        )

    def _post(self, login, route, params):
        self.authenticate(login, f"{login}_pw1")
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def _call(self, login, model, method, args):
        params = {"model": model, "method": method, "args": args, "kwargs": {}}
        return self._post(login, "/web/dataset/call_kw", params)

    def _export_via_wizard(self, login):
        created = self._call(login, "gdpr.inactive.customer.wizard", "create", [{"months": 1}])
        return self._call(login, "gdpr.inactive.customer.wizard", "action_export", [[created["result"]]])

    def test_export_needs_the_export_right(self):
        logs = self.env["gdpr.export.log"].search_count([])
        reply = self._export_via_wizard("no_export")
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        action = self.env.ref("specter_gdpr.action_server_gdpr_export_xlsx")
        reply = self._post(
            "no_export",
            "/web/action/run",
            {
                "action_id": action.id,
                "context": {"active_model": "res.partner", "active_ids": self.sleeper.ids},
            },
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.env["gdpr.export.log"].search_count([]), logs)

    def test_exporter_downloads_the_file(self):
        reply = self._export_via_wizard("with_export")
        self.assertNotIn("error", reply)
        response = self.url_open(reply["result"]["url"])
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"))  # an xlsx is a zip file
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        self.assertEqual(self.env["gdpr.export.log"].search([], limit=1).user_id, self.exporter)

    def test_inactive_customers_tour(self):
        self.start_tour("/odoo", "specter_gdpr_inactive_customers_tour", login="with_export")
        self.assertEqual(self.env["gdpr.export.log"].search([], limit=1).user_id, self.exporter)
