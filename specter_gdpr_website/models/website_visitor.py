# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class WebsiteVisitor(models.Model):
    """The person's visits (which pages, when, from which country and in
    which language) go, with their page views."""

    _inherit = "website.visitor"
    _gdpr_sequence = 160
    _gdpr_covers = ("website.track",)

    def _gdpr_erase(self, batch):
        batch.delete_rows("website.visitor", "website_visitor")

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["website_id", "lang_id", "country_id", "visit_count", "create_date", "last_connection_datetime"],
        )
