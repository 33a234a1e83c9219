# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The side doors of Odoo (DESIGN.md section 7), tried over JSON-RPC and HTTP
as real users holding exactly one right, and the stock flows that must keep
working for them."""

import base64
import io
import json

import openpyxl

from odoo import Command
from odoo import http
from odoo.tests import tagged

from .common import RpcCase
from .common import meeting_times

USER = "base.group_user"
SALES = "sales_team.group_sale_salesman_all_leads"
GDPR = "specter_gdpr.group_"
SHOW_ALL = {"show_email": 1, "show_address": 1, "show_vat": 1}


@tagged("post_install", "-at_install")
class TestRightsAtEveryDoor(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Dörr Kund",
                "email": "dorr.kund@example.org",
                "phone": "+46 70 000 11 22",
                "street": "Dörrgatan 3",
                "city": "Dörrby",
                "vat": "SE556000111201",
                "customer_rank": 1,
                "bank_ids": [Command.create({"acc_number": "SE3550000000054910000003"})],
            }
        )
        cls.product = cls.env["product.product"].create({"name": "Dörrtjänst", "type": "service"})
        cls.order = cls.env["sale.order"].create(
            {"partner_id": cls.customer.id, "order_line": [Command.create({"product_id": cls.product.id})]}
        )
        cls.seller = cls._user("d_seller", [USER, SALES])  # no customer right
        cls.seller_ok = cls._user("d_seller_ok", [USER, SALES, GDPR + "customer_read"])
        cls.nobody = cls._user("d_none", [USER])
        cls.editor = cls._user("d_user_write", [USER, GDPR + "user_write"])
        cls.customer_editor = cls._user(
            "d_customer_write", [USER, "base.group_partner_manager", GDPR + "customer_write"]
        )
        cls.exporter = cls._user(
            "d_export", [USER, "base.group_allow_export", GDPR + "customer_read", GDPR + "customer_export"]
        )
        cls.exporter_print = cls._user(
            "d_export_print",
            [
                USER,
                "base.group_allow_export",
                GDPR + "customer_read",
                GDPR + "customer_export",
                GDPR + "customer_print",
            ],
        )
        cls.colleague = cls._user("d_colleague", [USER], email="kollega.dorr@yourcompany.example.com")

    def assertAllowed(self, reply):
        self.assertNotIn("error", reply, reply.get("error", {}).get("data", {}).get("message"))
        return reply["result"]

    def assertRefusedNaming(self, reply, words):
        self.assertAccessError(reply)
        self.assertIn(words, reply["error"]["data"]["message"])

    # 1. administrator takeover -----------------------------------------------
    def test_user_details_editor_cannot_take_an_admin_over(self):
        admin = self.env.ref("base.user_admin")
        email = admin.email
        for values in ({"email": "x@evil.example"}, {"login": "evil"}):
            reply = self.call("d_user_write", "res.users", "write", admin.ids, values)
            self.assertRefusedNaming(reply, "rights that you do not have")
        admin.invalidate_recordset()
        self.assertEqual(admin.email, email)
        # a colleague with no more rights than the editor: allowed
        self.assertAllowed(
            self.call("d_user_write", "res.users", "write", self.nobody.ids, {"phone": "+46 8 555 00 00"})
        )

    # 2. display names with show_* ----------------------------------------------
    def test_display_names_never_carry_contact_details_without_the_right(self):
        invoice = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.customer.id}
        )
        lead = self.env["crm.lead"].create({"name": "Namnlead", "partner_id": self.customer.id})
        event = self.env["calendar.event"].create(
            {
                "name": "Namnmöte",
                **meeting_times(33),
                "partner_ids": [Command.set(self.customer.ids)],
            }
        )
        self.order.message_subscribe(self.customer.ids)
        followers = self.order.message_follower_ids.filtered(lambda f: f.partner_id == self.customer)
        records = [
            self.order,
            invoice,
            lead,
            event.attendee_ids.filtered(lambda a: a.partner_id == self.customer),
            followers,
        ]

        def partner_name(login, record):
            reply = self.call(
                login, record._name, "search_read", [("id", "=", record.id)], ["partner_id"], context=SHOW_ALL
            )
            return self.assertAllowed(reply)[0]["partner_id"][1]

        for record in records:
            with self.subTest(model=record._name):
                hidden = partner_name("d_seller", record)
                self.assertIn("Dörr Kund", hidden)
                for detail in ("dorr.kund@example.org", "Dörrgatan", "SE556000111201"):
                    self.assertNotIn(detail, hidden)
                shown = partner_name("d_seller_ok", record)
                self.assertIn("dorr.kund@example.org", shown)
                self.assertIn("Dörrgatan 3", shown)

    # 3. computes that copy the partner ------------------------------------------
    def test_lead_does_not_copy_a_customer_the_user_may_not_read(self):
        values = {"name": "Dörrlead", "partner_id": self.customer.id, "type": "opportunity"}
        lead_id = self.assertAllowed(self.call("d_seller", "crm.lead", "create", values))
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertFalse(lead.email_from or lead.phone or lead.street or lead.city)
        onchange = self.assertAllowed(
            self.call(
                "d_seller",
                "crm.lead",
                "onchange",
                [],
                {"partner_id": self.customer.id},
                ["partner_id"],
                {"partner_id": {}, "email_from": {}, "phone": {}, "street": {}, "city": {}},
            )
        )
        self.assertNotIn("dorr.kund@example.org", json.dumps(onchange))
        lead_ok = self.env["crm.lead"].browse(
            self.assertAllowed(self.call("d_seller_ok", "crm.lead", "create", values))
        )
        self.assertEqual(lead_ok.email_from, "dorr.kund@example.org")

    # 7. chatter endpoints --------------------------------------------------------------
    def test_followers_carry_no_contact_details_without_the_right(self):
        self.order.message_subscribe(self.customer.ids)

        def thread_data(login):
            reply = self.post(
                login,
                "/mail/thread/data",
                {"thread_model": "sale.order", "thread_id": self.order.id, "request_list": ["followers"]},
            )
            return json.dumps(self.assertAllowed(reply))

        self.assertNotIn("dorr.kund@example.org", thread_data("d_seller"))
        self.assertIn("dorr.kund@example.org", thread_data("d_seller_ok"))

    def test_copies_on_other_models_follow_the_partner_rights(self):
        """Attendees, leads and messages keep copies of the customer's e-mail
        and phone: they read as empty where the customer's own would."""
        event = self.env["calendar.event"].create(
            {
                "name": "Dörrmöte",
                **meeting_times(30),
                "partner_ids": [Command.set(self.customer.ids)],
            }
        )
        lead = self.env["crm.lead"].create({"name": "Dörrlead", "partner_id": self.customer.id})
        self.assertEqual(lead.email_from, "dorr.kund@example.org")
        message = self.order.message_post(
            body="Fråga",
            author_id=self.customer.id,
            email_from="dorr.kund@example.org",
            message_type="comment",
        )
        reads = [
            ("calendar.attendee", event.attendee_ids.ids, ["email", "phone"]),
            ("crm.lead", lead.ids, ["email_from", "phone", "email_normalized"]),
            ("mail.message", message.ids, ["email_from"]),
        ]
        for model, ids, fnames in reads:
            with self.subTest(model=model):
                hidden = json.dumps(self.assertAllowed(self.call("d_seller", model, "read", ids, fnames)))
                self.assertNotIn("dorr.kund@example.org", hidden)
                self.assertNotIn("+46 70 000 11 22", hidden)
                shown = json.dumps(self.assertAllowed(self.call("d_seller_ok", model, "read", ids, fnames)))
                self.assertIn("dorr.kund@example.org", shown)

    def test_searches_and_groups_on_copies_are_no_oracle(self):
        """Searching or grouping leads, messages and attendees by the copied
        e-mail finds only the copies the user may read."""
        event = self.env["calendar.event"].create(
            {
                "name": "Orakelmöte",
                **meeting_times(31),
                "partner_ids": [Command.set(self.customer.ids)],
            }
        )
        self.env["crm.lead"].create({"name": "Orakellead", "partner_id": self.customer.id})
        self.order.message_post(
            body="Orakel",
            author_id=self.customer.id,
            email_from="dorr.kund@example.org",
            message_type="comment",
        )
        searches = [
            ("crm.lead", [("email_from", "=like", "dorr.kund%")]),
            ("crm.lead", [("phone", "=", "+46 70 000 11 22")]),
            ("crm.lead", ["|", ("name", "=", "x"), ("email_normalized", "=like", "dorr%")]),
            ("mail.message", [("email_from", "=like", "dorr.kund%")]),
            ("calendar.attendee", [("event_id", "=", event.id), ("email", "=like", "dorr.kund%")]),
        ]
        for model, domain in searches:
            with self.subTest(model=model, domain=domain):
                self.assertEqual(self.assertAllowed(self.call("d_seller", model, "search_count", domain)), 0)
                self.assertGreater(
                    self.assertAllowed(self.call("d_seller_ok", model, "search_count", domain)), 0
                )
        for login, shown in (("d_seller", False), ("d_seller_ok", True)):
            with self.subTest(login=login):
                groups = self.assertAllowed(
                    self.call(login, "crm.lead", "read_group", [], ["email_from:array_agg"], ["email_from"])
                )
                self.assertEqual("dorr.kund@example.org" in json.dumps(groups), shown)
        # the search bar's "name or e-mail" still finds the customer's lead by its name
        search_bar = ["|", ("name", "ilike", "Orakellead"), ("email_from", "ilike", "Orakellead")]
        self.assertEqual(self.assertAllowed(self.call("d_seller", "crm.lead", "search_count", search_bar)), 1)
        # through a relation, the partner's own record rules apply
        by_relation = [("partner_id.email", "=like", "dorr.kund%")]
        self.assertEqual(
            self.assertAllowed(self.call("d_seller", "sale.order", "search_count", by_relation)), 0
        )
        self.assertEqual(
            self.assertAllowed(self.call("d_seller_ok", "sale.order", "search_count", by_relation)), 1
        )

    def test_partner_name_search_by_email_finds_no_staff(self):
        """Odoo's partner name search also matches e-mails: without 'System
        users: view users', staff partners are found by name only."""
        by_email = self.assertAllowed(self.call("d_none", "res.partner", "name_search", "kollega.dorr@your"))
        self.assertEqual(by_email, [])
        by_name = self.assertAllowed(self.call("d_none", "res.partner", "name_search", "D Colleague"))
        self.assertIn(self.colleague.partner_id.id, [pid for pid, _name in by_name])
        directory = self._user("d_directory", [USER, GDPR + "user_read"])
        self.assertTrue(directory)
        by_email = self.assertAllowed(
            self.call("d_directory", "res.partner", "name_search", "kollega.dorr@your")
        )
        self.assertEqual([pid for pid, _name in by_email], self.colleague.partner_id.ids)

    def test_mentions_find_colleagues_by_name_not_by_email(self):
        def suggestions(search):
            reply = self.call("d_none", "res.partner", "get_mention_suggestions", search)
            return json.dumps(self.assertAllowed(reply))

        by_name = suggestions("D Colleague")
        self.assertIn('"name": "D Colleague"', by_name)
        self.assertNotIn("kollega.dorr", by_name)
        self.assertNotIn("kollega.dorr", suggestions("kollega.dorr"))
        self.assertNotIn('"name": "D Colleague"', suggestions("kollega.dorr"))

    # 11. files --------------------------------------------------------------------------
    def test_invitation_file_follows_the_attendees_rights(self):
        self.env["ir.config_parameter"].set_param("calendar.block_mail", False)
        event = self.env["calendar.event"].create(
            {
                "name": "Inbjudan",
                **meeting_times(32),
                "partner_ids": [Command.set(self.customer.ids)],
            }
        )
        ics = self.env["ir.attachment"].search(
            [("res_model", "=", "calendar.event"), ("res_id", "=", event.id), ("name", "=", "invitation.ics")]
        )
        self.assertEqual(len(ics), 1, "creating the meeting sends one invitation")
        token = ics.generate_access_token()[0]
        for login, shown in (("d_seller", False), ("d_seller_ok", True)):
            self.authenticate(login, f"{login}_pw1")
            for url in (f"/web/content/{ics.id}", f"/web/content/{ics.id}?access_token={token}"):
                with self.subTest(login=login, url=url):
                    response = self.url_open(url)
                    self.assertEqual(response.status_code == 200, shown)
                    self.assertEqual("dorr.kund@example.org" in response.text, shown)
        reply = self.call("d_seller", "ir.attachment", "read", ics.ids, ["raw"])
        self.assertRefusedNaming(reply, "Customers: view")

    def test_avatar_access_token_gives_a_placeholder_without_the_right(self):
        from odoo.tools.image import image_process
        from odoo.tools.misc import limited_field_access_token

        photo = image_process(
            base64.b64decode(self.env.ref("base.user_admin").partner_id.image_1920), size=(64, 64)
        )
        self.customer.image_1920 = base64.b64encode(photo)
        token = limited_field_access_token(self.customer, "avatar_128")
        url = f"/web/image/res.partner/{self.customer.id}/avatar_128?access_token={token}"
        real = base64.b64decode(self.customer.avatar_128)
        for login, shown in (("d_seller", False), ("d_seller_ok", True)):
            with self.subTest(login=login):
                self.authenticate(login, f"{login}_pw1")
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.content == real, shown)

    def test_users_contact_fields_all_follow_the_directory_right(self):
        fnames = ["email_formatted", "email_normalized", "phone_sanitized", "contact_address"]
        values = self.assertAllowed(self.call("d_none", "res.users", "read", self.colleague.ids, fnames))
        self.assertNotIn("kollega.dorr", json.dumps(values))
        self.assertAccessError(
            self.call("d_none", "res.users", "search_count", [("email_normalized", "=like", "kollega%")])
        )
        self.assertAccessError(
            self.call("d_none", "res.users", "read_group", [], ["email_normalized:array_agg"], [])
        )

    # 4. bank accounts -------------------------------------------------------------
    def test_bank_accounts_follow_the_partner_rights(self):
        bank = self.customer.bank_ids
        rows = self.assertAllowed(self.call("d_none", "res.partner.bank", "search_read", [], ["acc_number"]))
        self.assertNotIn(bank.acc_number, json.dumps(rows))
        self.assertRefusedNaming(
            self.call("d_seller", "res.partner.bank", "write", bank.ids, {"acc_number": "X"}), "Customers:"
        )
        values = {"partner_id": self.customer.id, "acc_number": "SE7280000810340009783242"}
        self._user("d_contacts", [USER, SALES, "base.group_partner_manager"])  # Odoo's contact creation only
        self.assertRefusedNaming(self.call("d_contacts", "res.partner.bank", "create", values), "Customers:")
        self.assertRefusedNaming(
            self.call("d_contacts", "res.partner.bank", "unlink", bank.ids), "Customers:"
        )
        self.assertTrue(bank.exists())
        self.assertAllowed(
            self.call("d_customer_write", "res.partner.bank", "write", bank.ids, {"acc_holder_name": "Dörr"})
        )
        self.assertAllowed(self.call("d_customer_write", "res.partner.bank", "create", values))

    def test_payment_transactions_follow_the_partner_rights(self):
        """A transaction copies the payer's name, e-mail, phone and address."""
        provider = self.env["payment.provider"].create(
            {"name": "Dörrbetalning", "code": "none", "state": "test"}
        )
        transaction = self.env["payment.transaction"].create(
            {
                "provider_id": provider.id,
                "payment_method_id": self.env.ref("payment.payment_method_unknown").id,
                "reference": "DORR-1",
                "amount": 100,
                "currency_id": self.env.company.currency_id.id,
                "partner_id": self.customer.id,
            }
        )
        self.assertEqual(transaction.partner_email, "dorr.kund@example.org")
        accountant = [USER, "account.group_account_invoice"]
        self._user("d_accountant", accountant)
        self._user("d_accountant_ok", [*accountant, GDPR + "customer_read"])
        fields = ["partner_email", "partner_address", "partner_phone"]
        refused = self.call("d_accountant", "payment.transaction", "read", transaction.ids, fields)
        self.assertRefusedNaming(refused, "Customers: view")
        shown = self.assertAllowed(
            self.call("d_accountant_ok", "payment.transaction", "read", transaction.ids, fields)
        )
        self.assertEqual(shown[0]["partner_email"], "dorr.kund@example.org")

    # 5. user directory ----------------------------------------------------------
    def test_staff_contact_details_follow_the_directory_right(self):
        rows = self.assertAllowed(
            self.call("d_none", "res.partner", "search_read", [("user_ids", "!=", False)], ["email", "phone"])
        )
        self.assertNotIn("kollega.dorr@yourcompany.example.com", json.dumps(rows))
        self.assertAccessError(self.call("d_none", "res.users", "read_group", [], ["login:array_agg"], []))
        self.assertAccessError(self.call("d_none", "res.users", "read_group", [], ["email:array_agg"], []))
        self.assertAccessError(
            self.call("d_none", "res.users", "search_count", [("partner_id.email", "=like", "kollega%")])
        )
        count = self.assertAllowed(
            self.call("d_none", "res.partner", "search_count", [("email", "=like", "kollega.dorr%")])
        )
        self.assertEqual(count, 0)

    def test_user_autocomplete_and_filters_keep_working(self):
        names = self.assertAllowed(
            self.call("d_seller", "res.users", "name_search", self.env.ref("base.user_admin").name)
        )
        self.assertTrue(names)
        self.assertAllowed(
            self.call("d_seller", "sale.order", "search_read", [("user_id", "ilike", "Admin")], ["name"])
        )
        self.assertAllowed(
            self.call("d_none", "res.partner", "search_read", [("user_id", "ilike", "Admin")], ["name"])
        )

    # 6. exports through relations ---------------------------------------------------
    def test_exports_through_relations_need_the_rights(self):
        reply = self.call(
            "d_seller_ok",
            "sale.order",
            "export_data",
            self.order.ids,
            ["name", "partner_id/email", "partner_id/phone"],
        )
        self.assertRefusedNaming(reply, "e-mail")
        for path in ("user_ids/login", "message_ids/email_from", "opportunity_ids/email_from"):
            with self.subTest(path=path):
                self.assertAccessError(
                    self.call("d_export", "res.partner", "export_data", self.customer.ids, [path])
                )
        self.assertAllowed(
            self.call("d_export", "res.partner", "export_data", self.customer.ids, ["name", "city"])
        )
        self.assertNotIn("dorr.kund@example.org", self._xlsx_grouped_by_email("d_export"))
        self.assertIn("dorr.kund@example.org", self._xlsx_grouped_by_email("d_export_print"))

    def _xlsx_grouped_by_email(self, login):
        """The cells of ``/web/export/xlsx`` of the customer grouped by e-mail, or "" when refused."""
        self.authenticate(login, f"{login}_pw1")
        data = {
            "model": "res.partner",
            "fields": [{"name": "name", "label": "Name"}],
            "ids": self.customer.ids,
            "domain": [],
            "groupby": ["email"],
            "import_compat": False,
        }
        response = self.url_open(
            "/web/export/xlsx", data={"data": json.dumps(data), "csrf_token": http.Request.csrf_token(self)}
        )
        if response.status_code != 200 or not response.content.startswith(b"PK"):
            return ""
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)

    # 8. erasure plan ------------------------------------------------------------------
    def test_erasure_plan_is_for_officers(self):
        self.assertAccessError(
            self.call("d_seller_ok", "res.partner", "gdpr_erasure_plan", self.customer.ids)
        )

    # 9. kind changes and archiving ----------------------------------------------------
    def test_changing_the_kind_or_archiving_needs_the_rights(self):
        reply = self.call("d_customer_write", "res.partner", "write", self.customer.ids, {"customer_rank": 0})
        self.assertRefusedNaming(reply, "Customers: delete")
        reply = self.call("d_customer_write", "res.partner", "write", self.customer.ids, {"active": False})
        self.assertRefusedNaming(reply, "Customers: delete")
        self.customer.invalidate_recordset()
        self.assertTrue(self.customer.active)
        self.assertEqual(self.customer.gdpr_partner_kind, "customer")
        self.assertAllowed(
            self.call("d_customer_write", "res.partner", "write", self.customer.ids, {"city": "Nydörrby"})
        )

    # 10. a partner with a quotation or a lead is a customer ------------------------------
    def test_quotation_or_lead_makes_a_customer(self):
        quoted = self.env["res.partner"].create({"name": "Offertkund Dörr"})
        leaded = self.env["res.partner"].create({"name": "Leadkund Dörr"})
        self.assertEqual(quoted.gdpr_partner_kind, "other")
        self.env["sale.order"].create({"partner_id": quoted.id})
        self.env["crm.lead"].create({"name": "Lead", "partner_id": leaded.id})
        self.env.flush_all()
        self.assertEqual((quoted | leaded).mapped("gdpr_partner_kind"), ["customer", "customer"])
        self.assertAccessError(self.call("d_none", "res.partner", "read", quoted.ids, ["name"]))

    # stock flows: a salesperson with the customer right quotes, confirms and sends -----------
    def test_salesperson_with_the_right_quotes_confirms_and_sends(self):
        order_id = self.assertAllowed(
            self.call(
                "d_seller_ok",
                "sale.order",
                "create",
                {
                    "partner_id": self.customer.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                },
            )
        )
        self.assertAllowed(self.call("d_seller_ok", "sale.order", "action_confirm", [order_id]))
        self.assertAllowed(self.call("d_seller_ok", "sale.order", "action_quotation_send", [order_id]))

    def test_salesperson_without_the_right_gets_a_clear_message(self):
        reply = self.call("d_seller", "res.partner", "read", self.customer.ids, ["email"])
        self.assertRefusedNaming(reply, "Customers: view")
