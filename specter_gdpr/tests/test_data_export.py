# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The personal-data export (Art. 15 and 20): everything the erasure would
look for is in it, nothing of anyone else, and only officers may make it."""

import email
import email.policy
import io
import json
import zipfile
from urllib.parse import unquote

from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GdprCase


def zip_text(raw):
    """Every text of a ZIP as a person would read it: the JSON decoded, the
    HTML, and the files (e-mails decoded, calendar lines unfolded)."""
    texts = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            text = data.decode("utf-8", errors="ignore").replace("\r\n ", "")
            if name.endswith(".json"):
                text = json.dumps(json.loads(data), ensure_ascii=False)
            if name.endswith(".eml") or text.startswith(("Return-Path", "Received", "From:")):
                message = email.message_from_bytes(data, policy=email.policy.default)
                text += b"".join(p.get_payload(decode=True) or b"" for p in message.walk()).decode(
                    errors="ignore"
                )
            texts.append(text)
    return "\n".join(texts).lower()


@tagged("post_install", "-at_install")
class TestDataExport(GdprCase):
    def _export(self, partners):
        attachment = self.env["ir.attachment"].browse(partners.gdpr_export_personal_data())
        self.assertEqual(attachment.mimetype, "application/zip")
        return attachment

    def test_export_holds_every_identifier_and_nothing_of_anyone_else(self):
        partner, identifiers = self.create_customer("7")
        identifiers, world = self.add_residue_world(partner, identifiers)
        self.env.flush_all()

        text = zip_text(self._export(partner).raw)

        compact = text.replace(" ", "")  # a phone number as typed or in E.164

        def found(value):
            value = value.lower()
            return value in text or unquote(value) in text or value.replace(" ", "") in compact

        missing = [value for value in identifiers if not found(value)]
        self.assertEqual(missing, [])
        strangers = [value for value in self.bystander_values if value.lower() in text]
        self.assertEqual(strangers, [], "the export holds another customer's data")
        for value in (world["someone"].name, "Annan affär", "Tillfällig kund"):
            self.assertNotIn(value.lower(), text)
        self.assertIn("kontakt.txt", text, "the file of the person's e-mail is in the ZIP")

    def test_sections_files_and_cover(self):
        partner, _identifiers = self.create_customer("8")
        _order, invoice = self.add_paid_order(partner)
        pdf = self.env["ir.attachment"].create(
            {
                "name": "faktura.pdf",
                "raw": b"%PDF-1.4 Kvistgren",
                "res_model": "account.move",
                "res_id": invoice.id,
            }
        )
        self.env["gdpr.processing.activity"].create(
            {
                "name": "Kundregister",
                "purpose": "Leverera och fakturera",
                "legal_basis": "contract",
                "retention": "7 år efter räkenskapsåret",
            }
        )
        with zipfile.ZipFile(io.BytesIO(self._export(partner).raw)) as archive:
            names = archive.namelist()
            data = json.loads(archive.read("personal_data.json"))
            html = archive.read("personal_data.html").decode()
        models = {section["model"] for section in data["sections"]}
        self.assertLessEqual(
            {
                "res.partner",
                "res.partner.bank",
                "sale.order",
                "sale.order.line",
                "account.move",
                "account.move.line",
                "account.payment",
            },
            models,
        )
        bank = next(s for s in data["sections"] if s["model"] == "res.partner.bank")
        self.assertEqual(bank["records"][0]["acc_number"], partner.bank_ids.acc_number, "numbers in full")
        self.assertTrue(any(name.endswith("faktura.pdf") for name in names), names)
        self.assertTrue(any(name.endswith("image_1920") for name in names), "the person's picture")
        self.assertIn("Kundregister", html)
        self.assertIn("7 år efter räkenskapsåret", html)
        self.assertEqual(data["sections"][0]["model"], "res.partner", "the person comes first")
        self.assertTrue(pdf.exists())

    def test_portal_login_without_password_hash(self):
        partner, _identifiers = self.create_customer("9")
        user = self.add_portal_user(partner)
        self.env.cr.execute("SELECT password FROM res_users WHERE id = %s", [user.id])
        password_hash = self.env.cr.fetchone()[0]
        text = zip_text(self._export(partner).raw)
        self.assertIn(user.login.lower(), text)
        self.assertNotIn(password_hash.lower(), text)
        self.assertNotIn("portal-password-1", text)

    def test_registry_every_erased_model_exports(self):
        """A model the erasure scrubs and the export forgets is a failure."""
        engine = self.env["gdpr.erasure"]
        erased = {model._name for model in engine._hook_models("_gdpr_erase")}
        exported = {model._name for model in engine._hook_models("_gdpr_export")}
        self.assertEqual(erased - exported, set())

    def test_only_officers_export(self):
        partner, _identifiers = self.create_customer("5")
        with self.assertRaises(AccessError):
            partner.with_user(self.staff).gdpr_export_personal_data()
        with self.assertRaises(UserError):
            self.env["res.partner"].browse([0]).gdpr_export_personal_data()

    def test_erasure_deletes_earlier_exports(self):
        partner, _identifiers = self.create_customer("4")
        attachment = self._export(partner)
        export = self.env["gdpr.data.export"].search([("attachment_id", "=", attachment.id)])
        self._erase(partner)
        self.assertFalse(export.exists())
        self.assertFalse(attachment.exists())

    def test_expired_exports_are_deleted(self):
        partner, _identifiers = self.create_customer("3")
        attachment = self._export(partner)
        export = self.env["gdpr.data.export"].search([("attachment_id", "=", attachment.id)])
        export.date_expiry = "2020-01-01"
        self.env["gdpr.data.export"]._gc_expired()
        self.assertFalse(export.exists())
        self.assertFalse(attachment.exists())

    def test_an_officer_exports_only_partners_they_may_read(self):
        other_company = self.env["res.company"].create({"name": "Annat Bolag AB"})
        foreign = self.env["res.partner"].create({"name": "Främmande Kund", "company_id": other_company.id})
        officer = self.env["res.users"].create(
            {
                "name": "Olle Ombud",
                "login": "olle.ombud",
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("specter_gdpr.group_gdpr_officer").id,
                        ],
                    )
                ],
            }
        )
        with self.assertRaisesRegex(AccessError, "may not read"):
            foreign.with_user(officer).gdpr_export_personal_data()
        partner, _identifiers = self.create_customer("2")
        self.assertTrue(partner.with_user(officer).gdpr_export_personal_data())

    def test_no_earlier_export_no_escaping_path_and_others_orders_limited(self):
        partner, _identifiers = self.create_customer("6")
        first = self._export(partner)
        buyer = self.env["res.partner"].create({"name": "Köpare Annan", "customer_rank": 1})
        gift = self.env["sale.order"].create(
            {
                "partner_id": buyer.id,
                "partner_shipping_id": partner.id,
                "note": "<p>Köparens hemliga notis</p>",
            }
        )
        gift.message_post(body="Köparens kortproblem", message_type="comment")
        self.env["ir.attachment"].create(
            {"name": "köparens.txt", "raw": b"Annan", "res_model": "sale.order", "res_id": gift.id}
        )
        evil = self.env["ir.attachment"].create(
            {"name": "../../x.desktop", "raw": b"x", "res_model": "../../../etc", "res_id": 1}
        )
        partner.message_post(body="Bifogat", attachment_ids=evil.ids, message_type="comment")
        with zipfile.ZipFile(io.BytesIO(self._export(partner).raw)) as archive:
            names = archive.namelist()
            data = json.loads(archive.read("personal_data.json"))
        self.assertFalse([name for name in names if name.endswith(".zip")], "an earlier export nested")
        self.assertTrue(first.exists())
        for name in names:
            self.assertFalse(name.startswith("/") or ".." in name.split("/"), name)
            self.assertTrue(name.startswith("files/") or name.startswith("personal_data."), name)
        text = json.dumps(data, ensure_ascii=False)
        self.assertIn(gift.name, text, "the order delivered to the person is listed")
        for secret in ("hemliga notis", "kortproblem", "köparens.txt", "Köpare Annan"):
            self.assertNotIn(secret, text + " ".join(names))
