# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Restriction of processing (Art. 18) carried out, over JSON-RPC as real users."""

import io
import json
import zipfile
from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import RpcCase

USER = "base.group_user"
GDPR = "specter_gdpr.group_"
SELLER_GROUPS = [
    USER,
    "sales_team.group_sale_salesman_all_leads",
    "account.group_account_invoice",
    GDPR + "customer_read",
    GDPR + "customer_create",
    GDPR + "customer_write",
]
RESTRICTED = "processing is restricted (Art. 18 GDPR)"
HOW = "A GDPR officer can record an exception (Art. 18(2))"


@tagged("post_install", "-at_install")
class TestRestriction(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls._user("k_seller", SELLER_GROUPS, email="k.seller@yourcompany.example.com")
        cls.officer = cls._user(
            "k_officer", [*SELLER_GROUPS, GDPR + "gdpr_officer"], email="k.officer@yourcompany.example.com"
        )
        Partner = cls.env["res.partner"]
        cls.company = Partner.create(
            {
                "name": "Begränsad AB",
                "is_company": True,
                "customer_rank": 1,
                "email": "info@begransad.example",
            }
        )
        cls.contact = Partner.create(
            {
                "name": "Berit Begränsad",
                "parent_id": cls.company.id,
                "email": "berit@begransad.example",
                "mobile": "+46 70 111 22 33",
                "lang": "en_US",
            }
        )
        cls.other = Partner.create(
            {
                "name": "Fri Kund AB",
                "is_company": True,
                "customer_rank": 1,
                "email": "kontakt@frikund.example",
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Begränsningstjänst", "type": "service", "list_price": 50}
        )
        cls.restriction = cls.env["gdpr.restriction"]._restrict(
            cls.company, "accuracy", note="Bestrider adressen"
        )

    # -- helpers ----------------------------------------------------------------
    def assertRefusedNaming(self, reply, *words):
        error = reply.get("error", {}).get("data", {})
        self.assertEqual(error.get("name"), "odoo.exceptions.UserError", reply)
        for word in (RESTRICTED, HOW, *words):
            self.assertIn(word, error["message"])

    def assertAllowed(self, reply):
        self.assertNotIn("error", reply, reply.get("error", {}).get("data", {}).get("message"))

    def _order(self, login, partner):
        values = {"partner_id": partner.id, "order_line": [Command.create({"product_id": self.product.id})]}
        return self.call(login, "sale.order", "create", values)

    def _invoice(self, login, partner):
        values = {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_line_ids": [Command.create({"name": "Tjänst", "price_unit": 100})],
        }
        return self.call(login, "account.move", "create", values)

    def _lead(self, login, partner):
        return self.call(login, "crm.lead", "create", {"name": "Ny affär", "partner_id": partner.id})

    def _meeting(self, login, partner):
        values = {
            "name": "Genomgång",
            "start": "2030-01-10 10:00:00",
            "stop": "2030-01-10 11:00:00",
            "partner_ids": [Command.set(partner.ids)],
        }
        return self.call(login, "calendar.event", "create", values)

    def _edit(self, login, partner):
        return self.call(login, "res.partner", "write", partner.ids, {"phone": "+46 8 999 99 99"})

    def _partner_rows(self, partners):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT to_jsonb(p) - 'write_date' FROM res_partner p WHERE id IN %s ORDER BY id",
            [tuple(partners.ids)],
        )
        return self.env.cr.fetchall()

    # -- what is blocked -----------------------------------------------------------
    def test_quotation_invoice_lead_and_edit_are_refused_naming_the_restriction(self):
        for what, attempt in (
            ("a new quotation or order", self._order),
            ("a new invoice, credit note or bill", self._invoice),
            ("a new lead or opportunity", self._lead),
            ("a new meeting", self._meeting),
            ("a change of its data", self._edit),
        ):
            for partner in (self.company, self.contact):  # the company's restriction covers its contacts
                with self.subTest(what=what, partner=partner.name):
                    self.assertRefusedNaming(attempt("k_seller", partner), what, "Begränsad AB")
        self.assertFalse(self.env["sale.order"].search([("partner_id", "child_of", self.company.id)]))
        self.assertFalse(self.env["crm.lead"].search([("partner_id", "child_of", self.company.id)]))
        self.assertFalse(self.contact.phone)

    def test_the_refusal_speaks_the_users_language(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["specter_gdpr"], ["sv_SE"], overwrite=True)
        self._user("k_saljare", SELLER_GROUPS, lang="sv_SE")
        values = {"partner_id": self.contact.id}
        # the web client sends the user's language in every call's context
        reply = self.call("k_saljare", "sale.order", "create", values, context={"lang": "sv_SE"})
        error = reply["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertIn("behandlingen är begränsad (art. 18 GDPR)", error["message"])
        self.assertIn("en ny offert eller order", error["message"])
        self.assertIn("Korrektheten bestrids", error["message"])
        self.assertIn("registrera ett undantag (art. 18.2)", error["message"])

    def test_other_partners_are_unaffected(self):
        before = self._partner_rows(self.other | self.env.ref("base.partner_admin"))
        third = self.env["res.partner"].create({"name": "Tredje Person", "email": "info@frikund.se"})
        self.env["gdpr.restriction"]._restrict(third, "objection")  # the same e-mail address as other's
        self.assertEqual(self._partner_rows(self.other | self.env.ref("base.partner_admin")), before)
        self.assertFalse(self.other.gdpr_restricted)
        for attempt in (self._order, self._invoice, self._lead, self._meeting):
            self.assertAllowed(attempt("k_seller", self.other))
        self.assertAllowed(self._edit("k_seller", self.other))
        self.assertEqual(self.other.phone, "+46 8 999 99 99")
        found = self.call("k_seller", "res.partner", "search", [("gdpr_restricted", "=", True)])["result"]
        self.assertIn(self.company.id, found)
        self.assertIn(self.contact.id, found)
        self.assertNotIn(self.other.id, found)

    def test_confirming_a_quotation_of_a_restricted_partner_is_refused(self):
        self.restriction.sudo().state = "lifted"
        order = self.env["sale.order"].create(
            {"partner_id": self.contact.id, "order_line": [Command.create({"product_id": self.product.id})]}
        )
        self.restriction.sudo().state = "active"
        self.assertRefusedNaming(
            self.call("k_seller", "sale.order", "action_confirm", order.ids), "confirming"
        )
        self.assertEqual(order.state, "draft")

    def test_mail_to_a_restricted_partner_is_held_with_the_reason_in_the_chatter(self):
        reply = self.call(
            "k_seller",
            "res.partner",
            "message_post",
            self.other.ids,
            body="Hej, här är offerten",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[self.contact.id, self.other.id],
        )
        self.assertAllowed(reply)
        message = self.env["mail.message"].browse(reply["result"])
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        held = mails.filtered(lambda mail: self.contact in mail.recipient_ids)
        sent = mails.filtered(lambda mail: self.other in mail.recipient_ids)
        self.assertEqual(held.state, "exception")
        self.assertIn(RESTRICTED, held.failure_reason)
        self.assertIn("an e-mail", held.failure_reason)
        self.assertEqual(sent.state, "outgoing", "the other partner's mail leaves")
        notes = self.other.message_ids.mapped("body")
        self.assertTrue(any("Not sent" in note and "Begränsad AB" in note for note in notes), notes)
        # by address only, and queued before the restriction: held when the queue runs
        direct = self.env["mail.mail"].create(
            {"email_to": "Berit <berit@begransad.example>", "body_html": "x"}
        )
        self.assertEqual(direct.state, "exception")
        self.restriction.sudo().state = "lifted"
        queued = self.env["mail.mail"].create({"email_to": "berit@begransad.example", "body_html": "y"})
        self.restriction.sudo().state = "active"
        queued.send()
        self.assertEqual(queued.state, "exception")
        self.assertIn(RESTRICTED, queued.failure_reason)

    def test_sms_to_a_restricted_partner_is_held(self):
        reply = self.call(
            "k_seller",
            "sms.composer",
            "create",
            {
                "composition_mode": "comment",
                "res_model": "res.partner",
                "res_id": self.contact.id,
                "body": "Ert paket är på väg",
                "recipient_single_number_itf": "+46701112233",
            },
        )
        self.assertAllowed(reply)
        self.assertAllowed(self.call("k_seller", "sms.composer", "action_send_sms", [reply["result"]]))
        sms = self.env["sms.sms"].sudo().search([("number", "=", "+46701112233")])
        self.assertTrue(sms)
        self.assertEqual(set(sms.mapped("state")), {"canceled"})
        notes = self.contact.message_ids.mapped("body")
        self.assertTrue(any("Not sent" in note and "an SMS" in note for note in notes), notes)
        free = self.env["sms.sms"].create(
            {"partner_id": self.other.id, "number": "+46701234567", "body": "x"}
        )
        self.assertEqual(free.state, "outgoing")

    def test_an_officers_exception_lets_processing_through_and_is_logged(self):
        reply = self.call(
            "k_seller",
            "gdpr.restriction",
            "action_record_exception",
            self.restriction.ids,
            "legal_claim",
            "Obetald faktura",
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError", reply)
        reply = self.call(
            "k_officer",
            "gdpr.restriction",
            "action_record_exception",
            self.restriction.ids,
            "legal_claim",
            "Kravet på betalning för levererad tjänst",
            "Faktura för levererad tjänst",
        )
        self.assertAllowed(reply)
        exception = self.env["gdpr.restriction.exception"].browse(reply["result"])
        self.assertAllowed(self._invoice("k_officer", self.company))
        self.assertIn("a new invoice", exception.done)
        self.assertEqual(exception.user_id, self.officer)
        self.assertTrue(
            any("exception to the restriction" in body for body in self.company.message_ids.mapped("body"))
        )
        # the exception is the officer's: the seller is still refused
        self.assertRefusedNaming(self._invoice("k_seller", self.company), "a new invoice")
        # a context key opens nothing
        reply = self.post(
            "k_seller",
            "/web/dataset/call_kw",
            {
                "model": "sale.order",
                "method": "create",
                "args": [{"partner_id": self.company.id}],
                "kwargs": {"context": {"gdpr_restriction_allowed": True, "gdpr_step": True}},
            },
        )
        self.assertRefusedNaming(reply, "a new quotation")
        # it runs out
        with freeze_time(date.today() + relativedelta(days=1)):
            self.assertRefusedNaming(self._lead("k_officer", self.company), "a new lead")

    # -- retention and erasure ---------------------------------------------------------
    def test_retention_rule_passes_over_a_restricted_partner_erasure_request_goes_ahead(self):
        rule = self.env["gdpr.retention.rule"].create(
            {"name": "Regel", "scope": "never_purchased", "months": 24, "mode": "erase"}
        )
        lone = self.env["res.partner"].create({"name": "Ensam Begränsad", "email": "ensam@example.org"})
        twin = self.env["res.partner"].create({"name": "Ensam Fri", "email": "fri@example.org"})
        self.env["gdpr.restriction"]._restrict(lone, "objection")
        self.env.flush_all()
        with freeze_time(date.today() + relativedelta(months=25)):
            due = rule._gdpr_due_partners()
            self.assertIn(twin.id, due.ids)
            self.assertNotIn(lone.id, due.ids)
            plan = self.env["res.partner"].with_context(gdpr_rule_id=rule.id).browse(lone.ids)
            self.assertEqual(plan.gdpr_erasure_plan()[lone.id]["action"], "blocked")
        # the person's own erasure request: erased, and the log says it was restricted
        result = self.env["res.partner"].with_user(self.officer).browse(lone.ids).gdpr_erase()
        self.assertEqual(result["deleted"] + result["anonymised"], lone.ids, result)
        log = self.env["gdpr.erasure.log"].browse(result["log_ids"])
        self.assertIn("restricted (Art. 18)", log.reasons)
        self.assertFalse(self.env["gdpr.restriction"].search([("partner_id", "=", lone.id)]).note)

    def test_export_holds_the_restriction_and_its_exceptions(self):
        self.restriction.with_user(self.officer).action_record_exception("consent", "Samtycke per telefon")
        attachment = self.env["ir.attachment"].browse(self.company.gdpr_export_personal_data())
        with zipfile.ZipFile(io.BytesIO(attachment.raw)) as archive:
            data = json.loads(archive.read("personal_data.json"))
        models = {section["model"]: section for section in data["sections"]}
        self.assertIn("gdpr.restriction", models)
        self.assertIn("gdpr.restriction.exception", models)
        self.assertEqual(models["gdpr.restriction.exception"]["records"][0]["note"], "Samtycke per telefon")

    # -- carrying out and lifting ---------------------------------------------------------
    def test_a_restriction_request_is_carried_out(self):
        partner = self.env["res.partner"].create({"name": "Rolf Begär", "email": "rolf@example.org"})
        request = self.env["gdpr.request"].create(
            {
                "request_type": "restriction",
                "requester_name": "Rolf Begär",
                "requester_email": "rolf@example.org",
                "partner_ids": [Command.set(partner.ids)],
                "identity_note": "ID-kort visat",
            }
        )
        reply = self.call("k_officer", "gdpr.request", "action_restrict", request.ids, reason="legal_claim")
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.UserError", reply)
        self.assertIn("Confirm the requester's identity", reply["error"]["data"]["message"])
        request.with_user(self.officer).action_confirm_identity()
        self.assertAllowed(
            self.call("k_officer", "gdpr.request", "action_restrict", request.ids, reason="legal_claim")
        )
        self.assertTrue(partner.gdpr_restricted)
        self.assertEqual(partner.gdpr_restriction_id.request_id, request)
        self.assertIn("restricted", request.outcome)

    def test_the_person_is_told_before_lifting_in_their_language(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["specter_gdpr"], ["sv_SE"], overwrite=True)
        swede = self.env["res.partner"].create(
            {"name": "Svea Svensson", "email": "svea@example.se", "lang": "sv_SE"}
        )
        restriction = self.env["gdpr.restriction"]._restrict(swede, "accuracy")
        reply = self.call(
            "k_seller", "gdpr.restriction", "action_lift", restriction.ids, "Adressen är rättad"
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError", reply)
        reply = self.call("k_officer", "gdpr.restriction", "action_lift", restriction.ids, "")
        self.assertIn("reason", reply["error"]["data"]["message"])
        self.assertTrue(swede.gdpr_restricted)
        self.assertAllowed(
            self.call("k_officer", "gdpr.restriction", "action_lift", restriction.ids, "Adressen är rättad")
        )
        mail = self.env["mail.mail"].sudo().search([("recipient_ids", "in", swede.ids)])
        self.assertEqual(len(mail), 1)
        self.assertTrue(mail.gdpr_restriction_allowed, "let through by the addon, not held")
        self.assertNotIn(RESTRICTED, mail.failure_reason or "")
        self.assertIn("Begränsningen av behandlingen", mail.subject)
        self.assertIn("begränsning av behandling", mail.body_html)
        self.assertEqual(restriction.state, "lifted")
        self.assertTrue(restriction.notice_date <= restriction.lift_date)
        self.assertFalse(swede.gdpr_restricted)
        self.assertAllowed(self._order("k_seller", swede))

    def test_portal_page_shows_the_restriction(self):
        portal = self._user("k_portal", ["base.group_portal"], partner_id=self.contact.id)
        free = self._user("k_portal_free", ["base.group_portal"], partner_id=self.other.id)
        self.assertTrue(portal and free)
        self.authenticate("k_portal", "k_portal_pw1")
        page = self.url_open("/my/personal-data").text
        self.assertIn("Processing of your data is restricted since", page)
        self.assertIn("Accuracy contested", page)
        self.authenticate("k_portal_free", "k_portal_free_pw1")
        self.assertNotIn("Processing of your data is restricted", self.url_open("/my/personal-data").text)
