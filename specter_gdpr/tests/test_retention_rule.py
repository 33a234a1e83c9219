# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GdprCase
from .common import RpcCase
from .common import cells_containing
from .common import scan_database
from .common import undeclared_hits


@tagged("post_install", "-at_install")
class TestRetentionRule(GdprCase):
    """Rules against a frozen clock. Rows are created now (PostgreSQL's clock);
    the tests then move Python's clock, which the rules read, into the future."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["gdpr.retention.rule"]
        cls.Job = cls.env["gdpr.erasure.job"]
        cls.today = date.today()
        # partners that exist before each test (the bystander's world) are held:
        # each test sees only the partners it makes
        cls.env.flush_all()
        cls.env.cr.execute("UPDATE res_partner SET gdpr_legal_hold = true")
        cls.env.invalidate_all()

    def _rule(self, **values):
        return self.Rule.create(
            {"name": "Test rule", "scope": "never_purchased", "months": 24, "mode": "erase", **values}
        )

    def _contacts(self, tag, count=1, **values):
        return self.env["res.partner"].create(
            [{"name": f"Gallringskontakt {tag} {i}", **values} for i in range(count)]
        )

    def _run(self, day):
        """The daily cron on ``day``, then the erasure jobs it made, the
        bystander's every text cell unchanged."""
        self.env.flush_all()
        before = cells_containing(self.env.cr, self.bystander_values)
        with freeze_time(day):
            self.Rule._cron_run()
            self.Job._cron_process(commit=False)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            cells_containing(self.env.cr, self.bystander_values), before, "the bystander was touched"
        )

    def _due(self, rule, day):
        with freeze_time(day):
            return rule._gdpr_due_partners()

    def test_rule_proposes_then_erases_exactly_the_partners_past_the_period(self):
        rule = self._rule(mode="propose")
        old = self._contacts("old", 3)
        recent = self._contacts("recent")
        with freeze_time(self.today + relativedelta(months=2)):
            recent.message_post(body="Jag finns kvar", author_id=recent.id, message_type="comment")
        due_day = self.today + relativedelta(months=24)
        self.assertEqual(self._due(rule, due_day), old)
        self.assertFalse(self._due(rule, due_day - timedelta(days=1)), "one day short is kept")

        self._run(due_day)
        self.assertEqual(rule.proposal_partner_ids, old)
        self.assertEqual(len(old.exists()), 3, "a proposal erases nothing")
        with freeze_time(due_day):
            action = rule.action_approve_proposal()
        job = self.Job.browse(action["res_id"])
        self.assertEqual((job.rule_id, job.total), (rule, 3))
        self._run(due_day)
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
        logs = self.env["gdpr.erasure.log"].search([("job_id", "=", job.id)])
        self.assertEqual((len(logs), logs.rule_id, set(logs.mapped("action"))), (3, rule, {"deleted"}))

        rule.mode = "erase"
        recent_due = self.today + relativedelta(months=26)
        self._run(recent_due - timedelta(days=1))
        self.assertTrue(recent.exists(), "one day short is kept")
        self._run(recent_due)
        self.assertFalse(recent.exists())
        self.assertEqual(self.env["gdpr.erasure.log"].search([("partner_ref", "=", recent.id)]).rule_id, rule)

    def test_the_proposal_is_refreshed_once_a_month(self):
        rule = self._rule(mode="propose")
        first, later = self._contacts("månad", 2)
        with freeze_time(self.today + timedelta(days=10)):
            later.message_post(body="Hej igen", author_id=later.id, message_type="email")
        due_day = self.today + relativedelta(months=24)
        self._run(due_day)
        self.assertEqual(rule.proposal_partner_ids, first)
        self._run(due_day + timedelta(days=10))
        self.assertEqual(rule.proposal_partner_ids, first, "not refreshed within the month")
        self._run(due_day + relativedelta(months=1))
        self.assertEqual(rule.proposal_partner_ids, first | later)
        self.assertTrue((first | later).exists(), "proposals erase nothing")
        self.assertIn("2 proposed for erasure", rule.message_ids[0].body)

    def test_customers_are_due_months_after_their_last_purchase(self):
        rule = self._rule(scope="customers", months=36)
        customer = self._contacts("kund", customer_rank=1)
        order, _invoice = self.add_paid_order(customer)
        bought = self.today - relativedelta(months=36)
        self.env.flush_all()
        self.env.cr.execute("UPDATE sale_order SET date_order = %s WHERE id = %s", [bought, order.id])
        self.env.cr.execute(
            "UPDATE account_move SET date = %(day)s, invoice_date = %(day)s "
            "WHERE commercial_partner_id = %(id)s",
            {"day": bought, "id": customer.id},
        )
        self.env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id = %s", [bought, customer.id])
        self.env["res.partner"]._refresh_last_purchase_date(customer)
        self.assertEqual(customer.last_purchase_date, bought)
        self.assertEqual(self._due(rule, self.today), customer)
        self.assertFalse(self._due(rule, self.today - timedelta(days=1)), "one day short is kept")
        self.assertFalse(self._due(self._rule(months=36), self.today), "not in the never-purchased scope")
        self._run(self.today)
        self.assertTrue(customer.exists())
        self.assertTrue(customer.gdpr_erasure_date, "a customer with an order is anonymised")

    def test_each_exclusion_wins(self):
        rule = self._rule(months=12)
        held, hold_ended, plain = self._contacts("hold", 3)
        held.write({"gdpr_legal_hold": True, "gdpr_legal_hold_reason": "Tvist om leverans"})
        hold_ended.write(
            {"gdpr_legal_hold": True, "gdpr_legal_hold_until": self.today + relativedelta(months=6)}
        )
        supplier = self._contacts("leverantör", supplier_rank=1)
        day = self.today + relativedelta(months=12)
        self.assertEqual(self._due(rule, day), hold_ended | plain)
        self.assertNotIn(supplier, self._due(rule, day), "not in the rule's scope")
        rule.active = False
        self.assertFalse(self._due(rule, day), "an inactive rule covers nobody")
        rule.active = True
        # a legal hold set after the job was made still wins: the plan refuses
        with freeze_time(day):
            job = rule._create_job((hold_ended | plain).ids)
        plain.write({"gdpr_legal_hold": True, "gdpr_legal_hold_reason": "Revision"})
        self._run(day)
        self.assertEqual(job.state, "done")
        self.assertFalse(hold_ended.exists())
        self.assertTrue(plain.exists())
        refused = self.env["gdpr.erasure.log"].search([("partner_ref", "=", plain.id)])
        self.assertEqual((refused.action, refused.rule_id), ("refused", rule))
        self.assertIn("legal hold", refused.reasons)
        self.assertNotIn("Revision", refused.reasons, "the reason stays on the partner, out of the log")
        self.assertEqual(rule.refused_count, 1)
        # refused by the plan: not retried every day, listed with the reasons
        self.env.cr.execute("UPDATE gdpr_erasure_log SET date = %s WHERE id = %s", [day, refused.id])
        plain.gdpr_legal_hold = False
        self.assertFalse(self._due(rule, day + timedelta(days=1)))
        self.assertEqual(self._due(rule, day + timedelta(days=31)), plain)
        self.assertEqual(self.env["gdpr.erasure.log"].search(rule.action_view_refused()["domain"]), refused)

    def test_open_data_subject_request_wins(self):
        if "gdpr.request" not in self.env:
            self.skipTest("gdpr.request is not installed")
        rule = self._rule(months=12)
        asking, done = self._contacts("request", 2)
        request_model = self.env["gdpr.request"]
        request_model.create({"request_type": "access", "partner_ids": [Command.set(asking.ids)]})
        closed = request_model.create({"request_type": "access", "partner_ids": [Command.set(done.ids)]})
        closed._step({"state": "done"})
        day = self.today + relativedelta(months=12)
        self.assertEqual(self._due(rule, day), done)
        excluded = self.env["res.partner"]._gdpr_retention_excluded_ids()
        self.assertIn(asking.id, excluded)
        self.assertNotIn(done.id, excluded)
        # a request opened after the job was made still wins: the plan refuses
        with freeze_time(day):
            rule._create_job((asking | done).ids)
        self._run(day)
        self.assertTrue(asking.exists())
        self.assertFalse(done.exists())
        refused = self.env["gdpr.erasure.log"].search([("partner_ref", "=", asking.id)])
        self.assertEqual((refused.action, refused.rule_id), ("refused", rule))

    def test_advance_notice_is_sent_once_and_activity_keeps_the_partner(self):
        rule = self._rule(notice_days=14)
        silent, answering = self._contacts("notis", 2, lang="en_US")
        silent.email, answering.email = "tyst.gallring@example.org", "svarar.gallring@example.org"
        no_email = self._contacts("utan e-post")
        due_day = self.today + relativedelta(months=24)
        notice_day = due_day - timedelta(days=14)

        self._run(notice_day - timedelta(days=1))
        self.assertFalse(rule.notice_ids)
        self._run(notice_day)
        self.assertEqual(rule.notice_ids.partner_id, silent | answering)
        self.assertEqual(set(rule.notice_ids.mapped("erase_on")), {due_day})
        mails = self.env["mail.mail"].search(
            [("email_to", "in", [silent.email_formatted, answering.email_formatted])]
        )
        self.assertEqual(len(mails), 2)
        self.assertIn(str(due_day), mails[0].body_html)
        self.assertTrue((silent | answering | no_email).exists())
        self._run(notice_day + timedelta(days=1))
        self.assertEqual(len(rule.notice_ids), 2, "sent once")

        with freeze_time(notice_day + timedelta(days=3)):
            answering.message_post(body="Behåll mitt konto", author_id=answering.id, message_type="email")
        self._run(due_day)
        self.assertFalse(silent.exists())
        self.assertFalse(no_email.exists(), "no address, no notice: erased when due")
        self.assertTrue(answering.exists(), "activity after the notice keeps the partner")
        self.assertEqual(len(rule.notice_ids), 1, "the erased partner's notice went with it")

    def test_the_notice_speaks_the_partner_language(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["specter_gdpr"], ["sv_SE"], overwrite=True)
        rule = self._rule(notice_days=7)
        swede = self._contacts("svensk", lang="sv_SE", email="svensk.gallring@example.org")
        self._run(self.today + relativedelta(months=24) - timedelta(days=7))
        mail = self.env["mail.mail"].search([("email_to", "=", swede.email_formatted)])
        self.assertEqual(rule.notice_ids.partner_id, swede)
        self.assertIn("kommer att raderas", mail.subject)
        self.assertIn(str(self.today + relativedelta(months=24)), mail.body_html)
        self.assertIn("Logga in eller svara", mail.body_html)

    def test_bad_input_is_a_clear_error(self):
        with self.assertRaises(UserError):
            self._rule(months=0)
        with self.assertRaises(UserError):
            self._rule(months=100000)
        with self.assertRaises(UserError):
            self._rule(scope="domain", domain="[('name', '=',")
        with self.assertRaises(UserError):
            self._rule(scope="domain", domain="[('no_such_field', '=', 1)]")
        with self.assertRaises(UserError):
            self._rule(user_id=self.staff.id)
        rule = self._rule(scope="domain", domain="[('name', '=like', 'Gallringskontakt dom%')]")
        mine = self._contacts("dom")
        self.assertEqual(self._due(rule, self.today + relativedelta(months=24)), mine)

    def test_a_responsible_no_longer_officer_stops_only_the_rule(self):
        officer_group = self.env.ref("specter_gdpr.group_gdpr_officer")
        officer = self.env["res.users"].create(
            {
                "name": "Gallring ombud",
                "login": "gallring.ombud",
                "groups_id": [Command.link(officer_group.id)],
            },
        )
        rule = self._rule(user_id=officer.id)
        partner = self._contacts("ombud")
        officer.groups_id = [Command.unlink(officer_group.id)]
        self._run(self.today + relativedelta(months=24))
        self.assertTrue(partner.exists())
        self.assertFalse(rule.job_ids)
        self.assertIn("no longer a GDPR officer", rule.message_ids[0].body)

    def test_preview_says_what_and_why(self):
        rule = self._rule(months=12)
        plain = self._contacts("preview")
        user = self.env["res.users"].create(
            {"name": "Gallring portal", "login": "gallring.portal", "partner_id": self._contacts("intern").id}
        )
        with freeze_time(self.today + relativedelta(months=12)):
            action = rule.action_preview()
        preview = self.env["gdpr.retention.preview"].browse(action["res_id"])
        self.assertEqual(preview.line_ids.partner_id, plain, "an internal user's partner is never due")
        self.assertEqual((preview.line_ids.action, preview.erase_count), ("delete", 1))
        self.assertTrue(user.exists())

    def test_default_rules_ship_inactive_and_linked_to_the_records_of_processing(self):
        rules = self.Rule.with_context(active_test=False).search(
            [
                (
                    "id",
                    "in",
                    [
                        self.env.ref(f"specter_gdpr.retention_rule_{n}").id
                        for n in ("customers", "never_purchased", "lost_leads")
                    ],
                )
            ]
        )
        self.assertEqual(sorted(rules.mapped("months")), [12, 24, 36])
        self.assertFalse(any(rules.mapped("active")))
        activity = self.env.ref("specter_gdpr.activity_customer_register")
        self.assertEqual(activity.retention_rule_ids, rules)


@tagged("post_install", "-at_install")
class TestFinishRetention(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partner, cls.identifiers = cls.create_customer("F")
        _order, cls.invoice = cls.add_paid_order(partner)
        cls.file = cls.env["ir.attachment"].create(
            {
                "name": f"Faktura {partner.name}.pdf",
                "raw": f"Faktura till {partner.name}, {partner.email}".encode(),
                "res_model": "account.move",
                "res_id": cls.invoice.id,
            }
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE account_move_line SET name = %s WHERE move_id = %s AND display_type = 'product'",
            [f"Konsultation för {partner.name}", cls.invoice.id],
        )
        cls.invoice.ref = f"Beställd av {partner.email}"
        cls.env.invalidate_all()
        cls.partner = partner
        cls.identifiers += [f"Konsultation för {partner.name}"]

    def _erase_and_finish(self, hashed):
        result, logs = self._erase(self.partner)
        self.assertEqual(result["anonymised"], [self.partner.id])
        self.assertEqual(undeclared_hits(self.env, self.identifiers, logs), {})
        items = logs.retention_ids
        self.assertIn(self.file.id, items.filtered(lambda i: i.res_model == "ir.attachment").mapped("res_id"))
        last_day = max(items.mapped("retain_until"))
        if hashed:
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE account_journal SET restrict_mode_hash_table = true WHERE id = %s",
                [self.invoice.journal_id.id],
            )
        before = cells_containing(self.env.cr, self.bystander_values)
        with freeze_time(last_day):
            items.invalidate_recordset()
            with self.assertRaises(UserError):
                items.action_finish_retention()
        self.assertTrue(self.file.exists(), "nothing happens before the end date")
        self.assertFalse(any(items.mapped("finished_on")))
        with freeze_time(last_day + timedelta(days=1)):
            items.invalidate_recordset()
            items.action_finish_retention()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            cells_containing(self.env.cr, self.bystander_values), before, "the bystander was touched"
        )
        self.assertFalse(self.file.exists())
        self.assertTrue(all(items.mapped("finished_on")))
        return items

    def _note(self, items):
        return items.filtered(
            lambda i: i.res_model == "account.move" and i.res_id == self.invoice.id
        ).finish_note

    def test_finish_retention_redacts_everything_in_a_plain_journal(self):
        items = self._erase_and_finish(hashed=False)
        self.assertEqual(scan_database(self.env.cr, self.identifiers), {})
        self.assertEqual(self.invoice.state, "posted")
        note = items.filtered(
            lambda i: i.res_model == "account.move" and i.res_id == self.invoice.id
        ).finish_note
        self.assertIn("Line labels redacted", note)

    def test_hash_protected_journal_keeps_its_line_labels_and_says_why(self):
        items = self._erase_and_finish(hashed=True)
        hits = scan_database(self.env.cr, self.identifiers)
        self.assertEqual(set(hits), {("account_move_line", "name")}, "line labels stay, nothing else")
        self.assertEqual(
            {int(row) for row in hits[("account_move_line", "name")]} <= set(self.invoice.line_ids.ids), True
        )
        note = items.filtered(
            lambda i: i.res_model == "account.move" and i.res_id == self.invoice.id
        ).finish_note
        self.assertIn("hash-protected", note)

    def test_a_rule_finishes_ended_retention(self):
        _result, logs = self._erase(self.partner)
        self.env["gdpr.retention.rule"].create(
            {
                "name": "Finish",
                "scope": "suppliers",
                "months": 1200,
                "finish_retention": True,
                "mode": "erase",
            }
        )
        last_day = max(logs.retention_ids.mapped("retain_until"))
        with freeze_time(last_day):
            self.env["gdpr.retention.rule"]._cron_run()
        self.assertTrue(self.file.exists())
        with freeze_time(last_day + timedelta(days=1)):
            self.env["gdpr.retention.rule"]._cron_run()
        self.assertFalse(self.file.exists())
        self.assertTrue(all(logs.retention_ids.mapped("finished_on")))


@tagged("post_install", "-at_install")
class TestRetentionRuleRights(RpcCase):
    """Over JSON-RPC, as the web client would: rules and finishing are officers' business."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._user("gallring_saljare", ["base.group_user", "sales_team.group_sale_salesman"])
        cls._user("gallring_ombud", ["base.group_user", "specter_gdpr.group_gdpr_officer"])
        cls.rule = cls.env["gdpr.retention.rule"].create({"name": "RPC-regel", "months": 24})

    def test_a_salesperson_may_not_read_rules_nor_finish_retention(self):
        self.assertAccessError(
            self.call("gallring_saljare", "gdpr.retention.rule", "search_read", [], ["name"])
        )
        self.assertAccessError(
            self.call("gallring_saljare", "gdpr.retention.rule", "action_preview", self.rule.ids)
        )
        self.assertAccessError(
            self.call("gallring_saljare", "gdpr.erasure.log.retention", "action_finish_retention", [1])
        )
        self.assertAccessError(
            self.call("gallring_saljare", "gdpr.retention.rule", "write", self.rule.ids, {"months": 1})
        )
        self.assertEqual(self.rule.months, 24)

    def test_an_officer_gets_clear_errors_for_bad_input(self):
        reply = self.call("gallring_ombud", "gdpr.retention.rule", "write", self.rule.ids, {"months": -3})
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.UserError", reply)
        self.assertIn("at least one month", reply["error"]["data"]["message"])
        reply = self.call(
            "gallring_ombud",
            "gdpr.retention.rule",
            "write",
            self.rule.ids,
            {"scope": "domain", "domain": "[("},
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.UserError", reply)
        self.rule.invalidate_recordset()
        self.assertEqual((self.rule.months, self.rule.scope), (24, "never_purchased"))
        reply = self.call("gallring_ombud", "gdpr.retention.rule", "action_preview", self.rule.ids)
        self.assertEqual(reply["result"]["res_model"], "gdpr.retention.preview", reply)
