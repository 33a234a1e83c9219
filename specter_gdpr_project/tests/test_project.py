# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import GdprCase
from odoo.addons.specter_gdpr.tests.common import undeclared_hits


@tagged("post_install", "-at_install")
class TestProjectErasure(GdprCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create(
            {"name": "Kundprojekt", "privacy_visibility": "portal"}
        )
        cls.look_alike = cls.env["res.partner"].create(
            {"name": "Kristoffer Kvistgren1son", "email": "hkristoffer.kvistgren1@example.org"}
        )
        cls.add_task(cls.look_alike)
        cls.bystander_values = [*cls.bystander_values, "Kristoffer Kvistgren1son", "hkristoffer.kvistgren1@"]

    @classmethod
    def add_task(cls, partner):
        cls.project.write({"collaborator_ids": [Command.create({"partner_id": partner.id})]})
        task = cls.env["project.task"].create(
            {
                "name": f"Installera hos {partner.name}",
                "project_id": cls.project.id,
                "partner_id": partner.id,
                "email_cc": partner.email,
                "description": f"<p>Ring {partner.name} på {partner.phone}</p>",
            }
        )
        # a second revision: the first one lives on in html_field_history
        task.description = f"<p>Portkod hos {partner.name}: 4711</p>"
        task.message_post(body=f"{partner.name} vill bli uppringd", message_type="comment")
        return task

    def test_collaborator_with_a_task_is_deleted_without_failure(self):
        partner, identifiers = self.create_customer("1")
        task = self.add_task(partner)
        task.flush_recordset()
        self.assertTrue(task.html_field_history)
        self.assertEqual(partner.gdpr_erasure_plan()[partner.id]["action"], "delete")
        result, logs = self._erase(partner)
        self.assertFalse(result["failed"])
        self.assertEqual(result["deleted"], [partner.id])
        self.assertEqual(self.project.collaborator_ids.partner_id, self.look_alike)
        self.assertTrue(task.exists())
        self.assertFalse(task.html_field_history)
        self.assertEqual(undeclared_hits(self.env, identifiers, logs, whole=True), {})
