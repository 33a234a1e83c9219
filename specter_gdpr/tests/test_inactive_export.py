# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
from datetime import date
from datetime import datetime

from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GdprCase


@tagged("post_install", "-at_install")
class TestInactiveCustomers(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sleeper, cls.active, cls.never = cls.env["res.partner"].create(
            [
                {
                    "name": "Sovande Kund",
                    "email": "sovande@example.org",
                    "phone": "+46 8 100 100",
                    "city": "Luleå",
                    "ref": "K-1001",
                    "country_id": cls.env.ref("base.se").id,
                    "customer_rank": 1,
                },
                {"name": "Aktiv Kund", "customer_rank": 1},
                {"name": "Aldrig Kund", "customer_rank": 1},
            ]
        )
        for partner, day in ((cls.sleeper, "2021-04-01"), (cls.active, False)):
            order = cls.env["sale.order"].create(
                {"partner_id": partner.id, "order_line": [Command.create({"product_id": cls.product.id})]}
            )
            order.action_confirm()
            if day:
                order.date_order = f"{day} 10:00:00"
            invoice = order._create_invoices()
            if day:
                invoice.invoice_date = day
            invoice.action_post()
        cls.exporter = cls._user(
            "Exportör",
            "exportor.gdpr",
            "base.group_allow_export",
            "specter_gdpr.group_customer_read",
            "specter_gdpr.group_customer_export",
            "specter_gdpr.group_customer_print",
        )

    @classmethod
    def _user(cls, name, login, *groups):
        """An internal user holding ``groups`` (XML ids) on top of *Internal User*."""
        xmlids = ("base.group_user", *groups)
        return cls.env["res.users"].create(
            {"name": name, "login": login, "groups_id": [Command.set([cls.env.ref(x).id for x in xmlids])]}
        )

    def _wizard(self, **values):
        return self.env["gdpr.inactive.customer.wizard"].create({"months": 24, **values})

    def test_wizard_finds_inactive_customers(self):
        found = self.env["res.partner"].search(self._wizard()._domain())
        self.assertIn(self.sleeper, found)
        self.assertIn(self.never, found)
        self.assertNotIn(self.active, found)
        found = self.env["res.partner"].search(self._wizard(include_never=False)._domain())
        self.assertIn(self.sleeper, found)
        self.assertNotIn(self.never, found)
        action = self._wizard(cutoff_date="2021-01-01").action_open_list()
        self.assertNotIn(self.sleeper, self.env["res.partner"].search(action["domain"]))

    def test_search_filters(self):
        search_view = self.env.ref("specter_gdpr.view_res_partner_filter_gdpr")
        self.assertIn("no_purchase_24m", search_view.arch)
        old = self.env["res.partner"].search([("last_purchase_date", "<", "2024-01-01")])
        self.assertIn(self.sleeper, old)

    def test_export_reads_back(self):
        wizard = self._wizard().with_user(self.exporter)
        action = wizard.action_export()
        self.assertIn("download=true", action["url"])
        self.assertRegex(wizard.export_filename, r"^customers-\d{4}-\d{2}-\d{2}\.xlsx$")
        book = load_workbook(io.BytesIO(base64.b64decode(wizard.export_file)))
        sheet = book.active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(
            rows[0],
            (
                "Name",
                "Reference",
                "E-mail",
                "Phone",
                "City",
                "Country",
                "Last purchase",
                "Orders",
                "Total invoiced",
            ),
        )
        by_name = {row[0]: row for row in rows[1:]}
        sleeper = by_name["Sovande Kund"]
        self.assertEqual(sleeper[1:6], ("K-1001", "sovande@example.org", "+46 8 100 100", "Luleå", "Sweden"))
        self.assertIsInstance(sleeper[6], datetime)
        self.assertEqual(sleeper[6].date(), date(2021, 4, 1))
        self.assertEqual(sleeper[7], 1)
        self.assertIsInstance(sleeper[8], (int, float))  # a number, not text
        self.assertGreater(sleeper[8], 0)
        cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(cells["Sovande Kund"][8].number_format, "#,##0.00")
        self.assertEqual(cells["Sovande Kund"][6].number_format, "mm/dd/yyyy")  # en_US; Swedish: yyyy-mm-dd
        self.assertIsNone(by_name["Aldrig Kund"][6])
        self.assertNotIn("Aktiv Kund", by_name)
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, f"A1:I{len(rows)}")
        log = self.env["gdpr.export.log"].search([], limit=1)
        self.assertEqual((log.user_id, log.row_count), (self.exporter, len(rows) - 1))
        self.assertIn("email", log.columns)

    def test_export_refused_without_export_right(self):
        self.exporter.groups_id -= self.env.ref("specter_gdpr.group_customer_export")
        logs_before = self.env["gdpr.export.log"].search_count([])
        with self.assertRaisesRegex(AccessError, "you lack the right"):
            self._wizard().with_user(self.exporter).action_export()
        self.assertEqual(self.env["gdpr.export.log"].search_count([]), logs_before)

    def test_the_register_right_alone_is_enough_and_a_refusal_names_it(self):
        """The rights page's *Customers: export the register* brings Odoo's
        export feature with it; without it, the refusal says which right (#30)."""
        officer = self._user(
            "Ombud", "ombud.gdpr", "specter_gdpr.group_gdpr_officer", "specter_gdpr.group_customer_read"
        )
        with self.assertRaisesRegex(AccessError, 'lack the right "Customers: export the'):
            self._wizard().with_user(officer).action_export()
        officer.write({"gdpr_customer_export": True})
        self.assertTrue(officer.has_group("base.group_allow_export"))
        self.assertTrue(self._wizard().with_user(officer).action_export())

    def test_actions_a_user_cannot_use_are_not_offered(self):
        plain = self._user("Vanlig", "vanlig.gdpr")

        def offered(user):
            bindings = self.env["ir.actions.actions"].with_user(user).get_bindings("res.partner")
            return {action["id"] for action in bindings.get("action", [])}

        guarded = {
            self.env.ref("specter_gdpr.action_server_gdpr_export_xlsx").id,
            self.env.ref("web.download_contact").id,
        }
        self.assertFalse(offered(plain) & guarded)
        self.assertEqual(offered(self.exporter) & guarded, guarded)

    def test_export_of_a_selection(self):
        action = (
            self.env["res.partner"]
            .with_user(self.exporter)
            .with_context(active_ids=(self.sleeper | self.active).ids)
            .action_gdpr_export_selection()
        )
        wizard = self.env["gdpr.inactive.customer.wizard"].browse(
            int(action["url"].split("id=")[1].split("&")[0])
        )
        rows = list(load_workbook(io.BytesIO(base64.b64decode(wizard.export_file))).active.values)
        self.assertEqual(sorted(row[0] for row in rows[1:]), ["Aktiv Kund", "Sovande Kund"])
