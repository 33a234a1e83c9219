# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import date

from openpyxl import load_workbook

from odoo import Command
from odoo import fields
from odoo.tests import HttpCase
from odoo.tests import tagged

from .common import RpcCase


@tagged("post_install", "-at_install")
class TestDpa(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Bolag B AB"})
        cls.user_a = cls._user("dpa_user_a", ["base.group_user"])
        cls.user_a2 = cls._user("dpa_user_a2", ["base.group_user"])
        cls.user_b = cls._user(
            "dpa_user_b",
            ["base.group_user"],
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.officer = cls._user("dpa_officer", ["base.group_user", "specter_gdpr.group_gdpr_officer"])
        cls.version = cls.env["gdpr.dpa"].create(
            {
                "version_code": "2099.TEST",
                "title": "Data processing agreement, test version",
                "effective_date": fields.Date.today(),
                "lang": "en_US",
                "body": "<p>Test terms</p>",
            }
        )

    def _acceptances(self, company=None):
        domain = [("version_code", "=", "2099.TEST")]
        if company:
            domain.append(("company_id", "=", company.id))
        return self.env["gdpr.dpa.acceptance"].search(domain)

    def test_login_accepts_once_per_company(self):
        self.assertEqual(self.env["gdpr.dpa"]._current_version_code(), "2099.TEST")
        self.assertFalse(self._acceptances())
        self.authenticate("dpa_user_a", "dpa_user_a_pw1")
        acceptance = self._acceptances(self.company_a)
        self.assertEqual(len(acceptance), 1)
        self.assertEqual((acceptance.user_id, acceptance.method), (self.user_a, "continued_use"))
        self.authenticate("dpa_user_a", "dpa_user_a_pw1")
        self.authenticate("dpa_user_a2", "dpa_user_a2_pw1")
        self.assertEqual(len(self._acceptances()), 1)
        self.authenticate("dpa_user_b", "dpa_user_b_pw1")
        self.assertEqual(len(self._acceptances(self.company_b)), 1)
        self.assertEqual(self._acceptances(self.company_b).user_id, self.user_b)

    def test_future_version_is_not_accepted_yet(self):
        self.version.effective_date = date(2999, 1, 1)
        self.authenticate("dpa_user_a", "dpa_user_a_pw1")
        self.assertFalse(self._acceptances())

    def test_explicit_acceptance(self):
        self.version.with_user(self.officer).action_accept()
        self.assertEqual(self._acceptances(self.company_a).method, "explicit")

    def test_acceptances_cannot_be_changed_over_rpc(self):
        self.authenticate("dpa_user_a", "dpa_user_a_pw1")
        acceptance = self._acceptances(self.company_a)
        for login in ("dpa_officer", "admin"):
            if login == "admin":
                self.env.ref("base.user_admin").password = "admin_pw1"  # noqa: S105
            reply = self.call(login, "gdpr.dpa.acceptance", "write", acceptance.ids, {"method": "explicit"})
            self.assertIn("error", reply)
            self.assertIn("error", self.call(login, "gdpr.dpa.acceptance", "unlink", acceptance.ids))
            forged = {
                "dpa_id": self.version.id,
                "company_id": self.company_b.id,
                "user_id": self.user_b.id,
                "method": "explicit",
            }
            self.assertIn("error", self.call(login, "gdpr.dpa.acceptance", "create", forged))
        acceptance.invalidate_recordset()
        self.assertEqual(acceptance.method, "continued_use")
        self.assertEqual(len(self._acceptances()), 1)

    def test_notice_seen_once_in_the_browser(self):
        self.start_tour("/odoo", "specter_gdpr_dpa_notice_tour", login="dpa_user_a")
        self.assertEqual(len(self._acceptances(self.company_a)), 1)
        self.assertIn(self.user_a, self.version.notified_user_ids)
        self.assertFalse(self.env["gdpr.dpa"].with_user(self.user_a)._pending_notice())


@tagged("post_install", "-at_install")
class TestRecordsOfProcessing(HttpCase):
    def test_report_lists_all_records(self):
        activities = self.env["gdpr.processing.activity"].search([])
        self.assertGreaterEqual(len(activities), 4)
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "specter_gdpr.report_processing_activities", activities.ids
        )
        html = html.decode()
        for activity in activities:
            self.assertIn(activity.name, html)
        self.assertIn("7 years", html)

    def test_excel_export_reads_back(self):
        activities = self.env["gdpr.processing.activity"].search([])
        filename, content = activities._export_xlsx()
        self.assertTrue(filename.endswith(".xlsx"))
        rows = list(load_workbook(io.BytesIO(content)).active.values)
        self.assertEqual(rows[0][0], "Name")
        self.assertEqual(rows[0][2], "Legal Basis")
        self.assertEqual([row[0] for row in rows[1:]], activities.mapped("name"))
        bookkeeping = next(row for row in rows if row[0] == "Invoicing and bookkeeping")
        self.assertEqual(bookkeeping[2], "Legal obligation (Art. 6(1)(c))")
        self.assertEqual(bookkeeping[9], "Sweden")

    def test_swedish_texts_ship(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["specter_gdpr"], ["sv_SE"], overwrite=True)
        register = self.env.ref("specter_gdpr.activity_customer_register").with_context(lang="sv_SE")
        self.assertEqual(register.name, "Kundregister")
        self.assertEqual(
            self.env.ref("specter_gdpr.activity_invoicing_bookkeeping").with_context(lang="sv_SE").retention,
            "7 år efter kalenderårets utgång (bokföringslagen 7 kap. 2 §).",
        )
        dpa = self.env["gdpr.dpa"]._current_text("sv_SE")
        self.assertEqual(dpa.title, "Personuppgiftsbiträdesavtal")

    def _posts(self, notice):
        return self.env["mail.message"].search(
            [
                ("model", "=", notice._name),
                ("res_id", "=", notice.id),
                ("message_type", "=", "user_notification"),
            ]
        )

    def test_feature_notice_posted_once_per_version(self):
        Notice = self.env["gdpr.feature.notice"]
        shipped = self.env.ref("specter_gdpr.feature_notice_18_0_1_0_0")
        self.assertTrue(shipped.posted_on)
        self.assertEqual(len(self._posts(shipped)), 1)
        self.assertIn(self.env.ref("base.user_admin").partner_id, self._posts(shipped).partner_ids)
        Notice._post_pending()  # what every upgrade does
        self.assertEqual(len(self._posts(shipped)), 1)
        newer = Notice.create(
            {"version": "18.0.9.0.0", "title": "Newer", "body": "<p>More</p>", "audience": "internal"}
        )
        Notice._post_pending()
        Notice._post_pending()
        self.assertEqual(len(self._posts(newer)), 1)
        self.assertIn(self.env.ref("base.user_demo").partner_id, self._posts(newer).partner_ids)
