# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError

from .gdpr_erasure import REDACTED

# Free text a retained record keeps until its period ends: (table, columns
# redacted, columns emptied). Line labels are handled apart (hash-protected).
FINISHED_TEXT = {
    "account.move": ("account_move", ("ref", "payment_reference", "invoice_origin"), ("narration",)),
    "account.payment": ("account_payment", ("memo", "payment_reference"), ()),
    "account.bank.statement.line": (
        "account_bank_statement_line",
        ("partner_name", "payment_ref", "account_number"),
        ("transaction_details",),
    ),
}


class GdprErasureLogRetention(models.Model):
    """A record whose personal data the law makes us keep, and until when."""

    _name = "gdpr.erasure.log.retention"
    _description = "GDPR legally retained item"
    _order = "log_id, res_model, res_id"

    log_id = fields.Many2one("gdpr.erasure.log", required=True, ondelete="cascade", index=True)
    res_model = fields.Char(string="Model", required=True)
    res_id = fields.Integer(string="Record ID", required=True)
    field_names = fields.Char(
        string="Fields",
        required=True,
        help="Comma-separated fields kept as they are; 'line_ids.name' means the "
        "name of the record's lines.",
    )
    retain_until = fields.Date(string="Retained until", index=True)
    retention_ended = fields.Boolean(
        string="Retention period ended",
        compute="_compute_retention_ended",
        search="_search_retention_ended",
        help="The retention period has passed: the record may now be deleted or "
        "anonymised under the company's own procedure.",
    )

    def _compute_retention_ended(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.retention_ended = bool(item.retain_until) and item.retain_until < today

    def _search_retention_ended(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Retention period ended'."))
        ended = [("retain_until", "<", fields.Date.context_today(self))]
        return ended if (operator == "=") == value else ["!", *ended]

    finished_on = fields.Datetime(string="Retention finished on", readonly=True)
    finish_note = fields.Text(string="What was finished", readonly=True)

    def action_open_record(self):
        """Open the retained document itself."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # -- finishing retention ----------------------------------------------
    def action_finish_retention(self):
        """Finish these items (a button per item, a server action on a
        selection): refused as a whole while any of them is still retained."""
        self.env["gdpr.erasure"]._check_officer()
        early = self.filtered(lambda item: not item.retention_ended)
        if early:
            raise UserError(
                self.env._(
                    "%(count)s of the selected items are still retained (the first until %(date)s): "
                    "nothing was finished.",
                    count=len(early),
                    date=min(early.mapped("retain_until") or [False]) or self.env._("an unknown date"),
                )
            )
        done = self.filtered(lambda item: not item.finished_on)
        done.sudo()._gdpr_finish()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("%(count)s retained items finished.", count=len(done)),
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _gdpr_finish_ended(self, company):
        """Finish every ended, unfinished item of ``company``'s logs (a rule's daily run)."""
        items = self.sudo().search(
            [
                ("retention_ended", "=", True),
                ("finished_on", "=", False),
                ("log_id.company_id", "=", company.id),
            ]
        )
        items._gdpr_finish()
        return items

    def _gdpr_finish(self):
        """Delete the files and redact the free text these items kept; what a
        hash-protected journal keeps is said in the item's note. Items whose
        period has not ended are never touched."""
        items = self.filtered(lambda item: item.retention_ended and not item.finished_on)
        if not items:
            return items
        ids_by_model = defaultdict(list)
        for item in items:
            ids_by_model[item.res_model].append(item.res_id)
        notes = {}
        for model, res_ids in ids_by_model.items():
            notes[model] = self._gdpr_finish_model(model, tuple(res_ids))
        self.env.flush_all()
        self.env.cr.execute(
            """
            UPDATE gdpr_erasure_log_retention item
               SET finished_on = now() at time zone 'UTC', finish_note = note.text
              FROM unnest(%s::int[], %s::text[]) AS note(id, text)
             WHERE item.id = note.id
            """,
            [items.ids, [notes[item.res_model].get(item.res_id, "") for item in items]],
        )
        items.invalidate_recordset(["finished_on", "finish_note"])
        return items

    @api.model
    def _gdpr_finish_model(self, model, res_ids):
        """``{record id: note}`` after finishing ``model``'s records ``res_ids``."""
        if model == "ir.attachment":
            self.env["ir.attachment"].sudo().browse(res_ids).exists().unlink()
            return dict.fromkeys(res_ids, self.env._("File deleted."))
        if model not in FINISHED_TEXT:
            note = self.env._("Nothing to finish automatically here: review the record under your procedure.")
            return dict.fromkeys(res_ids, note)
        table, redacted, emptied = FINISHED_TEXT[model]
        assignments = [
            f'"{col}" = CASE WHEN coalesce("{col}", \'\') = \'\' THEN "{col}" ELSE %(r)s END'
            for col in redacted
        ] + [f'"{col}" = NULL' for col in emptied]
        self.env.cr.execute(
            f'UPDATE "{table}" SET {", ".join(assignments)} WHERE id IN %(ids)s',
            {"r": REDACTED, "ids": res_ids},
        )
        self.env[model].invalidate_model()
        note = self.env._("Free text redacted: %(fields)s.", fields=", ".join((*redacted, *emptied)))
        if model != "account.move":
            return dict.fromkeys(res_ids, note)
        return self._gdpr_finish_lines(res_ids, note)

    @api.model
    def _gdpr_finish_lines(self, move_ids, note):
        """Line labels are redacted, except on entries that Odoo's
        inalterability hash covers (a hash-protected journal): there they are
        part of the hash, and changing them would break the journal's chain."""
        self.env.cr.execute(
            """
            SELECT m.id FROM account_move m JOIN account_journal j ON j.id = m.journal_id
             WHERE m.id IN %s AND (m.inalterable_hash IS NOT NULL OR j.restrict_mode_hash_table)
            """,
            [move_ids],
        )
        hashed = {row[0] for row in self.env.cr.fetchall()}
        plain = tuple(set(move_ids) - hashed) or (0,)
        self.env.cr.execute(
            """
            UPDATE account_move_line
               SET ref = CASE WHEN coalesce(ref, '') = '' THEN ref ELSE %(r)s END,
                   name = CASE WHEN move_id NOT IN %(plain)s OR coalesce(name, '') = '' THEN name
                               ELSE %(r)s END
             WHERE move_id IN %(ids)s
            """,
            {"r": REDACTED, "ids": move_ids, "plain": plain},
        )
        self.env["account.move.line"].invalidate_model(["name", "ref"])
        kept = self.env._(
            "%(note)s Kept: line labels (line_ids.name), because the journal is hash-protected: "
            "Odoo's inalterability hash covers them and changing them would break the journal's chain.",
            note=note,
        )
        return {
            move_id: kept if move_id in hashed else note + " " + self.env._("Line labels redacted.")
            for move_id in move_ids
        }

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Retention items are written by the erasure only."))
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        """The log is evidence: it is written once, by the erasure."""
        raise UserError(self.env._("GDPR erasure logs cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("GDPR erasure logs cannot be deleted."))
