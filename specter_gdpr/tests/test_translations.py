# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
import tempfile
from datetime import date
from pathlib import Path

from odoo.tests import TransactionCase
from odoo.tests import tagged
from odoo.tools.translate import PoFileReader
from odoo.tools.translate import trans_export

SV_PO = Path(__file__).resolve().parent.parent / "i18n" / "sv.po"


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_string_has_a_swedish_translation(self):
        """Every term Odoo exports for the module today (not a stale .pot)
        has a Swedish translation in sv.po."""
        with tempfile.NamedTemporaryFile(suffix=".pot") as pot:
            trans_export(None, ["specter_gdpr"], pot, "po", self.env.cr)
            pot.flush()
            terms = {row["src"] for row in PoFileReader(pot.name) if row["src"].strip()}
        swedish = {row["src"]: row["value"] for row in PoFileReader(str(SV_PO))}
        missing = sorted(term for term in terms if not swedish.get(term))
        self.assertEqual(missing, [], f"{len(missing)} strings have no Swedish translation")

    def test_placeholders_survive_translation(self):
        rows = [row for row in PoFileReader(str(SV_PO)) if row["value"]]
        pattern = r"%\(\w+\)s|\{\{[^}]+\}\}|t-out=\"[^\"]+\""
        broken = [
            row["src"][:60]
            for row in rows
            if sorted(re.findall(pattern, row["src"])) != sorted(re.findall(pattern, row["value"]))
        ]
        self.assertEqual(broken, [])

    def test_request_emails_in_the_requesters_language(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["specter_gdpr"], ["sv_SE"], overwrite=True)
        request = self.env["gdpr.request"].create(
            {
                "request_type": "access",
                "requester_name": "Greta",
                "requester_email": "greta@example.org",
                "lang": "sv_SE",
                "identity_note": "ID",
            }
        )
        request.action_confirm_identity()
        mail = self.env["mail.mail"].search([("email_to", "=", "greta@example.org")])
        self.assertIn("Din begäran", mail.body_html)
        self.assertIn("är bekräftad", mail.body_html)
        self.assertIn("har tagit emot", mail.subject)

    def test_dates_follow_the_users_language(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        export = self.env["res.partner.xlsx.export"]
        self.assertEqual(export.with_context(lang="sv_SE")._date_format(), "yyyy-mm-dd")
        self.assertEqual(export.with_context(lang="en_US")._date_format(), "mm/dd/yyyy")
        activities = self.env["gdpr.processing.activity"].search([], limit=1)
        today = date.today()
        for lang, shown in (("sv_SE", today.strftime("%Y-%m-%d")), ("en_US", today.strftime("%m/%d/%Y"))):
            html, _format = (
                self.env["ir.actions.report"]
                .with_context(lang=lang)
                ._render_qweb_html("specter_gdpr.action_report_processing_activities", activities.ids)
            )
            self.assertIn(shown, html.decode(), lang)

    def test_swedish_wording_is_imys(self):
        """The words Swedish users know from IMY and their ERP."""
        swedish = {row["src"]: row["value"] for row in PoFileReader(str(SV_PO))}
        expected = {
            "Controller:": "Personuppgiftsansvarig:",
            "Erase personal data": "Radera personuppgifter",
            "Anonymise": "Anonymisera",
            "Data processing agreement": "Personuppgiftsbiträdesavtal",
            "Records of processing": "Registerförteckning",
            "Your personal data": "Dina personuppgifter",
        }
        self.assertEqual({src: swedish.get(src) for src in expected}, expected)
