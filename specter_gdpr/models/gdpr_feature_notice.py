# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api
from odoo import fields
from odoo import models


class GdprFeatureNotice(models.Model):
    """What a version of the addon brings for GDPR, told once to those it concerns.

    One record per version in ``data/gdpr_feature_notice_data.xml``; after
    each install or upgrade, notices not yet posted are posted.
    """

    _name = "gdpr.feature.notice"
    _inherit = ["mail.thread"]
    _description = "GDPR feature notice"
    _order = "version desc"
    _rec_name = "title"

    version = fields.Char(required=True, readonly=True)
    title = fields.Char(required=True, translate=True)
    body = fields.Html(required=True, translate=True)
    audience = fields.Selection(
        [("officers", "GDPR officers"), ("internal", "All internal users")], default="officers", required=True
    )
    posted_on = fields.Datetime(readonly=True)

    _sql_constraints = [("version_unique", "UNIQUE(version)", "One notice per version.")]

    @api.model
    def _post_pending(self):
        """Post every notice not posted yet; never one twice."""
        for notice in self.search([("posted_on", "=", False)], order="version"):
            group = "specter_gdpr.group_gdpr_officer" if notice.audience == "officers" else "base.group_user"
            users = self.env["res.users"].search(
                [("groups_id", "in", self.env.ref(group).id), ("share", "=", False)]
            )
            if not users:
                continue  # at install, before rights are granted: posted by the install hook
            notice.message_notify(
                partner_ids=users.partner_id.ids,
                subject=notice.title,
                body=Markup("%s") % notice.body,
            )
            notice.posted_on = fields.Datetime.now()
