# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import GdprCase
from odoo.addons.specter_gdpr.tests.common import undeclared_hits


@tagged("post_install", "-at_install")
class TestEventErasure(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the default schedulers: a confirmation mail with the full-page ticket on registration
        cls.event = cls.env["event.event"].create(
            {
                "name": "Kvistbydagen",
                "date_begin": fields.Datetime.now() + timedelta(days=10),
                "date_end": fields.Datetime.now() + timedelta(days=11),
            }
        )
        cls.look_alike = cls.env["res.partner"].create(
            {"name": "Kristoffer Kvistgren1son", "email": "hkristoffer.kvistgren1@example.org"}
        )
        cls.register(cls.look_alike)
        cls.bystander_values = [*cls.bystander_values, "Kristoffer Kvistgren1son", "hkristoffer.kvistgren1@"]

    @classmethod
    def register(cls, partner, **values):
        registration = cls.env["event.registration"].create(
            {"event_id": cls.event.id, "partner_id": partner.id, **values}
        )
        registration.message_post(body=f"{registration.name} kommer i rullstol", message_type="comment")
        return registration

    def tickets(self, names):
        """Ticket files whose name holds one of ``names``."""
        attachments = self.env["ir.attachment"].search([("name", "ilike", "Ticket")])
        return attachments.filtered(lambda a: any(re.search(rf"{re.escape(n)}(?!\w)", a.name) for n in names))

    def test_attendee_with_a_ticket_mail_leaves_nothing(self):
        partner, identifiers = self.create_customer("1")
        registration = self.register(partner)
        self.assertEqual(registration.email, partner.email)
        self.assertTrue(
            self.tickets([partner.name]), "the confirmation mail carries a ticket named after them"
        )
        # registered by e-mail alone (a web form), and booked by the person for a colleague
        by_email = self.env["event.registration"].create(
            {"event_id": self.event.id, "name": "K. Kvistgren", "email": partner.email, "phone": "0701234567"}
        )
        colleague = self.register(partner, name="Kollega Olsson", email="kollega.olsson@example.org")

        erased_id, name = partner.id, partner.name
        result, logs = self._erase(partner)

        self.assertEqual(result["deleted"], [erased_id])
        for attendee in registration | by_email:
            self.assertTrue(attendee.exists())
            self.assertFalse(attendee.name or attendee.email or attendee.phone)
        self.assertEqual((colleague.name, colleague.email), ("Kollega Olsson", "kollega.olsson@example.org"))
        identifiers += ["K. Kvistgren", "0701234567"]
        self.assertFalse(self.tickets([name, "K. Kvistgren"]))
        self.assertTrue(self.tickets(["Kollega Olsson"]), "the colleague's ticket is theirs")
        self.assertEqual(undeclared_hits(self.env, identifiers, logs, whole=True), {})
