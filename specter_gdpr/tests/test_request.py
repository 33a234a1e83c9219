# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import re
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GdprCase


@tagged("post_install", "-at_install")
class TestRequest(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner, _identifiers = cls.create_customer("R")
        cls.Request = cls.env["gdpr.request"]

    def _request(self, **values):
        return self.Request.create(
            {
                "request_type": "access",
                "requester_name": self.partner.name,
                "requester_email": self.partner.email,
                **values,
            }
        )

    def _last_mail_to(self, address):
        return self.env["mail.mail"].search([("email_to", "ilike", address)], order="id desc", limit=1)

    def _token_from(self, mail):
        return re.search(r"/gdpr/confirm/([\w-]+)", mail.body_html).group(1)

    # -- deadlines ------------------------------------------------------------
    def test_due_one_calendar_month_after_receipt(self):
        self.assertEqual(self._request(date_received="2026-01-31").date_due, date(2026, 2, 28))
        self.assertEqual(self._request(date_received="2028-01-31").date_due, date(2028, 2, 29))
        self.assertEqual(self._request(date_received="2026-03-15").date_due, date(2026, 4, 15))
        self.assertTrue(self._request().name.startswith("GDPR/"))

    def test_extension_up_to_two_months_with_a_reason_told(self):
        request = self._request(date_received="2026-01-31")
        with self.assertRaisesRegex(UserError, "reason"):
            request._extend(1, "  ")
        with self.assertRaisesRegex(UserError, "two months"):
            request._extend(3, "Många handlingar")
        wizard = self.env["gdpr.request.extend.wizard"].create(
            {"request_id": request.id, "months": "2", "reason": "Många handlingar att gå igenom"}
        )
        wizard.action_extend()
        self.assertEqual(request.date_due, date(2026, 4, 30))
        self.assertIn("Många handlingar", self._last_mail_to(self.partner.email).body_html)
        with self.assertRaisesRegex(UserError, "two months"):
            request._extend(1, "Mer tid")
        self.assertEqual(request.extension_months, 2)

    # -- identity -------------------------------------------------------------
    def test_token_is_hashed_single_use_and_expires(self):
        with freeze_time("2026-05-04 10:00:00"):
            request = self._request()
            request.action_send_identity_link()
            token = self._token_from(self._last_mail_to(self.partner.email))
            self.assertEqual(request.state, "identity")
            self.assertEqual(request.sudo().token_hash, hashlib.sha256(token.encode()).hexdigest())
            self.env.cr.execute("SELECT count(*) FROM gdpr_request WHERE token_hash = %s", [token])
            self.assertEqual(self.env.cr.fetchone()[0], 0, "the token itself is not stored")
            with self.assertRaisesRegex(UserError, "not valid"):
                self.Request._confirm_by_token(token[:-1] + ("A" if token[-1] != "A" else "B"))
        with freeze_time("2026-05-11 10:01:00"), self.assertRaisesRegex(UserError, "expired"):
            self.Request._confirm_by_token(token)
        with freeze_time("2026-05-11 09:59:00"):
            self.assertEqual(self.Request._confirm_by_token(token), request)
        self.assertEqual((request.state, request.identity_method), ("in_progress", "email"))
        self.assertFalse(request.sudo().token_hash)
        with self.assertRaisesRegex(UserError, "not valid"):
            self.Request._confirm_by_token(token)

    def test_nothing_is_exported_or_erased_before_confirmation(self):
        request = self._request(partner_ids=[(6, 0, self.partner.ids)])
        with self.assertRaisesRegex(UserError, "Confirm the requester's identity"):
            request.action_export()
        erasure = self._request(request_type="erasure", partner_ids=[(6, 0, self.partner.ids)])
        with self.assertRaisesRegex(UserError, "Confirm the requester's identity"):
            erasure.action_erase()
        self.assertTrue(self.partner.exists())
        self.assertFalse(request.export_ids)
        with self.assertRaisesRegex(UserError, "note how you checked"):
            request.action_confirm_identity()
        request.identity_note = "Körkort visat i butiken"
        request.action_confirm_identity()
        self.assertEqual((request.state, request.identity_method), ("in_progress", "officer"))

    # -- the partners concerned -------------------------------------------------
    def test_partners_proposed_by_details_and_former_email(self):
        old_email = self.partner.email
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.partner.with_context(tracking_disable=False).email = "ny.adress@example.org"
        self.env.flush_all()
        self.env.cr.precommit.run()
        request = self._request(requester_email=old_email, requester_name="Någon Annan")
        self.assertIn(self.partner, request.proposed_partner_ids)
        self.assertNotIn(self.bystander, request.proposed_partner_ids)
        by_vat = self._request(requester_email=False, requester_vat=self.partner.vat, requester_name=False)
        self.assertEqual(by_vat.proposed_partner_ids, self.partner)
        self.assertIn("tax ID (no proof", by_vat.match_summary)
        with self.assertRaisesRegex(UserError, "no matching partner is proven"):
            by_vat.action_use_proposed_partners()
        self.assertFalse(by_vat.partner_ids, "a match by tax ID alone is not linked with one click")
        by_vat.identity_note = "Körkort visat"
        by_vat.action_confirm_identity()
        by_vat.action_use_proposed_partners()
        self.assertEqual(by_vat.partner_ids, self.partner)

    # -- answers ------------------------------------------------------------------
    def test_access_request_life_cycle(self):
        request = self._request(identity_note="Legitimation kontrollerad")
        request.action_confirm_identity()
        with self.assertRaisesRegex(UserError, "which partners"):
            request.action_export()
        request.partner_ids = self.partner
        self.assertTrue(request.action_export(), "nothing but the person's own: built at once")
        self.assertEqual(len(request.export_ids), 1)
        self.assertFalse(request.export_hold)
        self.assertEqual(request.export_ids.attachment_id.res_model, "gdpr.data.export")
        request.action_done()
        mail = self._last_mail_to(self.partner.email)
        token = re.search(r"/gdpr/download/([\w-]+)", mail.body_html).group(1)
        self.assertEqual(self.env["gdpr.data.export"]._from_download_token(token), request.export_ids)
        self.assertEqual((request.state, request.date_done), ("done", date.today()))
        with self.assertRaisesRegex(UserError, "already closed"):
            request.action_export()

    def test_erasure_request_says_what_is_kept_and_until_when(self):
        _order, invoice = self.add_paid_order(self.partner)
        request = self._request(
            request_type="erasure", partner_ids=[(6, 0, self.partner.ids)], identity_note="ID på plats"
        )
        request.action_confirm_identity()
        request.action_erase()
        self.assertTrue(request.log_ids)
        until = date(invoice.date.year + self.company.gdpr_retention_years, 12, 31)
        self.assertIn(str(until), request.outcome)
        request.action_done()
        self.assertIn(str(until), self._last_mail_to(request.requester_email).body_html)

    def test_refusal_needs_a_reason(self):
        request = self._request()
        with self.assertRaisesRegex(UserError, "reason for refusing"):
            request.action_refuse()
        request.refusal_reason = "Uppenbart ogrundad begäran"
        request.action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertIn("Uppenbart ogrundad", self._last_mail_to(self.partner.email).body_html)

    # -- reminders and the register's own retention --------------------------------
    def test_reminders_before_the_deadline_and_when_overdue_once(self):
        request = self._request(date_received="2026-01-10")  # due 2026-02-10
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "gdpr.request"), ("res_id", "=", request.id)]
        with freeze_time("2026-02-02"):
            self.Request._cron_deadlines()
            self.assertEqual(Activity.search_count(domain), 0)
        with freeze_time("2026-02-03"):
            self.Request._cron_deadlines()
            self.Request._cron_deadlines()
            self.assertEqual(Activity.search_count(domain), 1)
        with freeze_time("2026-02-11"):
            self.assertIn(request, self.Request.search([("is_overdue", "=", True)]))
            self.Request._cron_deadlines()
            self.Request._cron_deadlines()
            self.assertEqual(Activity.search_count(domain), 2)

    def test_closed_requests_drop_contact_data_after_the_period(self):
        with freeze_time("2026-03-01"):
            request = self._request(partner_ids=[(6, 0, self.partner.ids)], identity_note="ID")
            request.action_confirm_identity()
            request.action_export()
            request.action_done()
        with freeze_time("2029-02-28"):
            self.Request._cron_drop_contact_data()
            self.assertEqual(request.requester_email, self.partner.email)
        with freeze_time("2029-03-02"):
            self.Request._cron_drop_contact_data()
        self.assertTrue(request.contact_dropped)
        self.assertFalse(request.requester_name or request.requester_email or request.partner_ids)
        self.assertFalse(request.message_ids)
        self.assertFalse(request.export_ids)
        self.assertEqual((request.request_type, request.state), ("access", "done"))
        self.assertEqual(request.date_done, date(2026, 3, 1))

    def test_only_officers_see_the_register(self):
        request = self._request()
        with self.assertRaises(AccessError):
            request.with_user(self.staff).read(["requester_email"])
        with self.assertRaises(AccessError):
            self.Request.with_user(self.staff).create({"request_type": "access"})

    # -- what an officer or a client cannot do around the steps ---------------------
    def test_steps_cannot_be_skipped_by_a_plain_write(self):
        request = self._request(date_received="2026-01-31")
        for values in (
            {"extension_months": 12},
            {"identity_confirmed": True, "state": "in_progress"},
            {"state": "done"},
            {"log_ids": [(6, 0, [])]},
        ):
            with self.assertRaisesRegex(UserError, "only through the request's buttons"):
                request.write(values)
        with self.assertRaisesRegex(UserError, "only through the request's buttons"):
            self._request(identity_confirmed=True)
        self.assertEqual((request.state, request.date_due), ("new", date(2026, 2, 28)))

    def test_bad_ids_are_a_clear_error(self):
        for ids in ([0], [-1], ["x"], [True], [999999999]):
            with self.assertRaisesRegex(UserError, "No such request"):
                self.Request.browse(ids).action_export()

    def test_wildcards_in_the_requesters_details_match_nobody(self):
        for name in ("%%%", "_%", "%"):
            request = self._request(requester_name=name, requester_email="angripare@evil.example")
            self.assertFalse(request.proposed_partner_ids, name)

    def test_the_link_stays_out_of_the_chatter(self):
        request = self._request()
        request.action_send_identity_link()
        mail = self._last_mail_to(self.partner.email)
        token = self._token_from(mail)
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "gdpr.request"), ("res_id", "=", request.id), ("body", "ilike", token)]
            )
        )
        self.assertTrue(request.message_ids, "the chatter says an e-mail was sent")

    def test_one_mailbox_however_written_and_one_network(self):
        key = self.Request._email_key
        self.assertEqual(key("Victim+1@Example.org."), "victim@example.org")
        self.assertEqual(key("victim@example.org"), "victim@example.org")
        net = self.Request._hash_ip
        self.assertEqual(net("2001:db8::1"), net("2001:db8::ffff:1"))
        self.assertNotEqual(net("2001:db8::1"), net("2001:db8:0:1::1"))
        self.assertNotEqual(net("192.0.2.1"), net("192.0.2.2"))
        with self.assertRaisesRegex(UserError, "valid e-mail"):
            self.Request._create_from_web("access", "X", "victim@[127.0.0.1]", "", "192.0.2.1")
        for address in (
            "victim@example.org",
            "victim+1@example.org",
            "VICTIM+2@example.org.",
            "victim+3@example.org",
        ):
            self.Request._create_from_web("access", "X", address, "", "192.0.2.9")
        self.Request._cron_send_identity_links()
        self.assertEqual(self.env["mail.mail"].search_count([("email_to", "ilike", "victim")]), 3)
        quota = self.Request.search([("email_key", "=", "victim@example.org")], order="id")
        self.assertEqual(quota.mapped("state"), ["identity"] * 3 + ["refused"])
        self.assertIn("confirmation e-mails", quota[-1].refusal_reason)

    def test_overview_counts(self):
        self._request(date_received="2020-01-01")  # long overdue
        self._request()
        action = self.env["gdpr.request.overview"].action_open_overview()
        overview = self.env["gdpr.request.overview"].browse(action["res_id"])
        open_count = self.Request.search_count([("state", "in", ("new", "identity", "in_progress"))])
        self.assertEqual(overview.open_count, open_count)
        self.assertGreaterEqual(overview.overdue_count, 1)
        listed = overview.with_context(count_field="overdue_count").action_open()
        self.assertEqual(self.Request.search_count(listed["domain"]), overview.overdue_count)
