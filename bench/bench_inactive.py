"""Inactive-customer figures next to raw-SQL floors, on bulk-generated data.

Generates (in SQL, within minutes) CUSTOMERS customers and ROWS sales orders
and customer invoices spread over five years, then prints:

- filling ``last_purchase_date`` from scratch vs. a bare aggregate-and-update;
- the inactive-customer search (first page and count) vs. the same raw query,
  and whether PostgreSQL's plan uses the index on ``last_purchase_date``;
- the same search as a user who holds only the *Customers: view* right, so
  that the record rules on ``gdpr_partner_kind`` apply;
- exporting 10,000 rows to Excel vs. fetching the same rows in raw SQL.

Everything is rolled back at the end.

    python3 bench/bench_inactive.py -c ODOO_CONF -d DB [--customers 50000] [--rows 500000]
"""

import argparse
import time
from datetime import date

from dateutil.relativedelta import relativedelta

import odoo
from odoo.tools import config


def generate(env, customers, rows):
    cr = env.cr
    company = env.company
    journal = env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, email, city, customer_rank, active, type,
                                 is_company, autopost_bills, company_id, gdpr_partner_kind)
        SELECT 'Bulk Kund ' || n, 'Bulk Kund ' || n, 'bulk' || n || '@example.org', 'Stad ' || (n %% 97),
               1, true, 'contact', true, 'ask', NULL, 'customer'
          FROM generate_series(1, %s) n
     RETURNING id
        """,
        [customers],
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids])
    half = rows // 2
    cr.execute(
        """
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id, company_id,
                                date_order, state, currency_id)
        SELECT 'BULK/' || n, p, p, p, %(company)s,
               now() - (random() * interval '5 years'),
               (ARRAY['sale', 'sale', 'sale', 'sale', 'sale', 'sale', 'sale', 'sale', 'cancel', 'draft'])
                   [1 + (n %% 10)],
               %(currency)s
          FROM (SELECT n, (%(ids)s)[1 + (random() * (%(count)s - 1))::int] AS p
                  FROM generate_series(1, %(half)s) n) g
        """,
        {
            "company": company.id,
            "currency": company.currency_id.id,
            "ids": ids,
            "count": len(ids),
            "half": half,
        },
    )
    cr.execute(
        """
        INSERT INTO account_move (journal_id, company_id, currency_id, partner_id, commercial_partner_id,
                                  move_type, state, date, invoice_date, auto_post, amount_total_signed)
        SELECT %(journal)s, %(company)s, %(currency)s, p, p,
               CASE WHEN n %% 7 = 0 THEN 'out_refund' ELSE 'out_invoice' END,
               CASE WHEN n %% 11 = 0 THEN 'cancel' ELSE 'posted' END,
               d, d, 'no', round((random() * 10000)::numeric, 2)
          FROM (SELECT n, (%(ids)s)[1 + (random() * (%(count)s - 1))::int] AS p,
                       (now() - (random() * interval '5 years'))::date AS d
                  FROM generate_series(1, %(half)s) n) g
        """,
        {
            "journal": journal.id,
            "company": company.id,
            "currency": company.currency_id.id,
            "ids": ids,
            "count": len(ids),
            "half": rows - half,
        },
    )
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE sale_order")
    cr.execute("ANALYZE account_move")
    return env["res.partner"].browse(ids)


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def fill_floor(cr):
    cr.execute(
        """
        UPDATE res_partner p SET last_purchase_date = x.day
          FROM (SELECT cid, max(day) AS day FROM (
                    SELECT b.commercial_partner_id AS cid, so.date_order::date AS day
                      FROM sale_order so JOIN res_partner b ON b.id = so.partner_id WHERE so.state = 'sale'
                     UNION ALL
                    SELECT commercial_partner_id, invoice_date FROM account_move
                     WHERE state = 'posted' AND move_type = 'out_invoice') u GROUP BY cid) x
         WHERE p.id = x.cid
        """
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--customers", type=int, default=50000)
    parser.add_argument("--rows", type=int, default=500000)
    parser.add_argument("--export-rows", type=int, default=10000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Partner = env["res.partner"]
        generated, partners = timed(lambda: generate(env, args.customers, args.rows))
        print(
            f"generated               : {args.customers} customers, {args.rows} orders and invoices "
            f"in {generated:.0f} s"
        )

        cr.execute("UPDATE res_partner SET last_purchase_date = NULL")
        fill, _ = timed(Partner._refresh_last_purchase_date)
        cr.execute("UPDATE res_partner SET last_purchase_date = NULL")
        floor, _ = timed(lambda: fill_floor(cr))
        Partner._refresh_last_purchase_date()
        cr.execute("ANALYZE res_partner")
        print(
            f"fill last_purchase_date : {fill * 1000:.0f} ms (raw-SQL floor {floor * 1000:.0f} ms, "
            f"{fill / floor:.1f}x)"
        )

        cutoff = date.today() - relativedelta(months=24)
        domain = [
            ("customer_rank", ">", 0),
            "|",
            ("last_purchase_date", "=", False),
            ("last_purchase_date", "<", cutoff),
        ]
        Partner.invalidate_model()
        search, found = timed(lambda: Partner.search(domain, limit=80))
        count_time, count = timed(lambda: Partner.search_count(domain))
        raw_query = """
            SELECT id FROM res_partner
             WHERE active AND customer_rank > 0 AND (last_purchase_date IS NULL OR last_purchase_date < %s)
             ORDER BY complete_name, id LIMIT 80
        """
        raw, _ = timed(lambda: cr.execute(raw_query, [cutoff]))
        cr.execute(odoo.tools.SQL("EXPLAIN %s", Partner._search(domain).select(odoo.tools.SQL("1"))))
        plan = "\n".join(row[0] for row in cr.fetchall())
        uses_index = "res_partner__last_purchase_date_index" in plan
        print(
            f"inactive search         : first page {search * 1000:.1f} ms, count {count_time * 1000:.1f} ms "
            f"({count} customers); raw-SQL floor {raw * 1000:.1f} ms; index used: {uses_index}"
        )

        viewer = env["res.users"].create(
            {
                "name": "Bench viewer",
                "login": "bench.viewer",
                "groups_id": [
                    odoo.Command.set(
                        [env.ref("base.group_user").id, env.ref("specter_gdpr.group_customer_read").id]
                    )
                ],
            }
        )
        as_viewer = Partner.with_user(viewer)
        Partner.invalidate_model()
        viewer_search, viewer_found = timed(lambda: as_viewer.search(domain, limit=80))
        viewer_count_time, viewer_count = timed(lambda: as_viewer.search_count(domain))
        print(
            f"same, with the rights   : first page {viewer_search * 1000:.1f} ms, count "
            f"{viewer_count_time * 1000:.1f} ms ({viewer_count} customers), as a user with only "
            "'Customers: view'"
        )

        sample = partners[: args.export_rows]
        exporter = env["res.partner.xlsx.export"]
        export, (_name, content) = timed(lambda: exporter._export(sample))
        rows_floor, _ = timed(lambda: exporter._rows(sample.ids))
        print(
            f"export {len(sample)} rows       : {export:.2f} s, {len(content) / 1024:.0f} KiB "
            f"(raw-SQL fetch of the same rows {rows_floor:.2f} s)"
        )
        print("count query plan        :", plan.replace("\n", "\n  | "))
        cr.rollback()
        assert len(found) == min(80, count)
        assert len(viewer_found) == min(80, viewer_count)


if __name__ == "__main__":
    main()
