"""Personal-data export figures next to a raw-SQL floor.

One customer with MESSAGES messages, ORDERS confirmed orders and INVOICES
posted invoices (one real record of each made by the ORM, then copied in
SQL), then prints:

- building the ZIP (``res.partner.gdpr_export_personal_data``): wall time,
  peak Python memory (tracemalloc) and growth of the process's peak RSS;
- the raw-SQL floor: reading the same rows (partner, orders and lines,
  invoices and lines, messages with their bodies) with plain SELECTs.

Everything is rolled back at the end.

    python3 bench/bench_data_export.py -c ODOO_CONF -d DB [--messages 5000] [--orders 1000] [--invoices 1000]
"""

import argparse
import io
import json
import resource
import time
import tracemalloc
import zipfile

import odoo
from odoo import Command
from odoo.tools import config


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def clone(cr, table, row_id, parents, overrides):
    """Copy row ``row_id`` of ``table`` once per item of ``parents``; the
    ``overrides`` are SQL expressions over ``g.parent`` and ``g.n``."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id'",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    names = ", ".join(f'"{column}"' for column in columns)
    values = ", ".join(overrides.get(column, f't."{column}"') for column in columns)
    cr.execute(
        f'INSERT INTO "{table}" ({names}) '
        f'SELECT {values} FROM "{table}" t, unnest(%s::int[]) WITH ORDINALITY g(parent, n) '
        f"WHERE t.id = %s RETURNING id",
        [parents, row_id],
    )
    return [row[0] for row in cr.fetchall()]


def generate(env, messages, orders, invoices):
    cr = env.cr
    product = env["product.product"].create({"name": "Bench export", "type": "service", "list_price": 10.0})
    partner = env["res.partner"].create(
        {
            "name": "Exportkund Ek",
            "email": "exportkund.ek@example.org",
            "phone": "+46 70 000 11 22",
            "street": "Exportvägen 1",
            "customer_rank": 1,
        }
    )
    order = env["sale.order"].create(
        {"partner_id": partner.id, "order_line": [Command.create({"product_id": product.id})]}
    )
    order.action_confirm()
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_line_ids": [Command.create({"product_id": product.id, "price_unit": 10.0})],
        }
    )
    invoice.action_post()
    message = partner.message_post(body="Hej, här är jag", author_id=partner.id, message_type="comment")
    env.flush_all()
    new_orders = clone(cr, "sale_order", order.id, list(range(orders - 1)), {"name": "t.name || '/' || g.n"})
    clone(cr, "sale_order_line", order.order_line.id, new_orders, {"order_id": "g.parent"})
    new_moves = clone(
        cr, "account_move", invoice.id, list(range(invoices - 1)), {"name": "t.name || '/' || g.n"}
    )
    for line in invoice.line_ids:
        clone(
            cr,
            "account_move_line",
            line.id,
            new_moves,
            {"move_id": "g.parent", "move_name": "t.move_name || '/' || g.n"},
        )
    clone(
        cr,
        "mail_message",
        message.id,
        list(range(messages - 1)),
        {
            "body": "'<p>Meddelande ' || g.n || ' från Exportkund Ek, med lite text om leveransen</p>'",
            "message_id": "t.message_id || g.n",
        },
    )
    env.invalidate_all()
    return partner


def floor(cr, partner_id):
    """Read the same rows as the export, in plain SQL."""
    queries = [
        ("SELECT * FROM res_partner WHERE id = %s", [partner_id]),
        ("SELECT * FROM sale_order WHERE partner_id = %s", [partner_id]),
        (
            "SELECT l.* FROM sale_order_line l JOIN sale_order o ON o.id = l.order_id "
            "WHERE o.partner_id = %s",
            [partner_id],
        ),
        ("SELECT * FROM account_move WHERE partner_id = %s", [partner_id]),
        (
            "SELECT l.* FROM account_move_line l JOIN account_move m ON m.id = l.move_id "
            "WHERE m.partner_id = %s",
            [partner_id],
        ),
        (
            "SELECT * FROM mail_message WHERE author_id = %s OR (model = 'res.partner' AND res_id = %s)",
            [partner_id, partner_id],
        ),
    ]
    rows = 0
    for query, params in queries:
        cr.execute(query, params)
        rows += len(cr.fetchall())
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--invoices", type=int, default=1000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        generated, partner = timed(lambda: generate(env, args.messages, args.orders, args.invoices))
        print(
            f"generated        : 1 customer, {args.messages} messages, {args.orders} orders, "
            f"{args.invoices} invoices in {generated:.0f} s"
        )
        raw, rows = timed(lambda: floor(cr, partner.id))
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        export, attachment_id = timed(partner.gdpr_export_personal_data)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
        attachment = env["ir.attachment"].browse(attachment_id)
        with zipfile.ZipFile(io.BytesIO(attachment.raw)) as archive:
            data = json.loads(archive.read("personal_data.json"))
        counts = {section["model"]: len(section["records"]) for section in data["sections"]}
        print(
            f"export ZIP       : {export:.2f} s, {attachment.file_size / 1024:.0f} KiB; peak Python memory "
            f"{peak / 2**20:.1f} MiB, peak RSS growth {rss_growth / 1024:.1f} MiB"
        )
        print(f"raw-SQL floor    : {raw:.2f} s to read the same {rows} rows ({export / raw:.1f}x)")
        print("records exported :", ", ".join(f"{model} {count}" for model, count in sorted(counts.items())))
        cr.rollback()
        assert counts["mail.message"] >= args.messages
        assert counts["sale.order"] == args.orders and counts["account.move"] == args.invoices


if __name__ == "__main__":
    main()
