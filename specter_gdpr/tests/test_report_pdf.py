# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The addon's PDF reports printed by wkhtmltopdf and read back with pdfplumber."""

import io
import unittest

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase
from odoo.tests import TransactionCase
from odoo.tests import new_test_user
from odoo.tests import tagged

from odoo.addons.base.models import ir_actions_report

from ..models.report_res_partner_label import LABEL_HEIGHT_MM
from ..models.report_res_partner_label import LABEL_WIDTH_MM
from ..models.report_res_partner_label import LABELS_PER_PAGE
from ..models.report_res_partner_label import SHEET_TOP_MM

try:
    import pdfplumber
except ImportError:  # pragma: no cover - requirements-test.txt installs it
    pdfplumber = None

MM = 72 / 25.4  # PDF points per mm
# where the first line's text starts inside a label: the label's padding, and
# for the top the half-leading of a 10 pt font on a 12 pt line
TEXT_LEFT_MM = 5
TEXT_TOP_MM = 4 + (12 - 10) / 2 / MM
TOLERANCE_MM = 1
LONG_NAME = "Kungliga Hovstallets Ridskola och Vagnmuseum för Åländska Ödemarkernas Vänner"
LONG_STREET = "Drottning Kristinas Väg Längs Med Östra Ägorna Mot Älvsjö Gård 123"


def _text(words):
    return " ".join(" ".join(word["text"].split()) for word in words)


@tagged("post_install", "-at_install")
class TestReportPdf(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if pdfplumber is None or ir_actions_report.wkhtmltopdf_state != "ok":
            raise unittest.SkipTest("needs wkhtmltopdf and pdfplumber")
        sweden = cls.env.ref("base.se")
        cls.env.company.country_id = sweden
        cls.partners = cls.env["res.partner"].create(
            [
                {
                    "name": f"Kund{index:02d} Åström",
                    "street": f"Sveavägen {index}",
                    "zip": "41101",
                    "city": "Göteborg",
                    "country_id": sweden.id,
                }
                for index in range(LABELS_PER_PAGE + 2)
            ]
        )
        cls.partners[1].name = f"Kund01 {LONG_NAME}"
        cls.partners[2].street = LONG_STREET
        cls.partners[3].country_id = cls.env.ref("base.no")
        cls.printer = cls.env["res.users"].create(
            {
                "name": "Etikett Skrivare",
                "login": "label_printer",
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("specter_gdpr.group_customer_print").id,
                        ]
                    )
                ],
            }
        )

    def _pdf(self, report, records, data=None, user=None):
        """The report as wkhtmltopdf prints it, its assets served by the test server."""
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.env.user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids, data=data)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        return pdfplumber.open(io.BytesIO(content))

    def _labels(self, partners, start=1):
        """{partner index: (page number, first line's words)}, printed as the label printer."""
        found = {}
        data = {"start_position": start}
        with self._pdf("specter_gdpr.action_report_partner_label", partners, data, self.printer) as pdf:
            for page_number, page in enumerate(pdf.pages):
                self.assertAlmostEqual(page.width / MM, 210, delta=TOLERANCE_MM)
                self.assertAlmostEqual(page.height / MM, 297, delta=TOLERANCE_MM)
                for line in page.extract_text_lines(return_chars=True, x_tolerance=1.5):
                    self._split_line(line, page_number, found)
        return found

    def _split_line(self, line, page_number, found):
        """A text line across the sheet holds up to three labels' lines: split it at each 'KundNN'."""
        words = pdfplumber.utils.extract_words(line["chars"], keep_blank_chars=False)
        for position, word in enumerate(words):
            if word["text"].startswith("Kund") and word["text"][4:6].isdigit():
                label_words = [word]
                for follower in words[position + 1 :]:
                    if follower["text"].startswith("Kund") and follower["text"][4:6].isdigit():
                        break
                    label_words.append(follower)
                found[int(word["text"][4:6])] = (page_number, label_words)

    def _expected(self, slot):
        row, column = divmod(slot % LABELS_PER_PAGE, 3)
        return slot // LABELS_PER_PAGE, column * LABEL_WIDTH_MM, SHEET_TOP_MM + row * LABEL_HEIGHT_MM

    def assertOnGrid(self, found, index, slot):
        page, left, top = self._expected(slot)
        page_number, words = found[index]
        self.assertEqual(page_number, page, f"label {index}")
        self.assertAlmostEqual(
            words[0]["x0"] / MM, left + TEXT_LEFT_MM, delta=TOLERANCE_MM, msg=f"label {index}"
        )
        self.assertAlmostEqual(
            words[0]["top"] / MM, top + TEXT_TOP_MM, delta=TOLERANCE_MM, msg=f"label {index}"
        )
        for word in words:  # cut within its label, not running into the next one
            self.assertLessEqual(word["x1"] / MM, left + LABEL_WIDTH_MM, f"label {index}: {_text(words)}")

    def test_labels_on_the_grid_with_swedish_letters(self):
        found = self._labels(self.partners)
        self.assertEqual(sorted(found), list(range(len(self.partners))))
        for index in range(len(self.partners)):
            self.assertOnGrid(found, index, index)  # 24 on the first sheet, the rest on a second

        with self._pdf("specter_gdpr.action_report_partner_label", self.partners) as pdf:
            self.assertEqual(len(pdf.pages), 2)
            text = "\n".join(page.extract_text() for page in pdf.pages)
        self.assertIn("Kund00 Åström", text)
        self.assertIn("Sveavägen 0", text)
        self.assertIn("411 01 GÖTEBORG", text)
        self.assertIn("NORGE" if self.env.ref("base.no").name == "Norge" else "NORWAY", text)
        self.assertNotIn("Ã", text, "mojibake: UTF-8 read as Latin-1")

    def test_long_name_and_street_cut_within_their_label(self):
        found = self._labels(self.partners[:3])
        self.assertOnGrid(found, 1, 1)
        name = _text(found[1][1])
        self.assertTrue(name.startswith("Kund01 Kungliga Hovstallets"), name)
        self.assertNotIn("Vänner", name)
        with self._pdf("specter_gdpr.action_report_partner_label", self.partners[:3]) as pdf:
            page = pdf.pages[0]
            for word in page.extract_words():
                if "Längs" in word["text"] or "Drottning" in word["text"]:  # label 2: 140 to 210 mm
                    self.assertGreaterEqual(word["x0"] / MM, 2 * LABEL_WIDTH_MM)
                    self.assertLessEqual(word["x1"] / MM, 3 * LABEL_WIDTH_MM)
            self.assertNotIn("Älvsjö Gård 123", page.extract_text())

    def test_start_position_skips_the_used_labels(self):
        found = self._labels(self.partners[:4], start=23)
        for index in range(4):  # slots 22 and 23 of the first sheet, then the second sheet
            self.assertOnGrid(found, index, 22 + index)

    def test_start_position_outside_the_sheet_is_refused(self):
        wizard = (
            self.env["gdpr.label.print.wizard"]
            .with_user(self.printer)
            .with_context(active_model="res.partner", active_ids=self.partners[:2].ids)
            .create({})
        )
        self.assertEqual(wizard.partner_ids, self.partners[:2])
        self.assertEqual(wizard.start_position, 1)
        for bad in (0, 25, -3):
            wizard.start_position = bad
            with self.assertRaisesRegex(UserError, "from 1 to 24"):
                wizard.action_print()
            with self.assertRaisesRegex(UserError, "from 1 to 24"):
                self.env["report.specter_gdpr.report_partner_label"].with_user(
                    self.printer
                )._get_report_values(self.partners[:2].ids, {"start_position": bad})
        wizard.start_position = 7
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "specter_gdpr.report_partner_label")
        self.assertEqual(action["data"], {"start_position": 7})
        self.assertEqual(action["context"]["active_ids"], self.partners[:2].ids)

    def test_records_of_processing(self):
        activity = self.env["gdpr.processing.activity"].create(
            {
                "name": "Kundregister för Göteborgskontoret",
                "purpose": "Leverans av beställda varor till kunder i Västra Götaland",
                "legal_basis": "contract",
                "retention": "Sju år efter räkenskapsårets utgång",
            }
        )
        with self._pdf("specter_gdpr.action_report_processing_activities", activity) as pdf:
            text = "\n".join(page.extract_text() for page in pdf.pages)
        text = " ".join(text.split())
        self.assertIn("Records of processing activities", text)
        self.assertIn("Kundregister för Göteborgskontoret", text)
        self.assertIn("Västra Götaland", text)
        self.assertIn("Sju år efter räkenskapsårets utgång", text)
        self.assertNotIn("Ã", text)


@tagged("post_install", "-at_install")
class TestLabelPrintMenu(TransactionCase):
    def test_print_menu_opens_the_start_position_dialog_for_those_with_the_right(self):
        printer = new_test_user(
            self.env, "menu_printer", groups="base.group_user,specter_gdpr.group_customer_print"
        )
        other = new_test_user(self.env, "menu_other", groups="base.group_user")
        other.groups_id -= self.env.ref("specter_gdpr.group_customer_print")

        def printables(user):
            bindings = self.env["ir.actions.actions"].with_user(user).get_bindings("res.partner")
            return {action["id"] for action in bindings.get("report", [])}

        dialog = self.env.ref("specter_gdpr.action_gdpr_label_print_wizard").id
        self.assertIn(dialog, printables(printer))
        self.assertNotIn(dialog, printables(other))
        self.assertNotIn(self.env.ref("specter_gdpr.action_report_partner_label").id, printables(printer))
