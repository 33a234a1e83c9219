# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Requests over HTTP as the people who make them: portal customers, anyone
on the public form, and an officer in the web client."""

import io
import re
import zipfile

from odoo import Command
from odoo.tests import tagged

from .common import RpcCase


@tagged("post_install", "-at_install")
class TestRequestHttp(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = {}
        for login, name in (("kund_a", "Kund Andersson"), ("kund_b", "Kund Bengtsson")):
            partner = cls.env["res.partner"].create(
                {
                    "name": name,
                    "email": f"{login}@example.org",
                    "phone": "+46 70 123 45 67",
                    "customer_rank": 1,
                }
            )
            cls.customers[login] = cls._user(login, ["base.group_portal"], partner_id=partner.id)

    def test_portal_customer_gets_their_data_and_nobody_elses(self):
        self.authenticate("kund_a", "kund_a_pw1")
        self.assertIn("/my/personal-data", self.url_open("/my").text)
        reply = self._form("/my/personal-data/request", "/my/personal-data", request_type="access")
        self.assertIn("is registered", reply.text)
        request = self.env["gdpr.request"].search([("requester_user_id", "=", self.customers["kund_a"].id)])
        self.assertEqual((request.state, request.identity_method), ("in_progress", "login"))
        self.env["gdpr.request"]._cron_portal_exports()
        self.assertEqual(request.state, "done")

        download = self.url_open(f"/my/personal-data/download/{request.id}")
        self.assertEqual(download.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
            data = archive.read("personal_data.json").decode()
        self.assertIn("kund_a@example.org", data)
        self.assertNotIn("Bengtsson", data)
        self.assertTrue(self.env["gdpr.export.log"].search([("user_id", "=", self.customers["kund_a"].id)]))

        self.authenticate("kund_b", "kund_b_pw1")
        self.assertEqual(self.url_open(f"/my/personal-data/download/{request.id}").status_code, 403)
        attachment = request.export_ids.attachment_id
        for route in (f"/web/content/{attachment.id}", f"/web/content/{attachment.id}?download=true"):
            self.assertNotEqual(self.url_open(route).status_code, 200, route)
        self.assertNotIn(request.name, self.url_open("/my/personal-data").text)
        reply = self.call("kund_b", "gdpr.request", "search_read", [], ["requester_email"])
        self.assertAccessError(reply)

    def test_employees_without_rights_get_no_export_and_no_file(self):
        """An employee holding no right opens neither an export ZIP nor a file
        of a record they may not read, by any route (their cache must not
        have been filled as superuser by a check of ours)."""
        self._user("plain_employee", ["base.group_user"])
        partner = self.customers["kund_a"].partner_id
        zip_id = partner.gdpr_export_personal_data()
        order = self.env["sale.order"].create({"partner_id": partner.id})
        private = self.env["ir.attachment"].create(
            {
                "name": "privat.txt",
                "raw": b"Kund A:s hemlighet",
                "res_model": "sale.order",
                "res_id": order.id,
            }
        )
        self.authenticate("plain_employee", "plain_employee_pw1")
        for attachment_id in (zip_id, private.id):
            for route in (
                f"/web/content/{attachment_id}?download=true",
                f"/web/content/ir.attachment/{attachment_id}/datas",
                f"/web/image/{attachment_id}",
            ):
                response = self.url_open(route)
                if "/web/image/" not in route:  # that route answers with a placeholder picture
                    self.assertNotEqual(response.status_code, 200, route)
                self.assertNotIn(b"hemlighet", response.content, route)
                self.assertFalse(response.content.startswith(b"PK"), route)
        self.assertAccessError(self.call("plain_employee", "ir.attachment", "read", [zip_id], ["name"]))

    def test_portal_erasure_request_and_objection(self):
        self.authenticate("kund_b", "kund_b_pw1")
        self._form("/my/personal-data/request", "/my/personal-data", request_type="erasure")
        request = self.env["gdpr.request"].search([("requester_user_id", "=", self.customers["kund_b"].id)])
        self.assertEqual(request.request_type, "erasure")
        self.assertEqual(request.partner_ids, self.customers["kund_b"].partner_id)
        self.assertTrue(self.customers["kund_b"].partner_id.exists(), "an officer runs the plan")
        reply = self._form("/my/personal-data/object", "/my/personal-data")
        self.assertIn("not send you marketing", reply.text)
        self._form("/my/personal-data/object", "/my/personal-data")
        objections = self.env["gdpr.request"].search(
            [("requester_user_id", "=", self.customers["kund_b"].id), ("request_type", "=", "objection")]
        )
        self.assertEqual(len(objections), 1, "one objection a day on record")
        self.assertFalse(
            self.env["mail.followers"].search(
                [
                    ("res_model", "=", "gdpr.request"),
                    ("partner_id", "=", self.customers["kund_b"].partner_id.id),
                ]
            ),
            "the customer follows nothing in the register",
        )
        page = self.url_open("/my/personal-data?message=Ditt+konto+är+låst").text
        self.assertNotIn("Ditt konto är låst", page)
        self.assertTrue(self.env["mail.blacklist"].search([("email", "=", "kund_b@example.org")]))
        self.assertTrue(self.env["phone.blacklist"].search([("number", "=", "+46701234567")]))
        self.assertFalse(self.env["mail.blacklist"].search([("email", "=", "kund_a@example.org")]))

    def test_public_form_confirmation_and_rate_limit(self):
        self.env["mail.mail"].search([]).unlink()
        known = self._form(
            "/gdpr/request",
            "/gdpr/request",
            request_type="erasure",
            name="Kund A",
            email="kund_a@example.org",
        )
        unknown = self._form(
            "/gdpr/request", "/gdpr/request", request_type="erasure", name="Ingen", email="ingen@example.org"
        )
        self.env["gdpr.request"]._cron_send_identity_links()
        message = "If the address is valid, you will receive an e-mail"
        self.assertIn(message, known.text)
        self.assertEqual(known.text.count(message), unknown.text.count(message))
        mail = self.env["mail.mail"].search([("email_to", "=", "kund_a@example.org")])
        token = re.search(r"/gdpr/confirm/([\w-]+)", mail.body_html).group(1)
        request = self.env["gdpr.request"].search([("requester_email", "=", "kund_a@example.org")])
        self.assertEqual((request.state, request.channel), ("identity", "web"))

        self.assertIn("Confirm my request", self.url_open(f"/gdpr/confirm/{token}").text)
        self.assertEqual(request.state, "identity", "following the link alone confirms nothing")
        confirmed = self._form("/gdpr/confirm", f"/gdpr/confirm/{token}", token=token)
        self.assertIn("is confirmed", confirmed.text)
        self.assertEqual(request.state, "in_progress")
        again = self._form("/gdpr/confirm", "/gdpr/request", token=token)
        self.assertIn("not valid", again.text)

        for index in range(3):
            self._form(
                "/gdpr/request",
                "/gdpr/request",
                request_type="access",
                name="X",
                email=f"x{index}@example.org",
            )
        limited = self._form(
            "/gdpr/request", "/gdpr/request", request_type="access", name="X", email="y@example.org"
        )
        self.assertIn("Too many requests", limited.text)
        self.assertFalse(self.env["gdpr.request"].search([("requester_email", "=", "y@example.org")]))

    def test_download_link_for_a_requester_without_login(self):
        request = self.env["gdpr.request"].create(
            {
                "request_type": "access",
                "requester_email": "kund_a@example.org",
                "partner_ids": [Command.set(self.customers["kund_a"].partner_id.ids)],
                "identity_note": "ID",
            }
        )
        request.action_confirm_identity()
        request.action_export()
        request.action_done()
        mail = self.env["mail.mail"].search(
            [("email_to", "=", "kund_a@example.org")], order="id desc", limit=1
        )
        token = re.search(r"/gdpr/download/([\w-]+)", mail.body_html).group(1)
        self.assertEqual(self.url_open(f"/gdpr/download/{token}").status_code, 200)
        self.assertEqual(self.url_open(f"/gdpr/download/{token}x").status_code, 404, "not a token of ours")
        self.assertEqual(
            self.url_open(f"/gdpr/download/{token[:-1]}{'B' if token[-1] == 'A' else 'A'}").status_code,
            403,
            "not issued",
        )
        request.export_ids.date_expiry = "2020-01-01"
        self.assertEqual(self.url_open(f"/gdpr/download/{token}").status_code, 403)

    def test_officer_tour(self):
        self.env["res.partner"].create({"name": "Turid Tursson", "email": "turid.tursson@example.org"})
        self._user("officer_tour", ["base.group_user", "specter_gdpr.group_gdpr_officer"])
        action = self.env.ref("specter_gdpr.action_gdpr_request_overview_open")
        self.start_tour(
            f"/odoo/action-{action.id}", "specter_gdpr_request_officer_tour", login="officer_tour"
        )

    def test_portal_tour(self):
        self.start_tour("/my", "specter_gdpr_request_portal_tour", login="kund_a")
        self.assertTrue(self.env["mail.blacklist"].search([("email", "=", "kund_a@example.org")]))
