# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.web.controllers import export
from odoo.addons.web.controllers import vcard


class GdprController(http.Controller):
    @http.route("/specter_gdpr/dpa/notice", type="json", auth="user")
    def dpa_notice(self):
        """Called when the web client loads: records acceptance by continued use
        for a session that outlived a new version, and returns the notice the
        user has not seen yet (or False)."""
        dpa = request.env["gdpr.dpa"]
        dpa._accept_by_continued_use()
        return dpa._pending_notice()


class GdprVcard(vcard.Partner):
    @http.route()
    def download_vcard(self, partner_ids=None, partner=None, **kwargs):
        """A vCard hands out e-mail addresses and phone numbers: it needs the
        label/e-mail right."""
        if not request.env.user.has_group("specter_gdpr.group_customer_print"):
            raise AccessError(request.env._("You are not allowed to download contacts' vCards."))
        return super().download_vcard(partner_ids=partner_ids, partner=partner, **kwargs)


class GdprExportGroupBy:
    """An export grouped by a field puts that field's values in the group
    headers: they are exported as much as a column is."""

    def base(self, data):
        params = json.loads(data)
        if params.get("groupby"):
            model = request.env[params["model"]]
            model._gdpr_check_export_paths([spec.split(":")[0] for spec in params["groupby"]], grouped=True)
        return super().base(data)


class GdprExcelExport(GdprExportGroupBy, export.ExcelExport):
    pass


class GdprCsvExport(GdprExportGroupBy, export.CSVExport):
    pass
