# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class HrEmployee(models.Model):
    """An employee's data (contract, private address, bank account, identity
    numbers) follows employment law and its own retention periods, not a
    customer's erasure request: a partner that is an employee's work contact
    or work address, or whose e-mail address is an employee's work or
    private e-mail, is refused and the officer is told why."""

    _inherit = "hr.employee"

    def _gdpr_plan(self, plan):
        self.env.cr.execute(
            """
            WITH person AS (
                SELECT id, email_normalized FROM res_partner WHERE id IN %(ids)s
            )
            SELECT e.work_contact_id, e.name FROM hr_employee e WHERE e.work_contact_id IN %(ids)s
             UNION
            SELECT e.address_id, e.name FROM hr_employee e WHERE e.address_id IN %(ids)s
             UNION
            SELECT person.id, e.name FROM hr_employee e
              JOIN person ON person.email_normalized IN (lower(e.work_email), lower(e.private_email))
            """,
            {"ids": plan.partner_ids},
        )
        for root_id, names in plan.group_by_root(self.env.cr.fetchall()).items():
            plan.block(
                root_id,
                self.env._(
                    "Employee data in Employees (%(names)s): it follows employment law, not a customer's "
                    "erasure request; handle it with HR.",
                    names=", ".join(names),
                ),
                self.env._("Employee"),
            )
