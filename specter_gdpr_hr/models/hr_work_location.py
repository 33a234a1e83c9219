# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class HrWorkLocation(models.Model):
    """A work location's address (a RESTRICT foreign key) is a place the
    company's people work at: it is refused, by name."""

    _inherit = "hr.work.location"

    def _gdpr_plan(self, plan):
        self.env.cr.execute(
            "SELECT address_id, name FROM hr_work_location WHERE address_id IN %s", [plan.partner_ids]
        )
        plan.block_grouped(
            self.env.cr.fetchall(),
            lambda names: self.env._(
                "Address of %(count)s work locations in Employees: %(names)s",
                count=len(names),
                names=", ".join(names),
            ),
            self.env._("Work location"),
        )
