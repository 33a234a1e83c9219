# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2.errors import UniqueViolation

from odoo import api
from odoo import fields
from odoo import models
from odoo import tools
from odoo.http import request


class GdprDpa(models.Model):
    """A version of the data processing agreement (GDPR Art. 28), in one language.

    The current version is the one with the latest effective date that has
    come; a company accepts it by continuing to use the system.
    """

    _name = "gdpr.dpa"
    _description = "Data processing agreement"
    _order = "effective_date desc, version_code desc, id"
    _rec_name = "title"

    version_code = fields.Char(string="Version", required=True)
    title = fields.Char(required=True)
    effective_date = fields.Date(required=True)
    lang = fields.Selection(selection="_lang_selection", string="Language", required=True, default="en_US")
    body = fields.Html(required=True, sanitize_style=True)
    pdf = fields.Binary(string="PDF", attachment=True)
    pdf_filename = fields.Char()
    acceptance_ids = fields.One2many("gdpr.dpa.acceptance", "dpa_id", string="Acceptances", readonly=True)
    notified_user_ids = fields.Many2many("res.users", string="Users who saw the notice", readonly=True)
    is_current = fields.Boolean(compute="_compute_is_current", string="Current")

    _sql_constraints = [
        ("version_lang_unique", "UNIQUE(version_code, lang)", "A version exists only once per language."),
    ]

    @api.model
    def _lang_selection(self):
        languages = self.env["res.lang"].with_context(active_test=False).search([])
        return [(lang.code, lang.name) for lang in languages]

    def _compute_is_current(self):
        current = self._current_version_code()
        for dpa in self:
            dpa.is_current = dpa.version_code == current

    @api.model
    @tools.ormcache()
    def _current_version_code(self):
        """The version code in force today (cached; cleared when versions change)."""
        self.env.cr.execute(
            """
            SELECT version_code FROM gdpr_dpa
             WHERE effective_date <= (now() at time zone 'UTC')::date
             ORDER BY effective_date DESC, version_code DESC LIMIT 1
            """
        )
        row = self.env.cr.fetchone()
        return row and row[0]

    @api.model
    def _current_text(self, lang=None):
        """The current version in ``lang`` (else English, else any language)."""
        code = self._current_version_code()
        if not code:
            return self.browse()
        texts = self.sudo().search([("version_code", "=", code)])
        wanted = lang or self.env.lang
        return (
            texts.filtered(lambda dpa: dpa.lang == wanted)[:1]
            or texts.filtered(lambda dpa: dpa.lang == "en_US")[:1]
            or texts[:1]
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        if {"effective_date", "version_code"} & vals.keys():
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    # -- acceptance -------------------------------------------------------
    @api.model
    def _accept_by_continued_use(self):
        """Record that the current user's company accepted the current version,
        unless it already did. Called at login and when the web client loads."""
        user = self.env.user
        if user._is_public() or user.share:
            return self.env["gdpr.dpa.acceptance"]
        return self._accept(self._current_text(), user.company_id, user, "continued_use")

    def action_accept(self):
        """An officer accepts this version explicitly for the current company."""
        self.ensure_one()
        self.env["gdpr.erasure"]._check_officer()
        self._accept(self, self.env.company, self.env.user, "explicit")
        return True

    @api.model
    def _accept(self, dpa, company, user, method):
        Acceptance = self.env["gdpr.dpa.acceptance"].sudo()
        if not dpa or Acceptance.search_count(
            [("version_code", "=", dpa.version_code), ("company_id", "=", company.id)], limit=1
        ):
            return Acceptance.browse()
        try:
            with self.env.cr.savepoint():
                return Acceptance.create(
                    {
                        "dpa_id": dpa.id,
                        "company_id": company.id,
                        "user_id": user.id,
                        "method": method,
                        "ip_address": request.httprequest.remote_addr if request else False,
                    }
                )
        except UniqueViolation:
            # another user of the company logged in at the same moment and accepted it
            return Acceptance.browse()

    # -- notice -----------------------------------------------------------
    @api.model
    def _pending_notice(self):
        """The current version's notice for the user, once per user and version."""
        user = self.env.user
        dpa = self._current_text()
        if not dpa or user.share:
            return False
        seen = self.sudo().search_count(
            [("version_code", "=", dpa.version_code), ("notified_user_ids", "in", user.id)], limit=1
        )
        if seen:
            return False
        dpa.sudo().notified_user_ids = [(4, user.id)]
        return {
            "title": self.env._("Data processing agreement"),
            "message": self.env._(
                "%(company)s has accepted version %(version)s of the data processing agreement "
                "by continuing to use the system.",
                company=user.company_id.name,
                version=dpa.version_code,
            ),
            "link_label": self.env._("Read the agreement"),
            "action": {
                "type": "ir.actions.act_window",
                "res_model": self._name,
                "res_id": dpa.id,
                "views": [[False, "form"]],
                "target": "current",
            },
        }
