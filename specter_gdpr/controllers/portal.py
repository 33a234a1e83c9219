# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup
from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..tools import is_token


class GdprPortal(http.Controller):
    """The customer's own page (``/my/personal-data``) and the public request
    form (``/gdpr/request``), with the links e-mailed to requesters."""

    @http.route("/my/personal-data", type="http", auth="user", methods=["GET"], website=True)
    def personal_data(self, **kwargs):
        return self._personal_data_page()

    def _personal_data_page(self, message=None):
        """The page, with a message of ours (never one taken from the URL)."""
        requests = request.env["gdpr.request"].sudo().search([("requester_user_id", "=", request.env.uid)])
        partner = request.env.user.partner_id
        restriction = request.env["gdpr.restriction"]._restricted_partners(partner.ids).get(partner.id)
        return request.render(
            "specter_gdpr.portal_my_personal_data",
            {
                "gdpr_requests": requests,
                "gdpr_restriction": restriction,
                "message": message,
                "page_name": "personal_data",
            },
        )

    @http.route("/my/personal-data/request", type="http", auth="user", methods=["POST"], website=True)
    def personal_data_request(self, request_type=None, **kwargs):
        try:
            gdpr_request = request.env["gdpr.request"]._create_from_portal(request_type)
        except UserError as error:
            return self._personal_data_page(message=error.args[0])
        message = request.env._("Your request %(name)s is registered.", name=gdpr_request.name)
        return self._personal_data_page(message=message)

    @http.route("/my/personal-data/object", type="http", auth="user", methods=["POST"], website=True)
    def personal_data_object(self, **kwargs):
        request.env["gdpr.request"]._object_from_portal()
        return self._personal_data_page(message=request.env._("We will not send you marketing any more."))

    @http.route(
        "/my/personal-data/download/<int:request_id>", type="http", auth="user", methods=["GET"], website=True
    )
    def personal_data_download(self, request_id, **kwargs):
        gdpr_request = request.env["gdpr.request"].sudo().browse(request_id).exists()
        if not gdpr_request or gdpr_request.requester_user_id != request.env.user:
            raise Forbidden()
        return self._download(gdpr_request.export_ids[:1])

    @http.route("/gdpr/download/<string:token>", type="http", auth="public", methods=["GET"])
    def token_download(self, token, **kwargs):
        if not is_token(token):
            return self._not_found()
        return self._download(request.env["gdpr.data.export"]._from_download_token(token))

    def _download(self, export):
        if not export or not export.attachment_id:
            raise Forbidden()
        export._log_download()
        stream = request.env["ir.binary"]._get_stream_from(export.attachment_id.sudo())
        return stream.get_response(as_attachment=True)

    @http.route(
        "/gdpr/request", type="http", auth="public", methods=["GET", "POST"], sitemap=False, website=True
    )
    def public_request(self, **post):
        values = {
            "request_types": request.env["gdpr.request"]
            ._fields["request_type"]
            ._description_selection(request.env)
        }
        if request.httprequest.method == "POST":
            try:
                request.env["gdpr.request"]._create_from_web(
                    post.get("request_type"),
                    post.get("name"),
                    post.get("email"),
                    post.get("description"),
                    request.httprequest.remote_addr,
                )
                values["message"] = request.env._(
                    "Thank you. If the address is valid, you will receive an e-mail to confirm your request."
                )
            except UserError as error:
                values["error"] = error.args[0]
        return request.render("specter_gdpr.public_request_form", values)

    @http.route(
        "/gdpr/confirm/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        website=True,
    )
    def confirm_page(self, token, **kwargs):
        """The e-mailed link shows a button; the button posts the token in the
        form's body to a fixed address (a mail scanner that follows the link
        confirms nothing). A token not of the form we issue is a 404 before
        anything is rendered: nothing of the URL reaches the page but a
        checked token, in an escaped field."""
        if not is_token(token):
            return self._not_found()
        return request.render("specter_gdpr.public_request_form", {"hide_form": True, "confirm_token": token})

    @http.route("/gdpr/confirm", type="http", auth="public", methods=["POST"], sitemap=False, website=True)
    def confirm(self, token=None, **kwargs):
        values = {"hide_form": True}
        try:
            gdpr_request = request.env["gdpr.request"]._confirm_by_token(token)
            values["message"] = request.env._(
                "Thank you: your request %(name)s is confirmed. We answer by %(date)s at the latest.",
                name=gdpr_request.name,
                date=gdpr_request.date_due,
            )
        except UserError as error:
            values["error"] = error.args[0]
        return request.render("specter_gdpr.public_request_form", values)

    @http.route(
        "/gdpr/verify/<string:token>",
        type="http",
        auth="user",
        methods=["GET"],
        sitemap=False,
        website=True,
    )
    def verify_page(self, token, **kwargs):
        """The link sent to an address a person gave about themself: GET shows
        a button, POST (the token in the body) confirms the address, for the
        logged-in account that entered it only."""
        if not is_token(token):
            return self._not_found()
        return request.render("specter_gdpr.public_request_form", {"hide_form": True, "verify_token": token})

    @http.route("/gdpr/verify", type="http", auth="user", methods=["POST"], sitemap=False, website=True)
    def verify(self, token=None, **kwargs):
        values = {"hide_form": True}
        try:
            request.env["gdpr.identifier.claim"]._verify_by_token(token)
            values["message"] = request.env._("Thank you: your e-mail address is confirmed.")
        except UserError as error:
            values["error"] = error.args[0]
        return request.render("specter_gdpr.public_request_form", values)

    def _not_found(self):
        """A 404 page of ours, standing alone: Odoo's own 404 handling looks
        the path up as a file (a NUL byte in it would be a server error), and
        the site's layout repeats the URL in its meta tags."""
        values = {
            "lang": (request.env.lang or "en_US").replace("_", "-"),
            "heading": request.env._("Your personal data"),
            "message": request.env._("This link is not valid."),
        }
        html = Markup("<!DOCTYPE html>\n") + request.env["ir.qweb"]._render(
            "specter_gdpr.link_not_valid", values
        )
        return request.make_response(html, headers=[("Content-Type", "text/html; charset=utf-8")], status=404)
