# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api
from odoo import fields
from odoo import models

INVOICE_TYPES = ("out_invoice", "out_refund", "in_invoice", "in_refund")
RETAINED_FIELDS = ("narration", "ref", "payment_reference", "invoice_origin", "line_ids.name", "line_ids.ref")
RETAINED_ATTACHMENT_FIELDS = ("name", "datas", "index_content")


PURCHASE_FIELDS = {"state", "invoice_date", "move_type", "partner_id"}


class AccountMove(models.Model):
    _inherit = "account.move"
    _gdpr_sequence = 120
    _gdpr_covers = ("account.move.line",)  # lines follow their entry

    # Indexed so that finding a partner's entries, and PostgreSQL's foreign-key
    # checks when partners are deleted, do not scan every journal entry.
    commercial_partner_id = fields.Many2one(index="btree_not_null")
    partner_shipping_id = fields.Many2one(index="btree_not_null")
    gdpr_partner_restriction_banner = fields.Char(
        related="partner_id.gdpr_restriction_banner", string="Restriction of processing"
    )

    # -- last purchase date of the customers -----------------------------
    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves._gdpr_check_restriction(self.env._("a new invoice, credit note or bill"))
        posted = moves.filtered(lambda move: move.state == "posted" and move.move_type == "out_invoice")
        self.env["res.partner"]._refresh_last_purchase_date(posted.commercial_partner_id)
        return moves

    def write(self, vals):
        purchase = bool(PURCHASE_FIELDS & vals.keys())
        customers = self.commercial_partner_id if purchase else None
        result = super().write(vals)
        if purchase:
            customers |= self.commercial_partner_id
            self.env["res.partner"]._refresh_last_purchase_date(customers)
        if "partner_id" in vals:
            self._gdpr_check_restriction(self.env._("an invoice, credit note or bill"))
        return result

    def _gdpr_check_restriction(self, what):
        """Invoices, credit notes and bills (not other entries) of restricted
        partners are not created (a credit note too needs an officer's
        exception); posted ones keep their course: payments are entries."""
        invoices = self.filtered(lambda move: move.move_type in INVOICE_TYPES)
        if invoices:
            self.env["gdpr.restriction"]._check(
                (invoices.partner_id | invoices.commercial_partner_id).ids, what
            )

    # -- erasure registry hooks -------------------------------------------

    def _gdpr_moves(self, partner_ids):
        """Rows (move id, partner id, name, state, move_type, payment_state, retain until).

        A union of three index lookups: written as one OR, PostgreSQL scans
        every journal entry.
        """
        self.env.cr.execute(
            """
            SELECT m.id,
                   CASE WHEN m.partner_id IN %(ids)s THEN m.partner_id ELSE m.commercial_partner_id END,
                   m.name, m.state, m.move_type, m.payment_state,
                   make_date(extract(year FROM m.date)::int + c.gdpr_retention_years, 12, 31)
              FROM account_move m
              JOIN res_company c ON c.id = m.company_id
             WHERE m.id IN (
                    SELECT id FROM account_move WHERE partner_id IN %(ids)s
                     UNION
                    SELECT id FROM account_move WHERE commercial_partner_id IN %(ids)s
                     UNION
                    SELECT move_id FROM account_move_line WHERE partner_id IN %(ids)s
                   )
            """,
            {"ids": partner_ids},
        )
        return self.env.cr.fetchall()

    def _gdpr_plan(self, plan):
        rows = self._gdpr_moves(plan.partner_ids)
        plan.keep(
            [row[1] for row in rows],
            self.env._("Journal entries are kept for the bookkeeping, linked to the anonymous partner."),
        )
        unpaid = [
            (partner_id, name)
            for _id, partner_id, name, state, move_type, payment_state, _until in rows
            if state == "posted" and move_type in INVOICE_TYPES and payment_state in ("not_paid", "partial")
        ]
        plan.block_grouped(
            unpaid,
            lambda names: self.env._(
                "%(count)s unpaid invoices: %(names)s", count=len(names), names=", ".join(names)
            ),
            self.env._("Unpaid invoices"),
        )

    def _gdpr_erase(self, batch):
        rows = self._gdpr_moves(batch.partner_ids)
        if not rows:
            return
        partner_by_move = {row[0]: row[1] for row in rows}
        batch.link("account.move", partner_by_move.items())
        posted = {row[0]: row[6] for row in rows if row[3] == "posted"}
        drafts = tuple(move_id for move_id in partner_by_move if move_id not in posted)
        self._gdpr_scrub_all(batch, tuple(partner_by_move))
        if drafts:
            draft_partners = {m: partner_by_move[m] for m in drafts}
            redacted = batch.redact(
                "account_move", ["narration", "ref", "payment_reference", "invoice_origin"], draft_partners
            )
            batch.tally("account.move", "scrubbed", [partner_by_move[m] for m in redacted])
            batch.redact("account_move_line", ["name"], draft_partners, key="move_id")
            self.env["ir.attachment"]._gdpr_unlink_on("account.move", drafts, batch, partner_by_move)
        if posted:
            self._gdpr_retain_posted(batch, posted, partner_by_move)

    def _gdpr_scrub_all(self, batch, move_ids):
        placeholder, params = self.env["res.partner"]._gdpr_placeholder_sql("p")
        self.env.cr.execute(
            f"""
            UPDATE account_move m
               SET access_token = NULL, invoice_source_email = NULL,
                   invoice_partner_display_name = {placeholder}
              FROM res_partner p
             WHERE p.id = m.partner_id AND m.id IN %(moves)s AND m.partner_id IN %(anonymised)s
            """,
            dict(params, moves=move_ids, anonymised=batch.anonymised),
        )

    def _gdpr_retain_posted(self, batch, until_by_move, partner_by_move):
        """Posted entries, their free text and stored files are legal records."""
        batch.retain(
            "account.move",
            [(m, partner_by_move[m], until) for m, until in until_by_move.items()],
            RETAINED_FIELDS,
        )
        self.env.cr.execute(
            "SELECT id, res_id FROM ir_attachment WHERE res_model = 'account.move' AND res_id IN %s",
            [tuple(until_by_move)],
        )
        attachments = self.env.cr.fetchall()
        batch.retain(
            "ir.attachment",
            [(att_id, partner_by_move[m], until_by_move[m]) for att_id, m in attachments],
            RETAINED_ATTACHMENT_FIELDS,
        )

    def _gdpr_export(self, writer):
        """Invoices, bills and credit notes, with their lines (what was sold)."""
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids), ("move_type", "!=", "entry")],
            [
                "name",
                "move_type",
                "state",
                "invoice_date",
                "invoice_date_due",
                "partner_id",
                "partner_shipping_id",
                "ref",
                "invoice_origin",
                "narration",
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "amount_residual",
                "currency_id",
                "payment_state",
            ],
        )
        writer.add(
            self.env["account.move.line"],
            [("move_id", "in", list(writer.exported["account.move"])), ("display_type", "=", "product")],
            [
                "move_name",
                "name",
                "quantity",
                "price_unit",
                "discount",
                "price_subtotal",
                "price_total",
                "currency_id",
            ],
        )
