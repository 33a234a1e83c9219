# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Export rights tested over JSON-RPC and in the browser."""

from odoo.tests import tagged

from .common import RpcCase

BASE = ["base.group_user", "base.group_partner_manager", "specter_gdpr.group_customer_read"]
EXPORT_RIGHTS = [
    "base.group_allow_export",
    "specter_gdpr.group_customer_export",
    "specter_gdpr.group_customer_print",
]


@tagged("post_install", "-at_install")
class TestExportRpc(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain = cls._user("no_export", BASE)
        cls.exporter = cls._user("with_export", [*BASE, *EXPORT_RIGHTS])
        cls.sleeper = cls.env["res.partner"].create(
            {"name": "Tursovare Sömnig", "email": "tursovare@example.org", "customer_rank": 1}
        )

    def _export_via_wizard(self, login):
        created = self.call(login, "gdpr.inactive.customer.wizard", "create", {"months": 1})
        return self.call(login, "gdpr.inactive.customer.wizard", "action_export", [created["result"]])

    def test_export_needs_the_export_right(self):
        logs = self.env["gdpr.export.log"].search_count([])
        self.assertAccessError(self._export_via_wizard("no_export"))
        self.assertAccessError(
            self.run_action("no_export", "specter_gdpr.action_server_gdpr_export_xlsx", self.sleeper)
        )
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
