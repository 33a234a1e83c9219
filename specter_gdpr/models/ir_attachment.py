# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import email
import email.policy
import re

from odoo import models
from odoo import tools
from odoo.exceptions import AccessError

# Files whose bytes are text Odoo or a mail client wrote (invitations, saved
# e-mails, exports); other files are judged by the text Odoo indexed of them.
TEXT_MIMETYPES = re.compile(r"^(text/|message/rfc822|application/(json|xml|ics))")
ICS_FOLD = re.compile(r"\r?\n[ \t]")
CONTENT_FIELDS = {"raw", "datas", "db_datas", "index_content"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"
    _gdpr_sequence = 950

    def _read_format(self, fnames, load="_classic_read"):
        """Text files of records that declare ``_gdpr_file_partners`` (a
        meeting's ``invitation.ics`` lists every attendee's e-mail) open only
        for users who may see those partners' contact details; ``ir.binary``
        applies the same rule to downloads."""
        if CONTENT_FIELDS.intersection(fnames):
            self._gdpr_check_files_readable()
        return super()._read_format(fnames, load=load)

    def _gdpr_check_files_readable(self):
        if forbidden := self._gdpr_files_revealing_restricted():
            raise forbidden._gdpr_file_access_error()

    def _gdpr_files_revealing_restricted(self):
        """The text files among ``self`` that list partners whose contact
        details the internal user may not see."""
        if self.env.su or not self.env.user._is_internal():
            return self.browse()
        declaring = self._gdpr_file_models()
        if not declaring or not self.ids:
            return self.browse()
        # read in SQL, not through a superuser recordset: values it would put
        # in the shared cache would then be served without Odoo's own check
        self.flush_recordset(["res_model", "res_id", "mimetype"])
        self.env.cr.execute(
            "SELECT id, res_model, res_id FROM ir_attachment "
            "WHERE id IN %s AND res_model IN %s AND res_id > 0 AND mimetype ~ %s",
            [tuple(self.ids), tuple(declaring), TEXT_MIMETYPES.pattern],
        )
        forbidden = self.browse()
        for attachment_id, res_model, res_id in self.env.cr.fetchall():
            record = self.env[res_model].sudo().browse(res_id).exists()
            if record and record[record._gdpr_file_partners]._gdpr_restricted():
                forbidden |= self.browse(attachment_id)
        return forbidden

    @tools.ormcache()
    def _gdpr_file_models(self):
        return frozenset(
            name for name, model in self.env.registry.items() if getattr(model, "_gdpr_file_partners", None)
        )

    def _gdpr_file_access_error(self):
        return AccessError(
            self.env._(
                "You are not allowed to open %(file)s: it holds contact details of people you may not see "
                "(rights 'Customers: view', 'Suppliers: view' or 'System users: view users').",
                file=self[:1].sudo().name,
            )
        )

    def _gdpr_erase(self, batch):
        """Files on the partners (images, documents) go, from the filestore too;
        so do files on kept records that reveal them."""
        attachments = self._gdpr_search_on("res.partner", batch.partner_ids)
        batch.tally("ir.attachment", "deleted", attachments.mapped("res_id"))
        attachments.unlink()
        self._gdpr_unlink_revealing(batch)

    def _gdpr_unlink_revealing(self, batch):
        """Attachments of the records kept for the partners (a lead's incoming
        e-mail and its files, a meeting's invitation.ics) whose content holds
        the partner's identifiers, unless the record is legally retained."""
        retained = {
            (item["res_model"], item["res_id"]) for items in batch.retained.values() for item in items
        }
        for model, partner_by_record in batch.linked.items():
            record_ids = [record for record in partner_by_record if (model, record) not in retained]
            revealing = self._gdpr_search_on(model, record_ids).filtered(
                lambda a, by_record=partner_by_record: batch.reveals(by_record[a.res_id], a._gdpr_text())
            )
            batch.tally("ir.attachment", "deleted", [partner_by_record[a.res_id] for a in revealing])
            revealing.unlink()

    def _gdpr_text(self):
        """The attachment's content as text: decoded e-mails and unfolded
        calendar lines for text files, Odoo's index for the others."""
        self.ensure_one()
        if not (TEXT_MIMETYPES.match(self.mimetype or "") or self.name.endswith((".eml", ".ics"))):
            return self.index_content or ""
        raw = self.raw or b""
        if self.mimetype == "message/rfc822" or self.name.endswith(".eml"):
            message = email.message_from_bytes(raw, policy=email.policy.default)
            parts = [str(value) for value in message.values()]
            parts += [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
            return "\n".join(parts)
        return ICS_FOLD.sub("", raw.decode("utf-8", errors="replace"))

    def _gdpr_search_on(self, model, record_ids):
        """All attachments of the records, binary field values (images) included."""
        return self.search(
            [
                ("res_model", "=", model),
                ("res_id", "in", list(record_ids)),
                "|",
                ("res_field", "=", False),
                ("res_field", "!=", False),
            ]
        )

    def _gdpr_unlink_on(self, model, record_ids, batch, partner_by_record):
        """Delete every attachment of record_ids of model (not retained)."""
        attachments = self._gdpr_search_on(model, record_ids)
        batch.tally("ir.attachment", "deleted", [partner_by_record[a] for a in attachments.mapped("res_id")])
        attachments.unlink()

    def _gdpr_export(self, writer):
        """Nothing here: the files of every exported record (and of its
        messages) go into the ZIP's files folder with it, see
        ``gdpr.data.export._files``."""
