# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GdprCase
from .common import undeclared_hits


@tagged("post_install", "-at_install")
class TestErasure(GdprCase):
    def test_anonymise_leaves_nothing_but_declared_retention(self):
        partner, identifiers = self.create_customer("1")
        portal = self.add_portal_user(partner)
        order, invoice = self.add_paid_order(partner)
        lead, _tracked = self.add_everyday_traces(partner, order)
        self.add_quotation(partner)
        identifiers.append(f"Min portkod är 4711 ({partner.name})")
        self.assertTrue(undeclared_hits(self.env, identifiers, self.env["gdpr.erasure.log"]))

        plan = partner.gdpr_erasure_plan()
        self.assertEqual(plan[partner.id]["action"], "anonymise")
        result, logs = self._erase(partner)

        self.assertEqual(result["anonymised"], [partner.id])
        self.assertEqual(logs.action, "anonymised")
        hits = undeclared_hits(self.env, identifiers, logs)
        self.assertEqual(hits, {})
        # the history stays, anonymous
        self.assertTrue(partner.exists())
        self.assertFalse(partner.active)
        self.assertRegex(partner.name, r"^Anonymised customer #\d{6}$")
        self.assertEqual(partner.country_id, self.env.ref("base.se"))
        self.assertEqual(order.partner_id, partner)
        self.assertEqual(order.amount_total, order.order_line.price_total)
        self.assertEqual(invoice.partner_id, partner)
        self.assertEqual(invoice.state, "posted")
        self.assertFalse(order.signed_by)
        self.assertFalse(order.signature)
        self.assertFalse(partner.image_1920)
        self.assertFalse(portal.active)
        self.assertNotEqual(portal.login, identifiers[1])
        self.assertFalse(lead.email_from)
        # one note on the anonymised partner's chatter, with the log reference
        notes = partner.message_ids.filtered(lambda m: logs.name in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertTrue(logs.retention_ids.filtered(lambda r: r.res_model == "account.move"))
        self.assertTrue(all(r.retain_until for r in logs.retention_ids))

    def test_log_holds_no_personal_data(self):
        partner, identifiers = self.create_customer("2")
        self.add_paid_order(partner)
        _result, logs = self._erase(partner)
        for table in ("gdpr_erasure_log", "gdpr_erasure_log_retention"):
            hits = {k: v for k, v in undeclared_hits(self.env, identifiers, logs).items() if k[0] == table}
            self.assertEqual(hits, {})
        with self.assertRaises(UserError):
            logs.write({"reasons": "changed"})
        with self.assertRaises(UserError):
            logs.unlink()

    def test_delete_leaves_no_copies(self):
        partner, identifiers = self.create_customer("3")
        self.add_portal_user(partner)
        quotation = self.add_quotation(partner)
        lead, tracked = self.add_everyday_traces(partner, quotation)
        children = partner.child_ids
        self.assertEqual(partner.gdpr_erasure_plan()[partner.id]["action"], "delete")

        result, logs = self._erase(partner)

        self.assertEqual(result["deleted"], [partner.id])
        self.assertFalse(partner.exists())
        self.assertFalse(children.exists())
        self.assertFalse(quotation.exists())
        self.assertFalse(tracked.exists())
        self.assertFalse(lead.exists())
        self.assertEqual(logs.action, "deleted")
        self.assertFalse(logs.retention_ids)
        self.assertEqual(undeclared_hits(self.env, identifiers, logs), {})

    def test_child_alone_erases_only_the_child(self):
        partner, _identifiers = self.create_customer("4")
        child = partner.child_ids.filtered(lambda c: c.type == "contact")
        result, _logs = self._erase(child)
        self.assertEqual(result["deleted"], [child.id])
        self.assertTrue(partner.exists())
        self.assertEqual(partner.name, "Kristoffer Kvistgren4")
        self.assertEqual(len(partner.child_ids), 1)

    def test_erasing_twice_is_a_noop(self):
        partner, _identifiers = self.create_customer("5")
        self.add_paid_order(partner)
        self._erase(partner)
        name = partner.name
        result, logs = self._erase(partner)
        self.assertEqual(result["anonymised"], [])
        self.assertIn("Already erased", result["blocked"][partner.id][0])
        self.assertEqual(logs.action, "refused")
        self.assertEqual(partner.name, name)
        # a deleted partner is reported as gone
        other, _identifiers = self.create_customer("6")
        other_id = other.id
        self._erase(other)
        result, _logs = self._erase(self.env["res.partner"].browse(other_id))
        self.assertIn(other_id, result["blocked"])

    def test_archived_partner_can_be_erased(self):
        partner, _identifiers = self.create_customer("7")
        partner.action_archive()
        result, _logs = self._erase(partner)
        self.assertEqual(result["deleted"], [partner.id])

    def test_non_officer_is_refused(self):
        partner, _identifiers = self.create_customer("8")
        with self.assertRaises(AccessError):
            partner.with_user(self.staff).gdpr_erase()
        self.assertTrue(partner.exists())

    def test_failure_rolls_back_one_partner_only(self):
        good, _ids = self.create_customer("9")
        bad, _ids = self.create_customer("0")
        bad_name = bad.name
        erase = type(self.env["gdpr.erasure"])._erase_batch

        def failing(engine, plan, root_ids):
            if bad.id in root_ids:
                engine.env.cr.execute("UPDATE res_partner SET name = 'half-erased' WHERE id = %s", [bad.id])
                raise ValueError("injected failure")
            return erase(engine, plan, root_ids)

        self.patch(type(self.env["gdpr.erasure"]), "_erase_batch", failing)
        result, _logs = self._erase(good | bad)
        self.assertEqual(result["deleted"], [good.id])
        self.assertEqual(result["failed"], {bad.id: "ValueError"})
        bad.invalidate_recordset()
        self.assertEqual(bad.name, bad_name)
        self.assertFalse(good.exists())


@tagged("post_install", "-at_install")
class TestErasureRefusals(GdprCase):
    def assertRefused(self, partner, reason_part):
        before = partner.read(["name", "email", "active"])
        plan = partner.gdpr_erasure_plan()[partner.id]
        self.assertEqual(plan["action"], "blocked")
        self.assertTrue(any(reason_part in reason for reason in plan["reasons"]), plan["reasons"])
        result, _logs = self._erase(partner)
        self.assertIn(partner.id, result["blocked"])
        self.assertEqual(partner.read(["name", "email", "active"]), before)

    def test_unpaid_invoice(self):
        partner, _ids = self.create_customer("1")
        invoice = self.add_unpaid_invoice(partner)
        self.assertRefused(partner, invoice.name)
        self.assertIn("1 unpaid invoices", partner.gdpr_erasure_plan()[partner.id]["reasons"][0])

    def test_unpaid_invoice_of_a_child(self):
        partner, _ids = self.create_customer("2")
        self.add_unpaid_invoice(partner.child_ids[0])
        self.assertRefused(partner, "unpaid")

    def test_order_still_to_invoice(self):
        partner, _ids = self.create_customer("3")
        order = self.add_quotation(partner)
        order.action_confirm()
        self.assertRefused(partner, order.name)

    def test_internal_user(self):
        self.assertRefused(self.staff.partner_id, "internal user")

    def test_company_partner(self):
        self.assertRefused(self.env.company.partner_id, "company")

    def test_partner_of_another_company(self):
        other_company = self.env["res.company"].create({"name": "Annat Bolag AB"})
        partner = self.env["res.partner"].create({"name": "Bolagskund Berg", "company_id": other_company.id})
        officer = self.env["res.users"].create(
            {
                "name": "Olle Officer",
                "login": "olle.officer.gdpr",
                "company_id": self.env.company.id,
                "company_ids": [Command.set(self.env.company.ids)],
                "groups_id": [
                    Command.set(
                        [
                            self.env.ref("specter_gdpr.group_gdpr_officer").id,
                            self.env.ref("base.group_partner_manager").id,
                        ]
                    )
                ],
            }
        )
        plan = partner.with_user(officer).gdpr_erasure_plan()[partner.id]
        self.assertEqual(plan["action"], "blocked")
        result = partner.with_user(officer).gdpr_erase()
        self.assertIn(partner.id, result["blocked"])
        self.assertTrue(partner.exists())


@tagged("post_install", "-at_install")
class TestErasurePlanQueries(GdprCase):
    def _plan_queries(self, partners):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        partners.gdpr_erasure_plan()
        return self.env.cr.sql_log_count - before

    def test_plan_query_count_does_not_grow(self):
        partners = self.env["res.partner"].create(
            [
                {"name": f"Massa Kund {i}", "customer_rank": 1, "email": f"massa{i}@example.org"}
                for i in range(500)
            ]
        )
        for partner in partners[:40]:
            self.add_quotation(partner)
        self._plan_queries(partners[:1])  # fills the registry-wide caches (foreign keys, data records)
        small = self._plan_queries(partners[:10])
        large = self._plan_queries(partners)
        self.assertEqual(small, large)
        self.assertLess(large, 30)
