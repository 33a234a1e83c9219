# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The self-service surfaces attacked over HTTP, as an outsider, a portal
customer and an officer would (issue #22): each test fails on the code
before the fix, and compares other people's rows before and after."""

import base64
import io
import json
import logging
import os
import re
import zipfile

from markupsafe import Markup

from odoo import Command
from odoo.tests import tagged

from ..controllers.token_log_filter import TokenLogFilter
from .common import RpcCase

LEAD_EMAIL = "lena.lead@example.org"
NOTE_PHONE = "+46 70 555 12 34"


@tagged("post_install", "-at_install")
class TestRequestAttacks(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.attacker = cls._user(
            "mallory",
            ["base.group_portal"],
            partner_id=env["res.partner"]
            .create(
                {
                    "name": "Mallory Malm",
                    "email": "mallory@example.net",
                    "phone": "+46 70 111 00 00",
                    "street": "Malmgatan 1",
                    "city": "Malmö",
                    "country_id": env.ref("base.se").id,
                    "customer_rank": 1,
                }
            )
            .id,
        )
        cls.mallory = cls.attacker.partner_id
        cls.officer = cls._user("officer_x", ["base.group_user", "specter_gdpr.group_gdpr_officer"])
        # somebody else's lead, with a CV, and their opt-out
        cls.lead = env["crm.lead"].create(
            {
                "name": "Lena söker jobb",
                "email_from": LEAD_EMAIL,
                "description": "Lena, personnummer 900101-1234",
            }
        )
        cls.cv = env["ir.attachment"].create(
            {
                "name": "cv.txt",
                "raw": b"Lena Lead, 900101-1234",
                "res_model": "crm.lead",
                "res_id": cls.lead.id,
            }
        )
        env["mail.blacklist"]._add(LEAD_EMAIL)
        # another customer's order whose note names a third person's phone
        cls.other = env["res.partner"].create(
            {"name": "Olle Annan", "email": "olle@example.org", "customer_rank": 1}
        )
        cls.other_order = env["sale.order"].create(
            {"partner_id": cls.other.id, "note": f"Ring Olles granne på {NOTE_PHONE} om skulden"}
        )
        cls.attacker_order = env["sale.order"].create({"partner_id": cls.mallory.id})

    # -- helpers ----------------------------------------------------------------
    def _edit_own_details(self, email, phone):
        """Mallory types someone else's e-mail and phone into /my/account."""
        self.authenticate("mallory", "mallory_pw1")
        reply = self._form(
            "/my/account",
            "/my/account",
            name="Mallory Malm",
            email=email,
            phone=phone,
            street="Malmgatan 1",
            city="Malmö",
            country_id=str(self.env.ref("base.se").id),
        )
        self.assertEqual(reply.status_code, 200)
        self.mallory.invalidate_recordset()
        self.assertEqual((self.mallory.email, self.mallory.phone), (email, phone))

    def _others(self):
        """Other people's rows, to compare before and after."""
        self.env.invalidate_all()
        return {
            "lead": self.lead.exists() and self.lead.read(["email_from", "description", "phone"]),
            "cv": self.cv.exists() and self.cv.raw,
            "blacklist": self.env["mail.blacklist"].search([("email", "=", LEAD_EMAIL)]).read(["active"]),
            "note": str(self.other_order.note),
            "other": self.other.read(["name", "email"]),
        }

    def _portal_zip(self, login):
        self.authenticate(login, f"{login}_pw1")
        self._form("/my/personal-data/request", "/my/personal-data", request_type="access")
        self.env["gdpr.request"]._cron_portal_exports()
        request = self.env["gdpr.request"].search(
            [("requester_user_id.login", "=", login), ("request_type", "=", "access")], limit=1
        )
        return request

    def _zip_text(self, request_id):
        download = self.url_open(f"/my/personal-data/download/{request_id}")
        self.assertEqual(download.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
            return "\n".join(archive.read(name).decode(errors="ignore") for name in archive.namelist())

    # 1. the confirmation page ----------------------------------------------------
    def test_crafted_confirmation_link_renders_nothing(self):
        crafted = "/gdpr/confirm/..%5C..%5Cmy%5Caccount%3Fname%3DX%26email%3Dattacker%40evil.example"
        page = self.url_open(crafted)
        self.assertEqual(page.status_code, 404)
        self.assertTrue(page.text.startswith("<!DOCTYPE html>"))
        self.assertIn("This link is not valid.", page.text)
        self.assertNotIn("my\\account", page.text)
        self.assertNotIn("attacker@evil.example", page.text)
        for token in ('"><script>x</script>' + "a" * 30, "a" * 42, "a" * 44, "A" * 42 + "%00"):
            self.assertEqual(self.url_open(f"/gdpr/confirm/{token}").status_code, 404, token)
        good = "A" * 43
        page = self.url_open(f"/gdpr/confirm/{good}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('action="/gdpr/confirm"', page.text)
        self.assertIn(f'name="token" value="{good}"', page.text)
        # the button posts to the fixed address: an unknown token confirms nothing
        reply = self._form("/gdpr/confirm", f"/gdpr/confirm/{good}", token=good)
        self.assertIn("not valid", reply.text)

    def test_tokens_stay_out_of_the_access_log(self):
        record = logging.LogRecord(
            "werkzeug",
            logging.INFO,
            __file__,
            1,
            '"%s" %s %s',
            ("GET /gdpr/download/" + "B" * 43 + " HTTP/1.1", 200, 5),
            None,
        )
        TokenLogFilter().filter(record)
        self.assertEqual(record.getMessage(), '"GET /gdpr/download/[token] HTTP/1.1" 200 5')
        for line, logged in (
            ("GET /gdpr//download/" + "C" * 43 + " HTTP/1.1", "GET /gdpr//download/[token] HTTP/1.1"),
            (
                "GET /gdpr/confirm?token=" + "D" * 43 + "&x=1 HTTP/1.1",
                "GET /gdpr/confirm?token=[token]&x=1 HTTP/1.1",
            ),
        ):
            record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, "%s", (line,), None)
            TokenLogFilter().filter(record)
            self.assertEqual(record.getMessage(), logged)
        self.assertTrue(any(isinstance(f, TokenLogFilter) for f in logging.getLogger("werkzeug").filters))

    # 2. a self-asserted e-mail or phone does not decide whose data is exported ----------
    def test_edited_email_and_phone_export_nobody_elses_data(self):
        before = self._others()
        self._edit_own_details(LEAD_EMAIL, NOTE_PHONE)
        claims = self.mallory.sudo().gdpr_identifier_claim_ids
        self.assertEqual(sorted(claims.mapped("field_name")), ["email", "phone"])
        self.assertFalse(any(claims.mapped("verified")))
        verify = self.env["mail.mail"].search([("email_to", "=", LEAD_EMAIL)], order="id desc", limit=1)
        self.assertIn("/gdpr/verify/", verify.body_html, "the new address is asked to confirm")

        request = self._portal_zip("mallory")
        self.assertEqual(request.state, "done", "nothing of anyone else's to review: released at once")
        data = self._zip_text(request.id)
        self.assertIn("Malmgatan", data)
        for secret in ("Lena söker jobb", "900101-1234", "skulden", "Olle"):
            self.assertNotIn(secret, data)
        # the officer's own export does not use the unverified values either
        officer_zip = self.mallory.with_user(self.officer).gdpr_export_personal_data()
        raw = base64.b64decode(self.env["ir.attachment"].browse(officer_zip).datas)
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            officer_data = archive.read("personal_data.json").decode()
        self.assertNotIn("Lena söker jobb", officer_data)
        self.assertNotIn("skulden", officer_data)
        self.assertEqual(self._others(), before)

    def test_an_employee_editing_their_own_email_gets_nobody_elses_notes(self):
        employee = self._user("plain_emp", ["base.group_user"])
        reply = self.call("plain_emp", "res.users", "write", employee.ids, {"email": "olle@example.org"})
        self.assertNotIn("error", reply)
        claim = employee.partner_id.sudo().gdpr_identifier_claim_ids
        self.assertEqual((claim.field_name, claim.verified), ("email", False))
        self.authenticate("plain_emp", "plain_emp_pw1")
        request = self._portal_zip("plain_emp")
        self.assertNotIn("Olle Annan", self._zip_text(request.id))

    # 3. ... nor what an erasure destroys -------------------------------------------------
    def test_erasing_a_partner_with_edited_details_harms_nobody(self):
        before = self._others()
        self._edit_own_details(LEAD_EMAIL, NOTE_PHONE)
        plan = self.mallory.with_user(self.officer).gdpr_erasure_plan()[self.mallory.id]
        self.assertTrue(any("unverified" in reason for reason in plan["reasons"]), plan)
        self.assertTrue(any("changed in the last 30 days" in reason for reason in plan["reasons"]), plan)
        self.assertFalse(any(LEAD_EMAIL in reason for reason in plan["reasons"]), "the log stays free of it")
        result = self.call("officer_x", "res.partner", "gdpr_erase", self.mallory.ids)
        self.assertNotIn("error", result)
        self.assertFalse(self.env["gdpr.identifier.claim"].search([("partner_id", "=", self.mallory.id)]))
        self.assertEqual(self._others(), before)

    def test_a_verified_address_finds_data_again(self):
        self._edit_own_details("mallory.ny@example.net", "+46 70 111 00 00")
        mail = self.env["mail.mail"].search(
            [("email_to", "=", "mallory.ny@example.net")], order="id desc", limit=1
        )
        token = re.search(r"/gdpr/verify/([\w-]+)", mail.body_html).group(1)
        self.assertIn("Confirm my e-mail address", self.url_open(f"/gdpr/verify/{token}").text)
        self.assertFalse(self.mallory.sudo().gdpr_identifier_claim_ids.verified, "following the link alone")
        reply = self._form("/gdpr/verify", f"/gdpr/verify/{token}", token=token)
        self.assertIn("is confirmed", reply.text)
        self.assertTrue(self.mallory.sudo().gdpr_identifier_claim_ids.verified)
        self.assertIn("not valid", self._form("/gdpr/verify", "/gdpr/request", token=token).text)

    # 4. a web request names a partner by proof only ---------------------------------------
    def test_a_web_request_by_name_alone_gets_no_data(self):
        self.env["mail.mail"].search([]).unlink()
        self._form(
            "/gdpr/request",
            "/gdpr/request",
            request_type="access",
            name="Olle Annan",
            email="mallory@evil.example",
        )
        self.env["gdpr.request"]._cron_send_identity_links()
        mail = self.env["mail.mail"].search([("email_to", "=", "mallory@evil.example")])
        self.assertNotIn("Olle", mail.body_html, "the outsider's text is not mailed under our name")
        token = re.search(r"/gdpr/confirm/([\w-]+)", mail.body_html).group(1)
        self._form("/gdpr/confirm", f"/gdpr/confirm/{token}", token=token)
        request = self.env["gdpr.request"].search([("requester_email", "=", "mallory@evil.example")])
        self.assertEqual((request.state, request.identity_method), ("in_progress", "email"))
        self.assertEqual(request.proposed_partner_ids, self.other)
        self.assertIn("name (no proof", request.match_summary)
        reply = self.call("officer_x", "gdpr.request", "action_use_proposed_partners", request.ids)
        self.assertIn("no matching partner is proven", json.dumps(reply))
        self.assertFalse(request.partner_ids)
        # linked by hand, it still is no proof
        self.call(
            "officer_x", "gdpr.request", "write", request.ids, {"partner_ids": [Command.set(self.other.ids)]}
        )
        for method in ("action_export", "action_done"):
            reply = self.call("officer_x", "gdpr.request", method, request.ids)
            self.assertIn("nothing proves that Olle Annan is the requester", json.dumps(reply), method)
        self.assertFalse(request.export_ids)

    # 5. staff-only notes about others stay out of a customer's copy --------------------------
    def test_internal_notes_wait_for_review_and_never_reach_the_person_unreviewed(self):
        self.attacker_order.message_post(
            body=Markup("<p>Olle (olle@example.org, %s) har obetalda fakturor</p>") % NOTE_PHONE,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.attacker_order.activity_schedule("mail.mail_activity_data_todo", note="Mallory är sjukskriven")
        request = self._portal_zip("mallory")
        self.assertEqual(request.state, "in_progress", "held for review")
        self.assertIn("wait for your decision", request.export_hold)
        self.assertEqual(sorted(request.review_item_ids.mapped("reason")), ["internal", "internal"])
        self.assertFalse(request.export_ids)
        self.assertIn("Being prepared", self.url_open("/my/personal-data").text)
        items = request.review_item_ids
        self.call("officer_x", "gdpr.review.item", "action_exclude", items.ids)
        self.assertTrue(self.call("officer_x", "gdpr.request", "action_export", request.ids)["result"])
        self.assertEqual(request.state, "done")
        self.authenticate("mallory", "mallory_pw1")
        data = self._zip_text(request.id)
        self.assertNotIn("obetalda", data)
        self.assertNotIn("sjukskriven", data)
        self.assertNotIn("olle@example.org", data)

    # 6. controlled fields are not opened by a context key ----------------------------------
    def test_a_context_key_does_not_open_the_controlled_fields(self):
        request = self.env["gdpr.request"].create(
            {"request_type": "access", "requester_email": "x@example.org"}
        )
        portal = self._user("someone_else", ["base.group_portal"])
        for values in (
            {"identity_confirmed": True, "identity_method": "officer"},
            {"state": "done"},
            {"requester_user_id": portal.id},
        ):
            reply = self.call(
                "officer_x", "gdpr.request", "write", request.ids, values, context={"gdpr_request_step": True}
            )
            self.assertIn("change only through the request's buttons", json.dumps(reply), values)
        request.invalidate_recordset()
        self.assertEqual(
            (request.state, request.identity_confirmed, request.requester_user_id.id), ("new", False, False)
        )

    # 7. exports do not fill the disk ------------------------------------------------------------
    def test_exports_are_limited_and_replaced_and_their_files_removed(self):
        Export = self.env["gdpr.data.export"]
        first = self._portal_zip("mallory")
        second = self._portal_zip("mallory")
        self.assertNotEqual(first, second)
        self.assertEqual(first.state, "done")
        self.assertFalse(first.export_ids, "the new copy replaces the older")
        self._portal_zip("mallory")
        reply = self._form("/my/personal-data/request", "/my/personal-data", request_type="access")
        self.assertIn("3 copies of this person", reply.text)
        self.assertEqual(Export.search_count([("partner_ids", "in", self.mallory.ids)]), 1)
        # the file leaves the file store with its record, once committed
        export = Export.search([("partner_ids", "in", self.mallory.ids)])
        path = self.env["ir.attachment"]._full_path(export.attachment_id.store_fname)
        self.assertTrue(os.path.exists(path))
        export.unlink()
        self.assertTrue(os.path.exists(path), "not before the commit")
        self.env.cr.postcommit.run()
        self.assertFalse(os.path.exists(path))
        # a copy larger than the limit is not built: the officer is told
        self.env["gdpr.request"].search([("requester_user_id", "=", self.attacker.id)]).unlink()
        self.env.company.gdpr_export_max_mb = 1
        self.env["ir.attachment"].create(
            {
                "name": "big.bin",
                "raw": os.urandom(1_200_000),
                "res_model": "sale.order",
                "res_id": self.attacker_order.id,
            }
        )
        held = self._portal_zip("mallory")
        self.assertEqual(held.state, "in_progress")
        self.assertIn("more than the limit of 1 MB", held.export_hold)
        self.assertFalse(held.export_ids)

    # 8. bad input on the public form --------------------------------------------------------------
    def test_public_form_refuses_bad_input_clearly(self):
        count = self.env["gdpr.request"].search_count([])
        for name, email, words in (
            ("Nul\x00Byte", "nul@example.org", "control characters"),
            ("Ingen", "@example.net", "valid e-mail"),
            ("Ingen", "x@@example.net", "valid e-mail"),
            ("Ingen", "x@example", "valid e-mail"),
            ("Ditt konto är låst, gå till https://evil.example", "x@example.org", "no web addresses"),
        ):
            reply = self._form(
                "/gdpr/request", "/gdpr/request", request_type="access", name=name, email=email
            )
            self.assertEqual(reply.status_code, 200, name)
            self.assertIn(words, reply.text, name)
        self.assertEqual(self.env["gdpr.request"].search_count([]), count, "nothing stored")

    def test_an_exhausted_mailbox_gets_the_same_answer_and_no_mail(self):
        answers = []
        for index in range(4):
            reply = self._form(
                "/gdpr/request",
                "/gdpr/request",
                request_type="access",
                name="Offer",
                email=f"victim+{index}@example.org",
            )
            answers.append(re.sub(r'csrf_token(?:" value="|: ")[^"]+"', "", reply.text))
            self.url_open("/web/session/logout")
        self.assertEqual(len(set(answers)), 1, "the answer never tells")
        requests = self.env["gdpr.request"].search([("email_key", "=", "victim@example.org")], order="id")
        self.assertEqual(len(requests), 4, "every valid request is registered the same way")
        self.env["gdpr.request"]._cron_send_identity_links()
        self.assertEqual(self.env["mail.mail"].search_count([("email_to", "ilike", "victim+")]), 3)
        self.assertEqual(requests[-1].state, "refused")

    # found by the second, independent attack ---------------------------------------------
    def test_a_formatted_address_typed_over_json_rpc_selects_nobody(self):
        before = self._others()
        reply = self.call(
            "mallory", "res.users", "write", self.attacker.ids, {"email": f'"M" <{LEAD_EMAIL}>'}
        )
        self.assertNotIn("error", reply)
        self.assertEqual(self.mallory.email_normalized, LEAD_EMAIL)
        self.assertIn(LEAD_EMAIL, self.env["gdpr.identifier.claim"]._unverified_keys(self.mallory.ids))
        request = self._portal_zip("mallory")
        self.assertEqual(request.state, "done")
        self.assertNotIn("Lena", self._zip_text(request.id))
        self.assertNotIn("error", self.call("officer_x", "res.partner", "gdpr_erase", self.mallory.ids))
        self.assertEqual(self._others(), before)

    def test_only_the_account_that_typed_an_address_confirms_it(self):
        for index in range(4):
            self.call(
                "mallory",
                "res.users",
                "write",
                self.attacker.ids,
                {"email": f"lena.lead+{index}@example.org"},
            )
        confirm = ("subject", "=", "Confirm your e-mail address")
        mails = self.env["mail.mail"].search([("email_to", "like", "lena.lead+"), confirm])
        self.assertEqual(len(mails), 4, "one a mailbox-variant")
        for _attempt in range(4):
            self.call("mallory", "res.users", "write", self.attacker.ids, {"email": f'"Vinn" <{LEAD_EMAIL}>'})
            self.call("mallory", "res.users", "write", self.attacker.ids, {"email": "mallory@example.net"})
        to_lena = self.env["mail.mail"].search([("email_to", "=", LEAD_EMAIL), confirm])
        self.assertEqual(len(to_lena), 3, "at most 3 a day to one mailbox, to the bare address")
        token = re.search(r"/gdpr/verify/([\w-]+)", to_lena[0].body_html).group(1)
        # Lena, logged in to her own account, follows the link: it confirms nothing for Mallory
        self._user("lena_portal", ["base.group_portal"])
        self.authenticate("lena_portal", "lena_portal_pw1")
        reply = self._form("/gdpr/verify", f"/gdpr/verify/{token}", token=token)
        self.assertIn("Log in to the account where you entered this address", reply.text)
        self.assertFalse(any(self.mallory.sudo().gdpr_identifier_claim_ids.mapped("verified")))
        self.url_open("/web/session/logout")
        self.assertIn("/web/login", self.url_open(f"/gdpr/verify/{token}").url, "log in first")

    def test_default_context_keys_set_no_controlled_field(self):
        context = {
            "default_identity_confirmed": True,
            "default_identity_method": "email",
            "default_state": "in_progress",
            "default_requester_user_id": self.attacker.id,
        }
        reply = self.call(
            "officer_x",
            "gdpr.request",
            "create",
            {"request_type": "access", "requester_email": "olle@example.org"},
            context=context,
        )
        request = self.env["gdpr.request"].browse(reply["result"])
        self.assertEqual(
            (
                request.state,
                request.identity_confirmed,
                request.identity_method,
                request.requester_user_id.id,
            ),
            ("new", False, False, False),
        )

    def test_the_confirmed_mailbox_does_not_change(self):
        request = self.env["gdpr.request"].create(
            {"request_type": "access", "requester_email": "quo@example.org"}
        )
        request.action_send_identity_link()
        token = re.search(
            r"/gdpr/confirm/([\w-]+)",
            self.env["mail.mail"].search([("email_to", "=", "quo@example.org")], limit=1).body_html,
        ).group(1)
        self._form("/gdpr/confirm", f"/gdpr/confirm/{token}", token=token)
        self.assertTrue(request.identity_confirmed)
        reply = self.call(
            "officer_x", "gdpr.request", "write", request.ids, {"requester_email": "olle@example.org"}
        )
        self.assertIn("does not change", json.dumps(reply))
        self.assertEqual(request.requester_email, "quo@example.org")

    def test_addresses_odoo_refuses_are_a_clear_message(self):
        for email in (
            "zed\uff20outsider.example",
            "a@x.example, b@y.example",
            "zed@outsider.example\r\nBcc: x@y.example",
        ):
            reply = self._form(
                "/gdpr/request", "/gdpr/request", request_type="access", name="Zed", email=email
            )
            self.assertEqual(reply.status_code, 200, email)
            self.assertIn("valid e-mail", reply.text, email)
        for name in ("Visit evil.example", "Win at bit.ly/x", "Prize at evil.co.uk", "go evil\uff0ecom"):
            reply = self._form(
                "/gdpr/request", "/gdpr/request", request_type="access", name=name, email="z@example.org"
            )
            self.assertIn("no web addresses", reply.text, name)
        self.assertEqual(self.url_open("/gdpr/download/" + "A" * 42 + "%00").status_code, 404)

    def test_a_customer_who_downloaded_their_copy_can_be_erased(self):
        request = self._portal_zip("mallory")
        self._zip_text(request.id)
        self.assertTrue(self.env["gdpr.export.log"].search([("user_id", "=", self.attacker.id)]))
        result = self.call("officer_x", "res.partner", "gdpr_erase", self.mallory.ids)["result"]
        self.assertFalse(result["failed"], result)
        self.assertFalse(self.attacker.exists())

    def test_the_plan_shows_records_of_others_the_erasure_changes(self):
        vera = self.env["res.partner"].create(
            {"name": "Vera Verklig", "email": "vera@example.org", "customer_rank": 1}
        )
        self.other_order.note = Markup("<p>Olle säger att vera@example.org vet besked</p>")
        wizard = (
            self.env["gdpr.erasure.wizard"]
            .with_user(self.officer)
            .create({"partner_ids": [(6, 0, vera.ids)]})
        )
        self.assertIn("Also changes records of others", wizard.plan_html)
        self.assertIn("Sales Order (1)", wizard.plan_html)
        self.assertNotIn("vera@example.org", wizard.plan_html, "kinds and counts, no values")
