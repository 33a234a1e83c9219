# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class CalendarFilters(models.Model):
    _inherit = "calendar.filters"
    _gdpr_sequence = 200

    def _gdpr_erase(self, batch):
        batch.delete_rows("calendar.filters", "calendar_filters")

    def _gdpr_export(self, writer):
        """Nothing: a filter is a colleague's setting to show the person's
        calendar, not data about the person."""
