# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GdprCase


@tagged("post_install", "-at_install")
class TestRetention(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partner, _identifiers = cls.create_customer("7")
        cls.order, cls.invoice = cls.add_paid_order(partner)
        log = cls.env["gdpr.erasure.log"].browse(partner.gdpr_erase()["log_ids"])
        cls.items = log.retention_ids
        cls.Retention = cls.env["gdpr.erasure.log.retention"]

    def test_posted_entries_are_retained_until_end_of_year_plus_retention(self):
        invoice_item = self.items.filtered(
            lambda i: i.res_model == "account.move" and i.res_id == self.invoice.id
        )
        years = self.company.gdpr_retention_years
        self.assertEqual(invoice_item.retain_until, date(self.invoice.date.year + years, 12, 31))

    def test_retention_ended_finds_items_once_their_period_is_over(self):
        last_day = max(self.items.mapped("retain_until"))
        domain = [("id", "in", self.items.ids)]
        with freeze_time(last_day):
            self.assertFalse(self.Retention.search([*domain, ("retention_ended", "=", True)]))
            self.assertEqual(self.Retention.search([*domain, ("retention_ended", "=", False)]), self.items)
            self.assertFalse(any(self.items.mapped("retention_ended")))
        with freeze_time(last_day + timedelta(days=1)):
            self.items.invalidate_recordset(["retention_ended"])
            self.assertEqual(self.Retention.search([*domain, ("retention_ended", "=", True)]), self.items)
            self.assertEqual(self.Retention.search([*domain, ("retention_ended", "!=", False)]), self.items)
            self.assertTrue(all(self.items.mapped("retention_ended")))
        with self.assertRaises(UserError):
            self.Retention.search([("retention_ended", "in", [True])])

    def test_open_record_opens_the_retained_document(self):
        item = self.items.filtered(lambda i: i.res_model == "account.move")[:1]
        action = item.action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("account.move", item.res_id))
