# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import GdprCase
from odoo.addons.specter_gdpr.tests.common import undeclared_hits


@tagged("post_install", "-at_install")
class TestWebsiteErasure(GdprCase):
    def add_visitor(self, partner):
        return self.env["website.visitor"].create(
            {
                "partner_id": partner.id,
                "access_token": partner.id,
                "website_track_ids": [Command.create({"url": "/shop/kvistgrens-favorit"})],
            }
        )

    def test_visitor_rows_go(self):
        partner, identifiers = self.create_customer("1")
        other = self.env["res.partner"].create({"name": "Annan Besökare"})
        visitor = self.add_visitor(partner)
        kept = self.add_visitor(other)
        tracks = visitor.website_track_ids
        result, logs = self._erase(partner)
        self.assertEqual(result["deleted"], [partner.id])
        self.assertFalse(visitor.exists())
        self.assertFalse(tracks.exists())
        self.assertTrue(kept.exists() and kept.website_track_ids)
        self.assertEqual(undeclared_hits(self.env, identifiers, logs, whole=True), {})
