# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import contextlib
import hashlib
import html
import json
import os
import re
import secrets
import tempfile
import zipfile
from collections import defaultdict
from datetime import date
from datetime import datetime
from datetime import timedelta
from functools import partial

from odoo import SUPERUSER_ID
from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import AccessError
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import email_normalize
from odoo.tools import format_date
from odoo.tools import html2plaintext
from odoo.tools import split_every

from ..tools import hash_token
from .gdpr_erasure import ErasureBatch
from .gdpr_erasure import ErasurePlan

# never exported, whoever holds them: credentials and the addon's own machinery
SECRET_WORDS = ("password", "token", "secret", "hash", "api_key", "totp", "signature")
SKIPPED_FIELDS = {"id", "create_uid", "write_uid", "write_date", "message_main_attachment_id"}
SKIPPED_TYPES = {"binary", "many2many", "one2many", "properties", "properties_definition", "json"}
CHUNK = 500


def default_field_names(model):
    """The stored fields of ``model`` a person can read as their data."""
    return [
        name
        for name, field in model._fields.items()
        if field.store
        and field.column_type
        and field.type not in SKIPPED_TYPES
        and name not in SKIPPED_FIELDS
        and not name.startswith(("message_", "activity_", "website_message"))
        and not any(word in name for word in SECRET_WORDS)
    ]


def json_value(field_type, value):
    if field_type == "many2one":
        return value[1] if value else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class PersonalDataWriter:
    """Streams the sections of one export to files on disk, a chunk of
    records at a time: memory stays flat whatever the person's history.

    Each model of the registry calls ``add`` from its ``_gdpr_export`` hook;
    the writer remembers which records went out, for their files.

    ``own_only``: the copy for the person themself holds their own records
    only (linked to them by relation, and messages they wrote or received):
    the batch then has no identifiers, so nothing is found by an e-mail or
    phone in records of others, and hooks leave out staff-only notes.
    ``directory=None`` is a dry run: records are listed, nothing is written.
    ``review``: ``{(model, id): reason}`` marks records in the officer's copy.
    """

    def __init__(self, env, batch, directory, lang, own_only=False, review=None):
        self.env = env(context=dict(env.context, lang=lang, active_test=False))
        self.batch = batch
        self.lang = lang
        self.own_only = own_only
        self.review = review or {}
        self.exported = defaultdict(set)  # model -> record ids
        self.listed = defaultdict(set)  # model -> record ids, mentions included
        self.counts = defaultdict(int)  # model -> records
        self.dry = directory is None
        self._json = self._html = None
        if not self.dry:
            self._json = open(os.path.join(directory, "personal_data.json"), "w", encoding="utf-8")  # noqa: SIM115
            self._html = open(os.path.join(directory, "personal_data.html"), "w", encoding="utf-8")  # noqa: SIM115
        self._sections = 0

    @property
    def partner_ids(self):
        return list(self.batch.partner_ids)

    @property
    def received_addresses(self):
        """The persons' e-mail addresses, today's and former (tracked
        changes), that staff entered or they confirmed: what was sent to them
        there, they received."""
        partners = self.env["res.partner"].browse(self.partner_ids)
        addresses = {p.email_normalized for p in partners if p.email_normalized}
        self.env.cr.execute(
            """
            SELECT tracking.old_value_char, tracking.new_value_char
              FROM mail_tracking_value tracking
              JOIN mail_message message ON message.id = tracking.mail_message_id
              JOIN ir_model_fields field ON field.id = tracking.field_id
             WHERE message.model = 'res.partner' AND message.res_id = ANY(%s) AND field.name = 'email'
            """,
            [self.partner_ids],
        )
        addresses.update(email_normalize(value) for row in self.env.cr.fetchall() for value in row if value)
        return sorted(address for address in addresses - self.batch.unverified if address)

    def on_exported(self, model_field="res_model", id_field="res_id"):
        """Domain of the rows attached to a record already exported (its
        chatter, its activities)."""
        domains = [
            [(model_field, "=", name), (id_field, "in", list(ids))]
            for name, ids in self.exported.items()
            if not name.startswith("gdpr.")  # the register's own handling notes
        ]
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    # -- sections -----------------------------------------------------------
    def add(self, model, domain, field_names=None, title=None):
        """Export the records of ``model`` that match ``domain``."""
        model = self.env[model._name].sudo()
        self.add_ids(model, model.search(domain, order="id").ids, field_names, title)

    def add_ids(self, model, ids, field_names=None, title=None, only_fields=None):
        """Export records by id. ``only_fields`` (``{id: [field]}``) limits a
        record to the fields that name the person (a mention on a record of
        someone else's)."""
        model = self.env[model._name].sudo()
        ids = [rid for rid in ids if only_fields is not None or rid not in self.exported[model._name]]
        if not ids:
            return
        self.listed[model._name].update(ids)
        if self.dry:
            if only_fields is None:
                self.exported[model._name].update(ids)
            return
        names = field_names or default_field_names(model)
        described = model.fields_get(names, ["string", "type", "selection"])
        title = title or self.env["ir.model"]._get(model._name).name
        self._open_section(model._name, title, described)
        first = True
        for chunk in split_every(CHUNK, ids, list):
            for values in model.browse(chunk).read(names):
                keep = only_fields.get(values["id"]) if only_fields is not None else None
                values["_review"] = self.review.get((model._name, values["id"]))
                self._write_record(values, described, keep, first)
                first = False
            self.env.invalidate_all()
        self._close_section()
        if only_fields is None:  # a mention's record is someone else's: not its files
            self.exported[model._name].update(ids)
        self.counts[model._name] += len(ids)

    def _open_section(self, key, title, described):
        labels = {name: info["string"] for name, info in described.items()}
        self._json.write(("," if self._sections else "") + "\n{")
        self._json.write(f'"model": {json.dumps(key)}, "title": {json.dumps(title)}, ')
        self._json.write(f'"fields": {json.dumps(labels, ensure_ascii=False)}, "records": [')
        self._html.write(f"<section><h2>{html.escape(title)}</h2>\n")
        self._sections += 1

    def _write_record(self, values, described, keep, first):
        record = {"id": values["id"]}
        items = []
        if values["_review"]:
            record["_review"] = values["_review"]
            label = html.escape(self.env._("For review before it is given to the person"))
            items.append(f"<dt class='review'>{label}</dt><dd>{html.escape(values['_review'])}</dd>")
        for name, info in described.items():
            if keep is not None and name not in keep:
                continue
            value = json_value(info["type"], values.get(name))
            record[name] = value
            text = self._display(info, value)
            if text:
                items.append(f"<dt>{html.escape(info['string'])}</dt><dd>{html.escape(text)}</dd>")
        self._json.write(("" if first else ",") + "\n" + json.dumps(record, ensure_ascii=False, default=str))
        self._html.write("<dl>" + "".join(items) + "</dl>\n")

    @staticmethod
    def _display(info, value):
        if value is None or value is False or value == "":
            return ""
        if info["type"] == "html":
            return html2plaintext(value)
        if info["type"] == "selection":
            return dict(info.get("selection") or []).get(value, value)
        return str(value)

    def _close_section(self):
        self._json.write("]}")
        self._html.write("</section>\n")

    def close(self):
        if not self.dry:
            self._json.close()
            self._html.close()


class GdprDataExport(models.Model):
    """One personal-data export (Art. 15 access, Art. 20 portability): a ZIP
    of everything the registry's models hold about some partners, kept for a
    limited time, readable by officers and by the person through the portal."""

    _name = "gdpr.data.export"
    _description = "GDPR personal data export"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    partner_ids = fields.Many2many("res.partner", string="Data subjects", readonly=True)
    request_id = fields.Many2one("gdpr.request", readonly=True, ondelete="cascade", index="btree_not_null")
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True)
    file_size = fields.Integer(related="attachment_id.file_size")
    date_expiry = fields.Date(string="Deleted on", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Made by", readonly=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one("res.company", readonly=True, default=lambda self: self.env.company)
    summary = fields.Text(readonly=True, help="How many records of each kind the export holds.")
    download_token_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")

    # -- building -----------------------------------------------------------
    @api.model
    def _check_officer(self):
        if not (self.env.su or self.env.user.has_group("specter_gdpr.group_gdpr_officer")):
            raise AccessError(self.env._("Only GDPR officers may export a person's personal data."))

    @api.model
    def _build(self, partners, request=None, include=None):
        """Export ``partners`` (with their contacts and addresses) to a ZIP
        attached to a new export record, and return that record.

        With ``request``, the copy for the person: their own records, and of
        the records found elsewhere only those an officer reviewed and chose
        to give (``include``: ``{model: [id]}``); at most
        ``COPIES_PER_PERIOD`` such copies in ``COPY_PERIOD_DAYS``, and a new
        one replaces the older. Without, the officer's copy: everything,
        with what is not the person's own marked for review."""
        self._check_officer()
        self.env["gdpr.erasure"]._check_ids(partners)
        partners = partners.with_context(active_test=False).exists()
        if not partners:
            raise UserError(self.env._("There is no such partner to export."))
        if not self.env.su and partners._filtered_access("read") != partners:
            raise AccessError(
                self.env._("You may not read some of these partners (access rights or company): no export.")
            )
        own_only = bool(request)
        if own_only:
            request._check_copy_quota(partners)
        review = {} if own_only else self._review_labels(self._review_items(partners))
        days = self.env.company.gdpr_export_keep_days
        export = self.sudo().create(
            {
                "name": request.name if request else self.env._("Personal data export"),
                "partner_ids": [fields.Command.set(partners.ids)],
                "request_id": request.id if request else False,
                "date_expiry": fields.Date.context_today(self) + timedelta(days=days),
            }
        )
        with tempfile.TemporaryDirectory(prefix="gdpr-export-") as directory:
            writer = export._write_sections(partners, directory, own_only, review, include or {})
            path = export._zip(writer, directory)
            export._store(path)
        export.summary = "\n".join(f"{model}: {count}" for model, count in sorted(writer.counts.items()))
        if own_only:
            export._replace_older_copies()
        self.env["gdpr.export.log"].sudo().create(
            {
                "model": "res.partner",
                "row_count": len(partners),
                "columns": "personal_data.zip",
                "file_format": "zip",
            }
        )
        return export

    def _replace_older_copies(self):
        """One copy of a person's data at a time: the older copies go, files and all."""
        self.ensure_one()
        self.sudo().search(
            [("id", "!=", self.id), ("request_id", "!=", False), ("partner_ids", "in", self.partner_ids.ids)]
        ).unlink()

    def _identifiers(self, partners, own_only=False):
        """The erasure's view of the persons: their scope (contacts and
        addresses) and every identifier the erasure would look for (none for
        the person's own copy: it holds only what is theirs by relation)."""
        env = self.sudo().with_context(active_test=False).env
        plan = ErasurePlan(env, partners)
        batch = ErasureBatch(env, plan, plan.root_ids)
        if own_only:
            return batch
        engine = env["gdpr.erasure"]
        for model in engine._hook_models("_gdpr_identifiers"):
            model._gdpr_identifiers(batch)
        engine._drop_shared_identifiers(batch)
        return batch

    def _write_sections(self, partners, directory, own_only=False, review=None, include=None):
        env = self.sudo().with_context(active_test=False).env
        lang = partners[0].lang or self.env.lang or "en_US"
        writer = PersonalDataWriter(
            env, self._identifiers(partners, own_only), directory, lang, own_only, review
        )
        try:
            if not writer.dry:
                writer._html.write(self._html_head(writer))
                writer._json.write(self._json_head(writer))
            for model in env["gdpr.erasure"]._hook_models("_gdpr_export"):
                model._gdpr_export(writer)
            if own_only:
                self._export_included(writer, include or {})
            else:
                self._export_mentions(writer)
            if not writer.dry:
                writer._json.write("\n]")
                writer._html.write("</body></html>\n")
        except BaseException:
            writer.close()
            raise
        return writer

    def _export_included(self, writer, include):
        """Records found outside the person's own that an officer reviewed and chose to give."""
        title = writer.env._("Other records about you, reviewed by us")
        for model_name, ids in sorted(include.items()):
            if model_name in writer.env:
                writer.add_ids(writer.env[model_name], sorted(set(ids)), title=title)

    @api.model
    def _review_labels(self, items):
        reasons = dict(self.env["gdpr.review.item"]._fields["reason"]._description_selection(self.env))
        return {key: reasons[reason] for key, reason in items.items()}

    @api.model
    def _review_items(self, partners):
        """``{(model, id): reason}``: what the officer's copy holds beyond the
        person's own copy (found by an e-mail or phone elsewhere, mentions),
        and staff-only notes; to be reviewed before any of it reaches the person."""
        full = self.browse()._write_sections(partners, None).listed
        own = self.browse()._write_sections(partners, None, own_only=True).listed
        found = {
            model: sorted(ids - own.get(model, set()))
            for model, ids in full.items()
            if not model.startswith("gdpr.")
        }
        internal = set(found.get("mail.activity", ())) | set(
            self.env["mail.message"]._gdpr_staff_only_ids(found.get("mail.message", ()))
        )
        return {
            (model, rid): "internal"
            if model in ("mail.message", "mail.activity") and rid in internal
            else "identifier"
            for model, ids in found.items()
            for rid in ids
        }

    def _export_mentions(self, writer):
        """Staff free text elsewhere that holds the person's e-mail address or
        phone number (what the erasure redacts there): only those fields."""
        batch = writer.batch
        for model in self.env["gdpr.erasure"]._hook_models("_gdpr_staff_text"):
            expression = model._gdpr_tokens_expression()
            if not expression:
                continue
            rows = {
                rid: roots
                for rid, roots in batch.candidates(expression, model._table).items()
                if rid not in writer.exported[model._name]
            }
            if model._name == "mail.message" and rows:  # the register's own handling notes
                self.env.cr.execute(
                    "SELECT id FROM mail_message WHERE id = ANY(%s) AND model LIKE 'gdpr.%%'", [list(rows)]
                )
                for (message_id,) in self.env.cr.fetchall():
                    rows.pop(message_id)
            if not rows:
                continue
            columns = model._gdpr_staff_text_columns()
            only = {}
            for values in model.sudo().browse(list(rows)).read(columns):
                roots = tuple(rows[values["id"]])
                only[values["id"]] = [
                    col for col in columns if values[col] and batch._holds(str(values[col]), roots, True)
                ]
            title = writer.env._(
                "Mentions of you in %(model)s", model=writer.env["ir.model"]._get(model._name).name
            )
            writer.add_ids(model, [rid for rid, cols in only.items() if cols], columns, title, only)

    # -- the two documents' heads ---------------------------------------------
    def _json_head(self, writer):
        head = {
            "format": "specter_gdpr personal data export, version 1",
            "created": fields.Datetime.now().isoformat(),
            "controller": self.env.company.name,
            "data_subjects": [p.display_name for p in self.partner_ids],
        }
        return json.dumps(head, ensure_ascii=False)[:-1] + ', "sections": ['

    def _html_head(self, writer):
        env = writer.env
        activities = (
            env["gdpr.processing.activity"].sudo().search([("company_id", "in", [False, self.company_id.id])])
        )
        described = activities.fields_get(["legal_basis"], ["selection"])["legal_basis"]["selection"]
        bases = dict(described)
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(value or '')}</td>"
                for value in (
                    activity.name,
                    activity.purpose,
                    bases.get(activity.legal_basis, ""),
                    activity.recipients,
                    activity.retention,
                )
            )
            + "</tr>"
            for activity in activities
        )
        texts = {
            "title": env._("Your personal data at %(company)s", company=self.company_id.name),
            "intro": env._(
                "This file holds the personal data %(company)s processes about %(names)s on %(date)s "
                "(Art. 15 and 20 GDPR). The same data, machine-readable, is in personal_data.json; "
                "the files attached to these records are in the folder files.",
                company=self.company_id.name,
                names=", ".join(self.partner_ids.mapped("display_name")),
                date=format_date(env, fields.Date.context_today(self)),
            ),
            "why": env._("Why we process your data, on which legal basis, who receives it and for how long"),
            "activity": env._("Activity"),
            "purpose": env._("Purpose"),
            "basis": env._("Legal basis"),
            "recipients": env._("Recipients"),
            "retention": env._("Retention period"),
            "rights": env._(
                "You may ask us to correct, erase or restrict your data, object to its processing, "
                "and complain to the supervisory authority (in Sweden IMY, imy.se)."
            ),
        }
        text = {key: html.escape(value) for key, value in texts.items()}
        return (
            f'<!DOCTYPE html><html lang="{html.escape(writer.lang.split("_")[0])}">'
            '<head><meta charset="utf-8">'
            f"<title>{text['title']}</title><style>body{{font-family:sans-serif;max-width:60em;margin:auto}}"
            f"dl{{border-top:1px solid #ccc;padding-top:.5em}}dt{{font-weight:bold}}</style></head><body>"
            f"<h1>{text['title']}</h1><p>{text['intro']}</p><h2>{text['why']}</h2>"
            f"<table><tr><th>{text['activity']}</th><th>{text['purpose']}</th><th>{text['basis']}</th>"
            f"<th>{text['recipients']}</th><th>{text['retention']}</th></tr>{rows}</table>"
            f"<p>{text['rights']}</p>\n"
        )

    # -- the ZIP ----------------------------------------------------------------
    def _zip(self, writer, directory):
        """Write the ZIP: the two documents, then the records' files."""
        listing = self._files(writer)
        self._check_size(writer, listing)
        writer._json.write(
            ', "files": ' + json.dumps([name for name, _att in listing], ensure_ascii=False) + "}"
        )
        writer.close()
        path = os.path.join(directory, "export.zip")
        Attachment = self.env["ir.attachment"].sudo()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(os.path.join(directory, "personal_data.json"), "personal_data.json")
            archive.write(os.path.join(directory, "personal_data.html"), "personal_data.html")
            for name, attachment in listing:
                if attachment.store_fname:
                    archive.write(Attachment._full_path(attachment.store_fname), name)
                else:
                    archive.writestr(name, attachment.raw or b"")
                attachment.invalidate_recordset()
        return path

    def _check_size(self, writer, listing):
        """A copy larger than the company's limit is not built (a clear
        message, and the disk does not fill with copies of uploads)."""
        limit = self.company_id.gdpr_export_max_mb
        writer._json.flush()
        writer._html.flush()
        size = sum(att.file_size for _name, att in listing)
        size += os.path.getsize(writer._json.name) + os.path.getsize(writer._html.name)
        if limit and size > limit * 1024 * 1024:
            raise UserError(
                self.env._(
                    "This export would be %(size)s MB, more than the limit of %(limit)s MB (GDPR settings). "
                    "Send the person's files another way, or raise the limit.",
                    size=round(size / 1024 / 1024, 1),
                    limit=limit,
                )
            )

    def _files(self, writer):
        """``[(name in the ZIP, attachment)]``: the files of every exported
        record and of the messages exported, and the partners' pictures;
        never the files of the addon's own records (earlier exports)."""
        cr = self.env.cr
        found = set()
        for model, ids in writer.exported.items():
            if model.startswith("gdpr."):
                continue
            cr.execute(
                "SELECT id FROM ir_attachment WHERE res_model = %s AND res_id = ANY(%s) "
                "AND (res_field IS NULL OR (res_model = 'res.partner' AND res_field = 'image_1920'))",
                [model, list(ids)],
            )
            found.update(row[0] for row in cr.fetchall())
        cr.execute(
            "SELECT attachment_id FROM message_attachment_rel rel "
            "JOIN ir_attachment a ON a.id = rel.attachment_id "
            "WHERE rel.message_id = ANY(%s) AND a.res_model NOT LIKE 'gdpr.%%'",
            [list(writer.exported.get("mail.message", ()))],
        )
        found.update(row[0] for row in cr.fetchall())
        attachments = self.env["ir.attachment"].sudo().browse(sorted(found))
        # the name is built from safe parts only: no folder of the record's can escape files/
        return [(f"files/{att.id}-{safe_name(att.name)}", att) for att in attachments if att.type == "binary"]

    def _store(self, path):
        """Move the ZIP into Odoo's file store without reading it into memory."""
        self.ensure_one()
        Attachment = self.env["ir.attachment"].sudo()
        digest = hashlib.sha1()  # noqa: S324 - Odoo's file store names files by SHA-1
        with open(path, "rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
        checksum, size = digest.hexdigest(), os.path.getsize(path)
        values = {
            "name": f"personal_data_{fields.Date.context_today(self)}.zip",
            "res_model": self._name,
            "res_id": self.id,
            "mimetype": "application/zip",
        }
        if Attachment._storage() != "file":
            with open(path, "rb") as file:
                self.attachment_id = Attachment.create(dict(values, raw=file.read()))
            return
        attachment = Attachment.create(values)
        fname, full_path = _filestore_path(Attachment, checksum)
        if not os.path.exists(full_path):
            os.replace(path, full_path)
            Attachment._mark_for_gc(fname)
        self.env.cr.execute(
            "UPDATE ir_attachment SET store_fname = %s, file_size = %s, checksum = %s WHERE id = %s",
            [fname, size, checksum, attachment.id],
        )
        attachment.invalidate_recordset()
        self.attachment_id = attachment

    # -- downloads --------------------------------------------------------------
    def _new_download_token(self):
        """A link for a requester without a portal login, valid until the
        export is deleted; only its hash is stored."""
        self.ensure_one()
        token = secrets.token_urlsafe(32)
        self.sudo().download_token_hash = hash_token(token)
        return token

    @api.model
    def _from_download_token(self, token):
        if not token:
            return self.browse()
        return self.sudo().search(
            [("download_token_hash", "=", hash_token(token)), ("date_expiry", ">=", fields.Date.today())],
            limit=1,
        )

    def _log_download(self):
        """Every download is evidence: who (user or link) fetched which export when."""
        self.ensure_one()
        self.env["gdpr.export.log"].sudo().create(
            {"model": self._name, "row_count": 1, "columns": self.attachment_id.name, "file_format": "zip"}
        )
        if self.request_id:
            self.request_id.sudo()._message_log(
                body=self.env._(
                    "Export %(name)s downloaded by %(user)s.", name=self.name, user=self.env.user.name
                )
            )

    # -- life -------------------------------------------------------------------
    @api.autovacuum
    def _gc_expired(self):
        """Exports are kept for a limited time (the company's setting), then deleted with their file."""
        self.sudo().search([("date_expiry", "<", fields.Date.today())]).unlink()

    def unlink(self):
        """The ZIP goes with its record, from the file store too once the
        deletion is committed (Odoo would leave the file to its weekly
        garbage collection)."""
        attachments = self.sudo().mapped("attachment_id")
        fnames = [fname for fname in attachments.mapped("store_fname") if fname]
        attachments.unlink()
        result = super().unlink()
        if fnames:
            self.env.cr.postcommit.add(partial(remove_unreferenced_files, self.env.registry, fnames))
        return result

    # -- registry hooks -----------------------------------------------------------
    def _gdpr_export(self, writer):
        """Earlier exports made for the person: when, and by whom."""
        writer.add(
            self,
            [("partner_ids", "in", writer.partner_ids), ("attachment_id", "!=", False)],
            ["create_date", "date_expiry"],
        )

    def _gdpr_erase(self, batch):
        """An erased person's exports go, file and all."""
        self.search([("partner_ids", "in", batch.partner_ids)]).unlink()


def remove_unreferenced_files(registry, fnames):
    """Delete from the file store the files no attachment refers to any more."""
    with registry.cursor() as cr:
        cr.execute("SELECT store_fname FROM ir_attachment WHERE store_fname = ANY(%s)", [fnames])
        referenced = {row[0] for row in cr.fetchall()}
        Attachment = api.Environment(cr, SUPERUSER_ID, {})["ir.attachment"]
        for fname in set(fnames) - referenced:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(Attachment._full_path(fname))


def safe_name(name):
    """A file name that is only a name: no folder, no leading dot."""
    return re.sub(r"[^\w.\- ]+", "_", name or "file").lstrip(".")[:100] or "file"


def _filestore_path(Attachment, checksum):
    fname = checksum[:2] + "/" + checksum
    full_path = Attachment._full_path(fname)
    os.makedirs(os.path.dirname(full_path), exist_ok=True)
    return fname, full_path
