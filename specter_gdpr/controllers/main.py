# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import request


class GdprController(http.Controller):
    @http.route("/specter_gdpr/dpa/notice", type="json", auth="user")
    def dpa_notice(self):
        """Called when the web client loads: records acceptance by continued use
        for a session that outlived a new version, and returns the notice the
        user has not seen yet (or False)."""
        dpa = request.env["gdpr.dpa"]
        dpa._accept_by_continued_use()
        return dpa._pending_notice()
