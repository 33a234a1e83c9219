# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from collections import Counter

from odoo import SUPERUSER_ID
from odoo import api
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GdprCase


class SimulatedCrash(BaseException):
    """Escapes every ``except Exception``, as a killed worker would."""


@tagged("post_install", "-at_install")
class TestErasureJob(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Job = cls.env["gdpr.erasure.job"]

    def _partners(self, count, tag):
        return self.env["res.partner"].create(
            [{"name": f"Jobbkund {tag} {i}", "email": f"jobb.{tag}.{i}@example.org"} for i in range(count)]
        )

    def _logs(self, job):
        return self.env["gdpr.erasure.log"].search([("job_id", "=", job.id)])

    def test_crash_mid_batch_then_rerun_completes(self):
        plain = self._partners(980, "a")
        owing = self._partners(20, "b")
        for partner in owing:
            self.add_unpaid_invoice(partner)
        job = self.Job._create_for_partners(plain | owing)
        self.assertEqual((job.state, job.total), ("queued", 1000))

        # each batch in a savepoint stands for one committed cron transaction
        with self.env.cr.savepoint():
            self.assertEqual(self.Job._process_next_batch(200)[0], 200)
        process = type(self.Job)._process_lines

        def crash_after_erasing(job_self, lines):
            process(job_self, lines)
            raise SimulatedCrash

        self.patch(type(self.Job), "_process_lines", crash_after_erasing)
        with self.assertRaises(SimulatedCrash), self.env.cr.savepoint():
            self.Job._process_next_batch(200)
        self.patch(type(self.Job), "_process_lines", process)
        self.env.invalidate_all()

        # the crashed batch left nothing half-done: its partners are untouched
        self.assertEqual(len((plain | owing).exists()), 800)
        self.assertEqual(job.done_count, 200)
        self.Job._cron_process(batch_size=200, commit=False)
        self.env.invalidate_all()

        self.assertEqual(job.state, "done")
        self.assertEqual((job.total, job.done_count), (1000, 1000))
        self.assertEqual((job.deleted_count, job.blocked_count, job.failed_count), (980, 20, 0))
        self.assertFalse(plain.exists())
        self.assertEqual(len(owing.exists()), 20)
        self.assertEqual(owing.mapped("name"), [f"Jobbkund b {i}" for i in range(20)])
        logs = self._logs(job)
        self.assertEqual(Counter(logs.mapped("action")), Counter(deleted=980, refused=20))
        # no partner processed twice
        self.assertEqual(len(set(logs.mapped("partner_ref"))), 1000)
        self.assertEqual(len(job.message_ids.filtered(lambda m: "finished" in (m.body or ""))), 1)

    def test_companies_and_their_contacts_are_claimed_together(self):
        """300 companies each with a contact, all selected, and 41 partners of
        their own, in batches of 7: no boundary falls between a company and
        its contact; the job's counts, its logs and the partners agree."""
        companies = self.env["res.partner"].create(
            [{"name": f"Jobbföretag {i} AB", "is_company": True} for i in range(300)]
        )
        contacts = self.env["res.partner"].create(
            [{"name": f"Jobbkontakt {i}", "parent_id": company.id} for i, company in enumerate(companies)]
        )
        alone = self._partners(41, "h")
        owing = companies[:3]
        for company in owing:
            self.add_unpaid_invoice(company)
        job = self.Job._create_for_partners(contacts | alone | companies)
        self.assertEqual(job.total, 341, "one line per company (its contact with it) and per partner alone")
        self.Job._cron_process(batch_size=7, commit=False)
        self.env.invalidate_all()
        logs = self._logs(job)
        self.assertEqual(job.state, "done")
        self.assertEqual((job.deleted_count, job.blocked_count, job.failed_count), (338, 3, 0))
        self.assertEqual(Counter(logs.mapped("action")), Counter(deleted=338, refused=3))
        lines = {(line.partner_ref, line.state) for line in job.line_ids}
        by_log = {(log.partner_ref, "blocked" if log.action == "refused" else log.action) for log in logs}
        self.assertEqual(lines, by_log, "every line has exactly the log of its outcome")
        self.assertFalse(
            (companies - owing).exists() | (contacts - owing.child_ids).exists() | alone.exists()
        )
        self.assertEqual(len(owing.exists() | owing.child_ids.exists()), 6)

    def test_a_document_newer_than_the_job_is_never_deleted_with_its_partner(self):
        """The officer saw a plan with no quotation; one created after the job
        was launched turns the deletion into an anonymisation."""
        partners = self._partners(3, "i")
        job = self.Job._create_for_partners(partners)
        self.env.cr.execute(
            "UPDATE gdpr_erasure_job SET create_date = create_date - interval '1 minute' WHERE id = %s",
            [job.id],
        )
        # the partners' history is older than the job, the quotation newer (one transaction, one now())
        self.env.cr.execute(
            """UPDATE mail_message SET create_date = create_date - interval '2 minutes'
                WHERE model = 'res.partner' AND res_id IN %s""",
            [tuple(partners.ids)],
        )
        job.invalidate_recordset(["create_date"])
        quotation = self.add_quotation(partners[0])
        self.Job._cron_process(commit=False)
        self.env.invalidate_all()
        self.assertEqual((job.deleted_count, job.anonymised_count), (2, 1))
        self.assertTrue(quotation.exists())
        self.assertTrue(partners[0].exists())
        log = self._logs(job).filtered(lambda log: log.partner_ref == partners[0].id)
        self.assertEqual(log.action, "anonymised")
        self.assertIn("New activity since the erasure job was created", log.reasons)

    def test_a_note_committed_during_the_batch_goes_with_its_partner(self):
        partners = self._partners(2, "k")
        job = self.Job._create_for_partners(partners)
        processed, jobs = self.Job._process_next_batch(200)
        self.assertEqual(processed, 2)
        # another user's note on the partner, committed while the batch ran (after it read the chatter)
        self.env.cr.execute(
            """INSERT INTO mail_message (model, res_id, body, message_type, date, create_date)
               VALUES ('res.partner', %s, '<p>Ring jobb.k.0@example.org</p>', 'comment', now(), now())""",
            [partners[0].id],
        )
        jobs._finish_if_done(commit=False)
        self.assertEqual(job.state, "done")
        self.assertEqual(
            self.env["mail.message"].search_count([("body", "ilike", "jobb.k.0@example.org")]), 0
        )

    def test_an_anonymised_partner_cannot_be_filled_again(self):
        partner = self._partners(1, "j")
        self.add_paid_order(partner)
        self.assertEqual(partner.gdpr_erase()["anonymised"], partner.ids)
        editor = self.env(user=self.env.ref("base.user_admin"))["res.partner"].browse(partner.id)
        for values in ({"email": "jobb.j.0@example.org"}, {"name": "Jobbkund j 0"}, {"street": "Gatan 1"}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "was anonymised"):
                editor.write(values)
        editor.write({"comment": False, "email": False})  # nothing personal: allowed
        self.assertFalse(partner.email)

    def test_failure_of_one_partner_is_reported(self):
        partners = self._partners(30, "c")
        victim = partners[7]
        erase = type(self.env["gdpr.erasure"])._erase_batch

        def failing(engine, plan, root_ids):
            if victim.id in root_ids:
                raise ValueError("injected")
            return erase(engine, plan, root_ids)

        self.patch(type(self.env["gdpr.erasure"]), "_erase_batch", failing)
        job = self.Job._create_for_partners(partners)
        self.Job._cron_process(commit=False)
        self.env.invalidate_all()
        self.assertEqual((job.state, job.deleted_count, job.failed_count), ("done", 29, 1))
        self.assertTrue(victim.exists())
        self.assertEqual(self._logs(job).filtered(lambda log: log.action == "failed").partner_ref, victim.id)

    def test_two_workers_never_claim_the_same_partner(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            job = env["gdpr.erasure.job"].create({"name": "two workers"})
            cr.execute(
                """
                INSERT INTO gdpr_erasure_job_line (job_id, partner_ref, state)
                SELECT %s, n, 'pending' FROM generate_series(900000001, 900000100) n
                """,
                [job.id],
            )
            job_id = job.id
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                first = api.Environment(cr1, SUPERUSER_ID, {})["gdpr.erasure.job"]._claim_lines(60)
                second = api.Environment(cr2, SUPERUSER_ID, {})["gdpr.erasure.job"]._claim_lines(60)
                mine = [ref for _line, ref, job in first if job == job_id]
                theirs = [ref for _line, ref, job in second if job == job_id]
                self.assertEqual((len(mine), len(theirs)), (60, 40))
                self.assertFalse(set(mine) & set(theirs))
                cr1.rollback()
                cr2.rollback()
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM gdpr_erasure_job WHERE id = %s", [job_id])

    def test_wizard_runs_large_selections_in_background(self):
        self.env.company.gdpr_bulk_threshold = 3
        partners = self._partners(5, "d")
        wizard = self.env["gdpr.erasure.wizard"].create({"partner_ids": [(6, 0, partners.ids)]})
        self.assertTrue(wizard.runs_in_background)
        action = wizard.action_confirm()
        job = self.Job.browse(action["params"]["next"]["res_id"])
        self.assertEqual((job.state, job.total), ("queued", 5))
        self.assertTrue(partners.exists())
        self.Job._cron_process(commit=False)
        self.assertEqual(job.state, "done")
        self.assertFalse(partners.exists())

    def test_select_all_uses_the_whole_filter(self):
        partners = self._partners(5, "e")
        self.env["ir.config_parameter"].set_param("web.active_ids_limit", "2")
        action = (
            self.env["res.partner"]
            .with_context(active_ids=partners[:2].ids, active_domain=[("name", "like", "Jobbkund e ")])
            .action_gdpr_erase_selection()
        )
        wizard = self.env["gdpr.erasure.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.partner_ids, partners)
        # a hand-picked selection below the limit is taken as it is
        action = (
            self.env["res.partner"]
            .with_context(active_ids=partners[:1].ids, active_domain=[("name", "like", "Jobbkund e ")])
            .action_gdpr_erase_selection()
        )
        self.assertEqual(self.env["gdpr.erasure.wizard"].browse(action["res_id"]).partner_ids, partners[:1])

    def test_wizard_groups_refusals_and_lists_them(self):
        owing = self._partners(3, "f")
        for partner in owing:
            self.add_unpaid_invoice(partner)
        wizard = self.env["gdpr.erasure.wizard"].create(
            {"partner_ids": [(6, 0, (owing | self._partners(2, "g")).ids)]}
        )
        self.assertEqual((wizard.delete_count, wizard.blocked_count), (2, 3))
        self.assertIn("Unpaid invoices: 3", wizard.plan_html)
        csv_text = base64.b64decode(wizard.refused_file).decode("utf-8-sig")
        self.assertEqual(len(csv_text.strip().splitlines()), 4)
        self.assertIn("Jobbkund f 0", csv_text)

    def test_wizard_shows_and_counts_everyone_it_erases(self):
        """A company's erasure touches its contact persons and addresses: the
        plan lists each with its action and why, and the result counts them (#30)."""
        company = self.env["res.partner"].create(
            {
                "name": "Nordlund Planbygg AB",
                "is_company": True,
                "customer_rank": 1,
                "child_ids": [
                    (0, 0, {"name": f"Planperson {index}", "email": f"planperson{index}@example.org"})
                    for index in range(3)
                ],
            }
        )
        buyer = company.child_ids[0]
        self.add_paid_order(buyer)
        bystander = self.env["res.partner"].create({"name": "Planperson Utanför", "customer_rank": 1})
        wizard = self.env["gdpr.erasure.wizard"].create({"partner_ids": [(6, 0, company.ids)]})
        self.assertEqual((wizard.delete_count, wizard.anonymise_count, wizard.blocked_count), (2, 2, 0))
        for person in company.child_ids:
            self.assertIn(person.name, wizard.plan_html)
        self.assertEqual(wizard.plan_html.count("o_gdpr_plan_row"), 4)
        self.assertEqual(wizard.plan_html.count("o_gdpr_action_delete"), 2)
        self.assertIn("No orders, invoices or payments to keep", wizard.plan_html)
        others = company.child_ids - buyer
        result = wizard.action_confirm()
        self.assertIn("2 deleted, 2 anonymised", result["params"]["message"])
        self.assertTrue(buyer.exists(), "kept, anonymous, for its order")
        self.assertFalse(others.exists())
        self.assertEqual(bystander.exists().name, "Planperson Utanför")
