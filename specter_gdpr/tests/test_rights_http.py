# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every right of the "Personal data" section, tried over JSON-RPC and HTTP by a
user holding only that right (plus plain internal user) and by one without it."""

from odoo import Command
from odoo.tests import tagged

from ..models.res_users import RIGHTS
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
            self.call("r_credit_report", "res.partner.credit.report", "create", values), "Customers: view"
        )
        self.holders["credit_report"].groups_id = [Command.link(self.env.ref(GDPR + "customer_read").id)]
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

    def test_admin_unticks_two_rights_and_keeps_the_rest_tour(self):
        """Saving the user form changes exactly the boxes that were clicked,
        whatever else the form sends (#30)."""
        self.env.ref("base.user_admin").password = "admin_pw1"  # noqa: S105
        rights = [name for name in RIGHTS if name != "gdpr_officer"]
        self.nobody.write(dict.fromkeys(rights, True))
        self.assertTrue(all(self.nobody[name] for name in rights))
        self.start_tour(
            f"/odoo/action-base.action_res_users/{self.nobody.id}",
            "specter_gdpr_untick_two_rights_tour",
            login="admin",
        )
        self.nobody.invalidate_recordset()
        gone = {name for name in rights if not self.nobody[name]}
        self.assertEqual(gone, {"gdpr_customer_print", "gdpr_customer_export"})

    def test_rights_written_alone_change_only_themselves(self):
        rights = [name for name in RIGHTS if name != "gdpr_officer"]
        self.nobody.write(dict.fromkeys(rights, True))
        self.nobody.write({"gdpr_customer_print": False})
        self.assertEqual([name for name in rights if not self.nobody[name]], ["gdpr_customer_print"])
        reply = self.call("r_user_write", "res.users", "write", self.nobody.ids, {"gdpr_officer": True})
        self.assertIn("error", reply)
        self.assertFalse(self.nobody.gdpr_officer)

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


@tagged("post_install", "-at_install")
class TestRightsForTheOffice(RpcCase):
    """The rights as the people they are meant for use them: an office manager
    keeps the staff directory current, a credit controller records credit
    reports, and neither gets more than that."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = cls._user("o_office", [USER, GDPR + "user_write"])
        # an ordinary salesperson: holds rights (Sales) that the office manager lacks
        cls.seller = cls._user(
            "o_seller",
            [USER, "sales_team.group_sale_salesman"],
            email="o.seller@yourcompany.example.com",
            phone="+46 8 100 00 00",
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.controller = cls._user("o_controller", [USER, GDPR + "customer_read", GDPR + "credit_report"])
        cls.customer = cls.env["res.partner"].create({"name": "Kreditkund AB", "customer_rank": 1})
        cls.supplier = cls.env["res.partner"].create({"name": "Kreditleverantör AB", "supplier_rank": 1})

    def assertAllowed(self, reply):
        self.assertNotIn("error", reply, reply.get("error", {}).get("data", {}).get("message"))
        return reply["result"]

    def assertRefusedNaming(self, reply, *words):
        self.assertAccessError(reply)
        for word in words:
            self.assertIn(word, reply["error"]["data"]["message"])

    def assertUserError(self, reply):
        self.assertEqual(
            reply.get("error", {}).get("data", {}).get("name"), "odoo.exceptions.UserError", reply
        )

    def write_user(self, login, user, values):
        return self.call(login, "res.users", "write", user.ids, values)

    # -- the office manager --------------------------------------------------
    def test_office_manager_changes_a_salespersons_contact_details(self):
        self.assertAllowed(
            self.write_user("o_office", self.seller, {"phone": "+46 8 200 00 00", "function": "Säljare"})
        )
        self.assertAllowed(
            self.write_user(
                "o_office",
                self.seller,
                {
                    "mobile": "+46 70 200 00 00",
                    "street": "Kontorsgatan 1",
                    "zip": "111 22",
                    "city": "Stockholm",
                },
            )
        )
        self.seller.invalidate_recordset()
        self.assertEqual(
            (self.seller.phone, self.seller.function, self.seller.mobile, self.seller.city),
            ("+46 8 200 00 00", "Säljare", "+46 70 200 00 00", "Stockholm"),
        )

    def test_office_manager_cannot_take_a_salesperson_over(self):
        sales = self.env.ref("sales_team.group_sale_salesman").full_name
        for values in (
            {"email": "evil@example.org"},
            {"login": "evil"},
            {"signature": "<p>Pay to SE00 0000</p>"},
            {"phone": "+46 8 300 00 00", "email": "evil@example.org"},
        ):
            with self.subTest(values=values):
                self.assertRefusedNaming(
                    self.write_user("o_office", self.seller, values), "rights that you do not have", sales
                )
        access_rights = self.env.ref("base.group_erp_manager").full_name
        for values in (
            {"groups_id": [Command.link(self.env.ref("base.group_system").id)]},
            {"password": "taken-over-1"},
            {"company_ids": [Command.link(self.env.company.id)]},
            {"active": False},
            {"partner_id": self.env.ref("base.partner_admin").id},
        ):
            with self.subTest(values=values):
                self.assertRefusedNaming(self.write_user("o_office", self.seller, values), access_rights)
        self.seller.invalidate_recordset()
        self.assertEqual(
            (self.seller.email, self.seller.login, self.seller.phone, self.seller.active),
            ("o.seller@yourcompany.example.com", "o_seller", "+46 8 100 00 00", True),
        )
        self.assertFalse(self.seller.has_group("base.group_system"))

    def test_office_manager_cannot_change_an_administrator(self):
        phone = self.admin.phone
        access_rights = self.env.ref("base.group_erp_manager").full_name
        for values in (
            {"phone": "+46 8 400 00 00"},
            {"function": "Vaktmästare"},
            {"email": "x@evil.example"},
        ):
            with self.subTest(values=values):
                self.assertRefusedNaming(
                    self.write_user("o_office", self.admin, values), "administrator", access_rights
                )
        self.admin.invalidate_recordset()
        self.assertEqual(self.admin.phone, phone)

    def test_the_users_partner_is_guarded_the_same_way(self):
        """The partner row of a user holds the same e-mail (the password reset
        address) and phone: writing it directly opens no more than the user."""
        partner = self.seller.partner_id
        # with Odoo's contact-editing right on top: it does not open colleagues' accounts
        self.office.groups_id = [Command.link(self.env.ref("base.group_partner_manager").id)]
        self.assertAllowed(
            self.call("o_office", "res.partner", "write", partner.ids, {"phone": "+46 8 500 00 00"})
        )
        self.assertRefusedNaming(
            self.call("o_office", "res.partner", "write", partner.ids, {"email": "evil@example.org"}),
            "rights that you do not have",
        )
        self.assertRefusedNaming(
            self.call("o_office", "res.partner", "write", self.admin.partner_id.ids, {"phone": "+46 8 1"}),
            "administrator",
        )
        # a contact editor without the users right may change no colleague's partner
        editor = self._user("o_contacts", [USER, "base.group_partner_manager", GDPR + "customer_write"])
        self.assertRefusedNaming(
            self.call(editor.login, "res.partner", "write", partner.ids, {"email": "evil@example.org"}),
            self.env.ref(GDPR + "user_write").name,
        )
        partner.invalidate_recordset()
        self.assertEqual(
            (partner.phone, partner.email), ("+46 8 500 00 00", "o.seller@yourcompany.example.com")
        )

    def test_refusals_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["specter_gdpr"], ["sv_SE"], overwrite=True)
        self.office.lang = "sv_SE"
        swedish = {"lang": "sv_SE"}  # as the web client sends the user's language with every call

        def refused(login, model, record, values):
            return self.call(login, model, "write", record.ids, values, context=swedish)

        self.assertRefusedNaming(
            refused("o_office", "res.users", self.seller, {"email": "evil@example.org"}),
            "Du får inte ändra inloggning, e-post eller signatur för O Seller",
            "rättigheter som du saknar",
        )
        self.assertRefusedNaming(
            refused("o_office", "res.users", self.admin, {"phone": "+46 8 1"}), "är administratör"
        )
        self.assertRefusedNaming(
            refused(
                "o_office", "res.users", self.seller, {"groups_id": [Command.link(self.env.ref(USER).id)]}
            ),
            "behöver du rättigheten",
        )
        self._user("o_contacts_sv", [USER, "base.group_partner_manager"], lang="sv_SE")
        self.assertRefusedNaming(
            refused("o_contacts_sv", "res.partner", self.seller.partner_id, {"phone": "+46 8 1"}),
            "Du behöver rättigheten 'Systemanvändare: ändra användares uppgifter'",
        )

    def test_the_directory_form_opens_for_editing(self):
        view = self.env.ref("specter_gdpr.res_users_directory_view_form")
        self._user("o_directory", [USER, GDPR + "user_read"])
        for login, edit in (("o_office", 'edit="True"'), ("o_directory", 'edit="False"')):
            with self.subTest(login=login):
                reply = self.call(login, "res.users", "get_views", [[view.id, "form"]])
                self.assertIn(edit, self.assertAllowed(reply)["views"]["form"]["arch"])

    def test_bad_input_is_a_clear_error(self):
        self.assertUserError(self.call("o_office", "res.users", "write", ["abc"], {"phone": "1"}))
        self.assertUserError(self.call("o_office", "res.users", "write", [987654321], {"phone": "1"}))
        self.assertUserError(self.call("o_office", "res.users", "write", self.seller.ids, "phone"))

    # -- the credit controller ----------------------------------------------
    def test_credit_controller_records_a_report_without_editing_the_customer(self):
        values = {"partner_id": self.customer.id, "provider": "UC", "score": "AA", "recommended_limit": 50000}
        report_id = self.assertAllowed(
            self.call("o_controller", "res.partner.credit.report", "create", values)
        )
        report = self.env["res.partner.credit.report"].browse(report_id)
        self.assertEqual((report.partner_id, report.provider), (self.customer, "UC"))
        self.assertAllowed(
            self.call("o_controller", "res.partner.credit.report", "write", [report_id], {"score": "AAA"})
        )
        self.assertEqual(report.score, "AAA")
        # the customer itself stays out of reach
        self.assertRefusedNaming(
            self.call("o_controller", "res.partner", "write", self.customer.ids, {"function": "x"}),
            "Customers: edit",
        )

    def test_credit_controller_cannot_record_on_a_partner_they_may_not_read(self):
        values = {"partner_id": self.supplier.id, "provider": "UC", "score": "C"}
        self.assertRefusedNaming(
            self.call("o_controller", "res.partner.credit.report", "create", values), "Suppliers: view"
        )
        report = self.env["res.partner.credit.report"].create(
            {"partner_id": self.customer.id, "provider": "UC"}
        )
        self.assertRefusedNaming(
            self.call(
                "o_controller",
                "res.partner.credit.report",
                "write",
                report.ids,
                {"partner_id": self.supplier.id},
            ),
            "Suppliers: view",
        )
        self.assertEqual(report.partner_id, self.customer)
        self.assertFalse(
            self.env["res.partner.credit.report"].search([("partner_id", "=", self.supplier.id)])
        )
        # without the credit-report right, reading the customer is not enough
        reader = self._user("o_reader", [USER, GDPR + "customer_read"])
        self.assertAccessError(
            self.call(
                reader.login, "res.partner.credit.report", "create", dict(values, partner_id=self.customer.id)
            )
        )

    def test_credit_report_bad_input(self):
        for partner_id in ("abc", 987654321, [1]):
            with self.subTest(partner_id=partner_id):
                values = {"partner_id": partner_id, "provider": "UC"}
                self.assertUserError(self.call("o_controller", "res.partner.credit.report", "create", values))
