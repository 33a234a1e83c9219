# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.specter_gdpr.tests.common import RpcCase


@tagged("post_install", "-at_install")
class TestRestrictionMailing(RpcCase):
    def test_mailing_leaves_out_and_counts_the_restricted_partner(self):
        self._user(
            "k_marketer",
            [
                "base.group_user",
                "mass_mailing.group_mass_mailing_user",
                "specter_gdpr.group_customer_read",
                "specter_gdpr.group_supplier_read",
            ],
        )
        Partner = self.env["res.partner"]
        restricted = Partner.create({"name": "Begränsad Mottagare", "email": "begransad@example.org"})
        contact = Partner.create(
            {"name": "Kontaktperson", "parent_id": restricted.id, "email": "kp@example.org"}
        )
        free = Partner.create({"name": "Fri Mottagare", "email": "fri@example.org"})
        self.env["gdpr.restriction"]._restrict(restricted, "objection")
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Vårens nyheter",
                "body_html": "<p>Nyheter</p>",
                "mailing_model_id": self.env.ref("base.model_res_partner").id,
                "mailing_domain": repr([("id", "in", [restricted.id, contact.id, free.id])]),
            }
        )
        # a mail server that takes everything
        MailServer = type(self.env["ir.mail_server"])
        self.patch(MailServer, "connect", lambda self, *args, **kwargs: None)
        self.patch(MailServer, "send_email", lambda self, message, *args, **kwargs: message["Message-Id"])
        reply = self.call("k_marketer", "mailing.mailing", "action_send_mail", mailing.ids)
        self.assertNotIn("error", reply, reply)
        traces = {trace.res_id: trace for trace in mailing.mailing_trace_ids}
        for partner in (restricted, contact):
            self.assertEqual(traces[partner.id].trace_status, "cancel", partner.name)
            self.assertEqual(traces[partner.id].failure_type, "mail_gdpr_restricted", partner.name)
        self.assertNotEqual(traces[free.id].trace_status, "cancel")
        self.assertEqual(mailing.gdpr_restricted_count, 2)
        self.assertEqual(traces[free.id].trace_status, "sent", "the others get the mailing")
