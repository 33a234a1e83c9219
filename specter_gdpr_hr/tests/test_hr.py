# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
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
