# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command
from odoo import fields
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import GdprCase
from odoo.addons.specter_gdpr.tests.common import undeclared_hits
from odoo.addons.specter_gdpr_event.tests import test_event
from odoo.addons.specter_gdpr_mass_mailing.tests import test_mass_mailing
from odoo.addons.specter_gdpr_pos.tests import test_pos
from odoo.addons.specter_gdpr_project.tests import test_project
from odoo.addons.specter_gdpr_purchase.tests import test_purchase
from odoo.addons.specter_gdpr_stock.tests import test_stock

LOOK_ALIKE = "Kristoffer Kvistgren2son"
LOOK_ALIKE_EMAIL = "hkristoffer.kvistgren2@example.org"


@tagged("post_install", "-at_install")
class TestWorld(GdprCase):
    """One person per path through the apps a company runs, erased together in
    one call: nothing of the erased left outside declared retention, no
    failure, named refusals where work is open, everyone else untouched."""

    # the bridges' own builders
    add_transfer = test_stock.TestStockErasure.__dict__["add_transfer"]
    add_rfq = test_purchase.TestPurchaseErasure.__dict__["add_rfq"]
    add_billed_order = test_purchase.TestPurchaseErasure.__dict__["add_billed_order"]
    add_task = test_project.TestProjectErasure.__dict__["add_task"]
    register = test_event.TestEventErasure.__dict__["register"]
    subscribe = test_mass_mailing.TestMassMailingErasure.__dict__["subscribe"]
    add_order = test_pos.TestPosErasure.__dict__["add_order"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.warehouse = env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.goods = env["product.product"].create(
            {"name": "GDPR world goods", "type": "consu", "is_storable": True, "invoice_policy": "order"}
        )
        cls.bought = env["product.product"].create(
            {"name": "GDPR world service", "type": "service", "purchase_method": "purchase"}
        )
        cls.project = env["project.project"].create({"name": "Världsprojekt", "privacy_visibility": "portal"})
        cls.event = env["event.event"].create(
            {
                "name": "Världsdagen",
                "date_begin": fields.Datetime.now() + timedelta(days=10),
                "date_end": fields.Datetime.now() + timedelta(days=11),
            }
        )
        cls.mailing_list = env["mailing.list"].create({"name": "Världsbrev"})
        cls.mailing = env["mailing.mailing"].create(
            {
                "subject": "Världsnytt",
                "mailing_model_id": env.ref("mass_mailing.model_mailing_list").id,
                "contact_list_ids": [Command.link(cls.mailing_list.id)],
            }
        )
        cls.config = env["pos.config"].create({"name": "Världskassan"})
        cls.session = env["pos.session"].create({"config_id": cls.config.id, "user_id": env.uid})
        cls.look_alike = env["res.partner"].create({"name": LOOK_ALIKE, "email": LOOK_ALIKE_EMAIL})
        cls.everywhere(cls.look_alike)
        cls.bystander_values = [*cls.bystander_values, LOOK_ALIKE, LOOK_ALIKE_EMAIL]

    @classmethod
    def everywhere(cls, partner):
        """The look-alike is in every app: a done delivery, a billed order, a
        task, a registration, a subscription, a till order, a visit."""
        cls.add_transfer(partner, "outgoing", done=True)
        cls.add_billed_order(partner)
        cls.add_task(partner)
        cls.register(partner)
        cls.subscribe(partner.name, partner.email, opt_out=True)
        cls.add_order(partner, "paid")
        cls.env["website.visitor"].create({"partner_id": partner.id, "access_token": partner.id})

    def build_world(self):
        """``{path: partner}``, one person per path."""
        world = {}

        def person(path, tag):
            world[path], identifiers = self.create_customer(tag)
            self.identifiers[path] = identifiers
            return world[path]

        self.identifiers = {}
        self.add_rfq(person("supplier with an RFQ only", "1"))
        self.add_billed_order(person("supplier with a billed order", "2"))
        order = self.add_quotation(person("customer with an open delivery", "3"))
        order.order_line.product_id = self.goods
        order.action_confirm()
        self.add_transfer(person("customer with a done delivery", "4"), "outgoing", done=True)
        self.add_task(person("project collaborator", "5"))
        self.register(person("event attendee with a ticket mail", "6"))
        partner = person("mailing subscriber who opted out", "7")
        self.subscribe(partner.name, partner.email, opt_out=True)
        self.add_order(person("till customer", "8"), "paid")
        partner = person("employee's work contact", "9")
        self.env["hr.employee"].create({"name": partner.name, "work_contact_id": partner.id})
        partner = person("website visitor", "0")
        self.env["website.visitor"].create({"partner_id": partner.id, "access_token": partner.id})
        return world

    def test_world_is_erased_in_one_go(self):
        world = self.build_world()
        refused = {
            "supplier with an RFQ only": "purchase orders still open in Purchase",
            "customer with an open delivery": "deliveries still to be done in Inventory",
            "employee's work contact": "Employee data in Employees",
        }
        expected = {
            "supplier with a billed order": "anonymised",
            "customer with a done delivery": "anonymised",
            "till customer": "anonymised",
            "project collaborator": "deleted",
            "event attendee with a ticket mail": "deleted",
            "mailing subscriber who opted out": "deleted",
            "website visitor": "deleted",
        }
        ids = {path: partner.id for path, partner in world.items()}
        partners = self.env["res.partner"].browse(list(ids.values()))

        result, logs = self._erase(partners)

        self.assertEqual(result["failed"], {})
        for path, reason in refused.items():
            self.assertTrue(any(reason in r for r in result["blocked"][ids[path]]), (path, result["blocked"]))
        for path, outcome in expected.items():
            self.assertIn(ids[path], result[outcome], path)
        erased = [value for path in expected for value in self.identifiers[path]]
        self.assertEqual(undeclared_hits(self.env, erased, logs, whole=True), {})
        # what is retained is declared: the billed order's bill, the opted-out address
        self.assertTrue(logs.retention_ids.filtered(lambda r: r.res_model == "mail.blacklist"))
        # the refused are untouched
        for path in refused:
            self.assertEqual(world[path].name, self.identifiers[path][0])

    def test_refusals_read_in_swedish(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        world = self.build_world()
        till = self.add_order(world["till customer"], "draft")
        visitor = world["website visitor"]
        self.env["hr.work.location"].create({"name": "Kvistby lager", "address_id": visitor.id})
        plans = (
            self.env["res.partner"]
            .browse([partner.id for partner in world.values()])
            .with_context(lang="sv_SE")
            .gdpr_erasure_plan()
        )

        def reasons(path):
            return "\n".join(plans[world[path].id]["reasons"])

        self.assertIn("inköpsorder fortfarande öppna i Inköp", reasons("supplier with an RFQ only"))
        self.assertIn("leveranser ännu inte utförda i Lager", reasons("customer with an open delivery"))
        self.assertIn("Personaluppgifter i Anställda", reasons("employee's work contact"))
        self.assertIn(f"1 order fortfarande öppna i Kassa: {till.name}", reasons("till customer"))
        self.assertIn("Adress för 1 arbetsplatser i Anställda: Kvistby lager", reasons("website visitor"))
        self.assertIn("Utförda förflyttningar sparas", reasons("customer with a done delivery"))
        self.assertIn("Fakturerade inköpsorder sparas", reasons("supplier with a billed order"))
