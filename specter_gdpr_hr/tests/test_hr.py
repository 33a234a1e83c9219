# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import GdprCase


@tagged("post_install", "-at_install")
class TestHrErasure(GdprCase):
    def assertRefusedUnchanged(self, partner, reason_part):
        before = partner.read(["name", "email", "phone", "active"])
        plan = partner.gdpr_erasure_plan()[partner.id]
        self.assertEqual(plan["action"], "blocked")
        self.assertTrue(any(reason_part in reason for reason in plan["reasons"]), plan["reasons"])
        result, _logs = self._erase(partner)
        self.assertIn(partner.id, result["blocked"])
        self.assertFalse(result["failed"])
        self.assertEqual(partner.read(["name", "email", "phone", "active"]), before)

    def test_work_contact_of_an_employee_is_refused(self):
        partner, _ids = self.create_customer("1")
        employee = self.env["hr.employee"].create(
            {
                "name": "Kristoffer Kvistgren1",
                "work_contact_id": partner.id,
                "private_phone": "+46 70 555 00 11",
            }
        )
        self.assertRefusedUnchanged(partner, "Employee data in Employees (Kristoffer Kvistgren1)")
        self.assertEqual(employee.private_phone, "+46 70 555 00 11")

    def test_private_email_of_an_employee_is_refused(self):
        partner, _ids = self.create_customer("2")
        self.env["hr.employee"].create({"name": "Anställd Två", "private_email": partner.email.upper()})
        self.assertRefusedUnchanged(partner, "employment law")

    def test_work_location_address_is_refused(self):
        partner, _ids = self.create_customer("3")
        self.env["hr.work.location"].create({"name": "Lagret i Kvistby", "address_id": partner.id})
        self.assertRefusedUnchanged(partner, "Address of 1 work locations in Employees: Lagret i Kvistby")


@tagged("post_install", "-at_install")
class TestHrBankAccountRules(GdprCase):
    """HR's and the core's bank-account rules, which add up, open no account."""

    def test_bank_accounts_of_customers_and_employees_stay_closed(self):
        customer, _ids = self.create_customer("4")
        employee_contact = self.env["res.partner"].create({"name": "Anställd Fyra"})
        self.env["hr.employee"].create({"name": "Anställd Fyra", "work_contact_id": employee_contact.id})
        salary_account = self.env["res.partner.bank"].create(
            {"partner_id": employee_contact.id, "acc_number": "SE4550000000058398257466"}
        )
        plain = self.env["res.users"].create(
            {
                "name": "Utan Rättigheter",
                "login": "utan.rattigheter.gdpr",
                "groups_id": [Command.set([self.env.ref("base.group_user").id])],
            }
        )
        hr_officer = self.env["res.users"].create(
            {
                "name": "Hanna HR",
                "login": "hanna.hr.gdpr",
                "groups_id": [Command.set([self.env.ref("hr.group_hr_user").id])],
            }
        )
        visible = self.env["res.partner.bank"].with_user(plain).search([])
        self.assertNotIn(customer.bank_ids, visible)
        self.assertNotIn(salary_account, visible)
        self.assertIn(salary_account, self.env["res.partner.bank"].with_user(hr_officer).search([]))
