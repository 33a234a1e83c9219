# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

CLOSED_STATES = ("done", "cancel")


class StockPicking(models.Model):
    """Transfers point to the customer (deliveries) or the supplier (receipts).
    Work still to be done refuses the erasure; done transfers are the stock
    history and stay, pointing to the anonymised partner, their notes and
    chatter redacted."""

    _inherit = "stock.picking"
    _gdpr_sequence = 105
    # their partner columns only repeat the transfer's (or the order's)
    _gdpr_covers = ("stock.move", "stock.move.line", "procurement.group")
    _gdpr_staff_text = ("note",)

    def _gdpr_pickings(self, partner_ids):
        """Rows (picking id, partner id, state, name, type code)."""
        self.env.cr.execute(
            """
            SELECT p.id, p.partner_id, p.state, p.name, t.code
              FROM stock_picking p
              JOIN stock_picking_type t ON t.id = p.picking_type_id
             WHERE p.partner_id IN %s
            """,
            [partner_ids],
        )
        return self.env.cr.fetchall()

    def _gdpr_open_reason(self, code, names):
        texts = {
            "outgoing": self.env._(
                "%(count)s deliveries still to be done in Inventory: %(names)s",
                count=len(names),
                names=", ".join(names),
            ),
            "incoming": self.env._(
                "%(count)s receipts still to come in Inventory: %(names)s",
                count=len(names),
                names=", ".join(names),
            ),
        }
        return texts.get(code) or self.env._(
            "%(count)s transfers still open in Inventory: %(names)s", count=len(names), names=", ".join(names)
        )

    def _gdpr_plan(self, plan):
        rows = self._gdpr_pickings(plan.partner_ids)
        plan.keep(
            [partner for _id, partner, state, _name, _code in rows if state == "done"],
            self.env._("Done transfers are kept, anonymous, for the stock history."),
        )
        for code in {code for *_rest, code in rows}:
            open_rows = [
                (p, name) for _id, p, state, name, c in rows if c == code and state not in CLOSED_STATES
            ]
            plan.block_grouped(
                open_rows,
                lambda names, code=code: self._gdpr_open_reason(code, names),
                self.env._("Open transfers"),
            )

    def _gdpr_erase(self, batch):
        """Transfers stay (done or cancelled); their notes, chatter and files
        lose the person."""
        partner_by_picking = {row[0]: row[1] for row in self._gdpr_pickings(batch.partner_ids)}
        if not partner_by_picking:
            return
        batch.link("stock.picking", partner_by_picking.items())
        scrubbed = batch.redact("stock_picking", ["note", "origin"], partner_by_picking)
        batch.tally("stock.picking", "scrubbed", [partner_by_picking[p] for p in scrubbed])

    def _gdpr_export(self, writer):
        writer.add(
            self,
            [("partner_id", "in", writer.partner_ids)],
            ["name", "origin", "picking_type_id", "scheduled_date", "date_done", "state", "note"],
        )
