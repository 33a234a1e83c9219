# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import GdprCase
from odoo.addons.specter_gdpr.tests.common import undeclared_hits


@tagged("post_install", "-at_install")
class TestMassMailingErasure(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mailing_list = cls.env["mailing.list"].create({"name": "Nyhetsbrev"})
        cls.mailing = cls.env["mailing.mailing"].create(
            {
                "subject": "Vårens nyheter",
                "mailing_model_id": cls.env.ref("mass_mailing.model_mailing_list").id,
                "contact_list_ids": [Command.link(cls.mailing_list.id)],
            }
        )
        cls.look_alike = cls.env["res.partner"].create(
            {"name": "Kristoffer Kvistgren1son", "email": "hkristoffer.kvistgren1@example.org"}
        )
        cls.subscribe("Kristoffer Kvistgren1son", "hkristoffer.kvistgren1@example.org", opt_out=True)
        cls.bystander_values = [*cls.bystander_values, "Kristoffer Kvistgren1son", "hkristoffer.kvistgren1@"]

    @classmethod
    def subscribe(cls, name, email, opt_out=False):
        contact = cls.env["mailing.contact"].create(
            {
                "name": name,
                "email": email,
                "subscription_ids": [Command.create({"list_id": cls.mailing_list.id, "opt_out": opt_out})],
            }
        )
        cls.env["mailing.trace"].create(
            {
                "model": "mailing.contact",
                "res_id": contact.id,
                "email": email,
                "mass_mailing_id": cls.mailing.id,
            }
        )
        return contact

    def test_subscriber_leaves_no_contact_trace_or_blacklist_entry(self):
        partner, identifiers = self.create_customer("1")
        email = partner.email.lower()
        contact = self.subscribe(partner.name, partner.email.upper())
        partner_trace = self.env["mailing.trace"].create(
            {
                "model": "res.partner",
                "res_id": partner.id,
                "email": "old.address@example.org",
                "mass_mailing_id": self.mailing.id,
            }
        )
        result, logs = self._erase(partner)
        self.assertEqual(result["deleted"], [partner.id])
        self.assertFalse(contact.exists())
        self.assertFalse(partner_trace.exists())
        self.assertFalse(
            self.env["mail.blacklist"].with_context(active_test=False).search([("email", "=", email)])
        )
        self.assertFalse(logs.retention_ids)
        self.assertEqual(undeclared_hits(self.env, identifiers, logs, whole=True), {})

    def test_opted_out_address_stays_on_the_blacklist_declared(self):
        partner, identifiers = self.create_customer("2")
        email = partner.email
        self.subscribe(partner.name, email, opt_out=True)
        result, logs = self._erase(partner)
        self.assertEqual(result["deleted"], [partner.id])
        self.assertFalse(self.env["mailing.contact"].search([("email_normalized", "=", email.lower())]))
        entry = self.env["mail.blacklist"].search([("email", "=", email.lower())])
        self.assertTrue(entry.active)
        self.assertEqual(
            logs.retention_ids.mapped(lambda r: (r.res_model, r.res_id, r.field_names)),
            [("mail.blacklist", entry.id, "email")],
        )
        self.assertEqual(undeclared_hits(self.env, identifiers, logs, whole=True), {})
