# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every right of the "Personal data" section, tried over JSON-RPC and HTTP by a
user holding only that right (plus plain internal user) and by one without it."""

from odoo import Command
from odoo.tests import tagged

from .common import RpcCase

USER = "base.group_user"
GDPR = "specter_gdpr.group_"


@tagged("post_install", "-at_install")
class TestRightsRpc(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {"name": "Rätt Kund", "email": "ratt.kund@example.org", "customer_rank": 1}
        )
        cls.supplier = Partner.create({"name": "Rätt Leverantör", "supplier_rank": 1})
        cls.nobody = cls._user("r_none", [USER])
        rights = [
            "customer_read",
            "customer_create",
            "customer_write",
            "customer_unlink",
            "customer_print",
            "customer_export",
            "credit_report",
            "supplier_read",
            "supplier_create",
            "supplier_write",
            "supplier_unlink",
            "user_read",
            "user_write",
        ]
        cls.holders = {right: cls._user(f"r_{right}", [USER, GDPR + right]) for right in rights}
        cls.colleague = cls._user("r_colleague", [USER], phone="+46 8 123 00 00")

    def assertAllowed(self, reply):
        self.assertNotIn("error", reply, reply.get("error", {}).get("data", {}).get("message"))

    def assertRefusedNaming(self, reply, words):
        self.assertAccessError(reply)
        self.assertIn(words, reply["error"]["data"]["message"])

    def _matrix(self, right, attempt):
        """``attempt(login)`` -> reply: allowed for the holder, refused for nobody."""
        with self.subTest(right=right, user="holder"):
            self.assertAllowed(attempt(f"r_{right}"))
        with self.subTest(right=right, user="without"):
            self.assertAccessError(attempt("r_none"))

    def test_customers_and_suppliers(self):
        for kind, partner in (("customer", self.customer), ("supplier", self.supplier)):
            rank = f"{kind}_rank"
            self._matrix(
                f"{kind}_read",
                lambda login, p=partner: self.call(login, "res.partner", "read", p.ids, ["name"]),
            )
            self._matrix(
                f"{kind}_create",
                lambda login, r=rank: self.call(
                    login, "res.partner", "create", {"name": f"Ny {login}", r: 1}
                ),
            )
            self._matrix(
                f"{kind}_write",
                lambda login, p=partner: self.call(login, "res.partner", "write", p.ids, {"function": login}),
            )
            doomed = self.env["res.partner"].create([{"name": f"Borttagen {i}", rank: 1} for i in range(2)])
            self._matrix(
                f"{kind}_unlink",
                lambda login, d=doomed: self.call(
                    login, "res.partner", "unlink", d[:1].ids if login != "r_none" else d[1:].ids
                ),
            )

    def test_plain_contacts_keep_odoo_access(self):
        contact = self.env["res.partner"].create({"name": "Vanlig Kontakt"})
        self.assertAllowed(self.call("r_none", "res.partner", "read", contact.ids, ["name"]))
        self.assertAllowed(
            self.call("r_none", "res.users", "read", self.colleague.ids, ["name", "avatar_128"])
        )

    def test_export_register_and_email(self):
        self.env.ref("base.group_allow_export").users = [
            Command.link(self.holders[r].id) for r in ("customer_export", "customer_print")
        ]
        for right in ("customer_export", "customer_print"):
            self.holders[right].groups_id = [Command.link(self.env.ref(GDPR + "customer_read").id)]

        def export(login, fields):
            return self.call(login, "res.partner", "export_data", self.customer.ids, fields)

        self.assertAllowed(export("r_customer_export", ["name"]))
        self.assertAccessError(export("r_customer_export", ["name", "email"]))
        self.assertAccessError(export("r_customer_print", ["name"]))  # a customer: register right needed
        contact = self.env["res.partner"].create({"name": "Exportkontakt", "email": "kontakt@example.org"})
        self.assertAllowed(
            self.call("r_customer_print", "res.partner", "export_data", contact.ids, ["email"])
        )
        self.holders["customer_export"].groups_id = [Command.link(self.env.ref(GDPR + "customer_print").id)]
        self.assertAllowed(export("r_customer_export", ["name", "email"]))

    def test_vcard_and_labels(self):
        self.holders["customer_print"].groups_id = [Command.link(self.env.ref(GDPR + "customer_read").id)]
        self.holders["customer_read"].groups_id = [Command.link(self.env.ref("base.group_user").id)]
        for login, allowed in (("r_customer_print", True), ("r_customer_read", False)):
            self.authenticate(login, f"{login}_pw1")
            vcard = self.url_open(f"/web/partner/vcard?partner_ids={self.customer.id}")
            labels = self.url_open(f"/report/html/specter_gdpr.report_partner_label/{self.customer.id}")
            with self.subTest(login=login):
                self.assertEqual(vcard.status_code == 200, allowed)
                self.assertEqual("ratt.kund@example.org" in vcard.text, allowed)
                self.assertEqual(labels.status_code == 200, allowed)
                self.assertEqual("Rätt Kund" in labels.text, allowed)

    def test_credit_reports(self):
        values = {"partner_id": self.customer.id, "provider": "UC", "score": "AAA"}
        # a customer's credit reports follow the customer: the right alone does not open them
        self.assertRefusedNaming(
            self.call("r_credit_report", "res.partner.credit.report", "create", values), "Customers: edit"
        )
        self.holders["credit_report"].groups_id = [Command.link(self.env.ref(GDPR + "customer_write").id)]
        self._matrix(
            "credit_report", lambda login: self.call(login, "res.partner.credit.report", "create", values)
        )
        self._matrix(
            "credit_report", lambda login: self.call(login, "res.partner.credit.report", "search_read", [])
        )

    def test_user_directory(self):
        for login, visible in (("r_user_read", True), ("r_none", False)):
            reply = self.call(login, "res.users", "read", self.colleague.ids, ["name", "login", "phone"])
            self.assertAllowed(reply)
            values = reply["result"][0]
            self.assertEqual(values["name"], "R Colleague")
            self.assertEqual(values["login"] == "r_colleague", visible)
            self.assertEqual(values["phone"] == "+46 8 123 00 00", visible)
        # the exact-login lookup of autocomplete finds nothing (no oracle), other login searches are refused
        by_login = [["login", "=", "r_colleague"]]
        self.assertEqual(self.call("r_none", "res.users", "search", by_login)["result"], [])
        self.assertEqual(
            self.call("r_user_read", "res.users", "search", by_login)["result"], self.colleague.ids
        )
        self.assertAccessError(self.call("r_none", "res.users", "search", [["login", "ilike", "r_coll"]]))

    def test_edit_user_details(self):
        phone = {"phone": "+46 8 999 00 00"}
        self._matrix(
            "user_write", lambda login: self.call(login, "res.users", "write", self.colleague.ids, phone)
        )
        self.colleague.invalidate_recordset()
        self.assertEqual(self.colleague.phone, "+46 8 999 00 00")
        admin_group = self.env.ref("base.group_system").id
        for login in ("r_user_write", "r_none"):
            groups = {"groups_id": [[4, admin_group]]}
            self.assertAccessError(self.call(login, "res.users", "write", self.colleague.ids, groups))
            self.assertAccessError(
                self.call(login, "res.users", "write", self.colleague.ids, {"password": "x"})
            )
        self.assertNotIn(self.env.ref("base.group_system"), self.colleague.groups_id)

    def test_admin_ticks_a_right_tour(self):
        self.env.ref("base.user_admin").password = "admin_pw1"  # noqa: S105
        self.authenticate("r_none", "r_none_pw1")
        self.assertAccessError(self.call("r_none", "res.partner", "read", self.customer.ids, ["name"]))
        self.start_tour(
            f"/odoo/action-base.action_res_users/{self.nobody.id}",
            "specter_gdpr_grant_right_tour",
            login="admin",
        )
        self.assertTrue(self.nobody.gdpr_customer_read)
        self.start_tour(
            "/odoo/action-contacts.action_contacts?view_type=list",
            "specter_gdpr_customer_list_tour",
            login="r_none",
        )


@tagged("post_install", "-at_install")
class TestOrdinaryFlows(RpcCase):
    def test_salesperson_with_customer_rights(self):
        seller = self._user(
            "r_seller",
            [
                USER,
                "sales_team.group_sale_salesman",
                GDPR + "customer_read",
                GDPR + "customer_create",
                GDPR + "customer_write",
            ],
        )
        seller.email = "saljare@yourcompany.example.com"
        colleague = self._user("r_seller_colleague", [USER])
        env = self.env(user=seller)
        customer = env["res.partner"].create({"name": "Säljkund AB", "customer_rank": 1, "is_company": True})
        product = self.env["product.product"].create({"name": "Tjänst", "type": "service", "list_price": 10})
        order = env["sale.order"].create(
            {"partner_id": customer.id, "order_line": [Command.create({"product_id": product.id})]}
        )
        order.action_confirm()
        message = order.message_post(body="Klart, @kollega", partner_ids=colleague.partner_id.ids)
        self.assertEqual(order.state, "sale")
        self.assertIn(colleague.partner_id, message.partner_ids)

    def test_accountant_with_supplier_rights(self):
        accountant = self._user(
            "r_accountant",
            [USER, "account.group_account_invoice", GDPR + "supplier_read", GDPR + "supplier_create"],
        )
        env = self.env(user=accountant)
        supplier = env["res.partner"].create(
            {"name": "Leverantör AB", "supplier_rank": 1, "is_company": True}
        )
        bill = env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": supplier.id,
                "invoice_date": "2026-11-01",
                "invoice_line_ids": [Command.create({"name": "Kontorsmaterial", "price_unit": 250})],
            }
        )
        bill.action_post()
        self.assertEqual(bill.state, "posted")
        # paying it: the vendor's bank account is read and written by the payment flow
        supplier.sudo().bank_ids = [Command.create({"acc_number": "SE4550000000058398257466"})]
        register = env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        )
        register.create({})._create_payments()
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_admin_edits_users(self):
        """An administrator changes another user's login, e-mail and groups over JSON-RPC."""
        self.env.ref("base.user_admin").password = "admin_pw1"  # noqa: S105
        colleague = self._user("r_edited", [USER])
        values = {
            "login": "r_edited_new",
            "email": "ny.adress@yourcompany.example.com",
            "groups_id": [Command.link(self.env.ref("sales_team.group_sale_salesman").id)],
        }
        reply = self.call("admin", "res.users", "write", colleague.ids, values)
        self.assertNotIn("error", reply, reply)
        colleague.invalidate_recordset()
        self.assertEqual(colleague.login, "r_edited_new")
        self.assertTrue(colleague.has_group("sales_team.group_sale_salesman"))
