# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import models

# record rules on res.partner.bank: {xml id: (Odoo's or the core's domain, the domain with both)}
NOT_EMPLOYEE = "[('partner_id.employee_ids', '=', False)]"
KIND = "user._gdpr_partner_rule_domain('%s', 'partner_id.gdpr_partner_kind')"
BANK_RULE_DOMAINS = {
    # HR's rule serves every operation: it gets the strictest right, editing the partner
    "hr.ir_rule_res_partner_bank_internal_users": (NOT_EMPLOYEE, f"{NOT_EMPLOYEE} + {KIND % 'write'}"),
    "specter_gdpr.rule_partner_bank_kind_read": (KIND % "read", f"{NOT_EMPLOYEE} + {KIND % 'read'}"),
    "specter_gdpr.rule_partner_bank_kind_write": (KIND % "write", f"{NOT_EMPLOYEE} + {KIND % 'write'}"),
}


class HrEmployee(models.Model):
    """An employee's data (contract, private address, bank account, identity
    numbers) follows employment law and its own retention periods, not a
    customer's erasure request: a partner that is an employee's work contact
    or work address, or whose e-mail address is an employee's work or
    private e-mail, is refused and the officer is told why."""

    _inherit = "hr.employee"

    @api.model
    def _gdpr_restrict_bank_account_rules(self):
        """See data/ir_rule_data.xml."""
        for xmlid, (_original, restricted) in BANK_RULE_DOMAINS.items():
            self.env.ref(xmlid).sudo().domain_force = restricted

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
        plan.block_grouped(
            self.env.cr.fetchall(),
            lambda names: self.env._(
                "Employee data in Employees (%(names)s): it follows employment law, not a customer's "
                "erasure request; handle it with HR.",
                names=", ".join(names),
            ),
            self.env._("Employee"),
        )
