"""Retention-rule evaluation next to a raw-SQL floor, on bulk-generated data.

Generates (in SQL) PARTNERS partners (60 % customers, created six years ago,
a seventh of whom stopped buying 38 to 60 months ago; 30 % contacts who never
bought, a third of them with a lead, half of those lost; 10 % suppliers) and
ROWS sales orders, customer invoices and vendor bills spread over five years,
then evaluates the three default retention rules (customers 36 months,
never-purchased contacts 24 months, lost leads 12 months), switched on, with
``gdpr.retention.rule._gdpr_evaluate()``, next to a plain SQL query that
selects the same partners (the same signs of life, no exclusions, no
notices). Both are run REPEATS times, alternately; the medians are printed.
Everything is rolled back at the end.

    python3 bench/bench_retention.py -c ODOO_CONF -d DB [--partners 100000] [--rows 1000000]
"""

import argparse
import statistics
import time
from datetime import date

from dateutil.relativedelta import relativedelta
from psycopg2.extensions import AsIs

import odoo
from odoo.tools import config

DEFAULT_RULES = ("customers", "never_purchased", "lost_leads")
# how long ago a document was dated: a partner in seven (by id) stopped buying
# 38 to 60 months ago, the others bought at any time in the last five years
SQL_CHURN = AsIs(
    "CASE WHEN p % 7 = 3 THEN interval '38 months' + random() * interval '22 months' "
    "ELSE random() * interval '5 years' END"
)


def generate(env, partners, rows):
    cr = env.cr
    company = env.company
    sale = env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
    purchase = env["account.journal"].search(
        [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
    )
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, email, customer_rank, supplier_rank, active, type,
                                 is_company, autopost_bills, company_id, gdpr_partner_kind, create_date)
        SELECT 'Gallring ' || n, 'Gallring ' || n, 'gallring' || n || '@example.org',
               CASE WHEN n %% 10 < 6 THEN 1 ELSE 0 END, CASE WHEN n %% 10 = 9 THEN 1 ELSE 0 END,
               true, 'contact', true, 'ask', NULL,
               CASE WHEN n %% 10 < 6 THEN 'customer' WHEN n %% 10 = 9 THEN 'supplier' ELSE 'other' END,
               now() - interval '6 years' + CASE WHEN n %% 10 < 6 THEN interval '0 days'
                                                 ELSE random() * interval '6 years' END
          FROM generate_series(1, %s) n
     RETURNING id, customer_rank, supplier_rank
        """,
        [partners],
    )
    generated = cr.fetchall()
    ids = [row[0] for row in generated]
    customers = [row[0] for row in generated if row[1]]
    suppliers = [row[0] for row in generated if row[2]]
    others = [row[0] for row in generated if not row[1] and not row[2]]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids])
    churn = SQL_CHURN
    common = {"company": company.id, "currency": company.currency_id.id}
    half = rows // 2
    cr.execute(
        """
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id, company_id,
                                date_order, state, currency_id)
        SELECT 'GALLRING/' || n, p, p, p, %(company)s, now() - %(churn)s,
               (ARRAY['sale', 'sale', 'sale', 'sale', 'sale', 'sale', 'sale', 'sale', 'cancel', 'draft'])
                   [1 + (n %% 10)],
               %(currency)s
          FROM (SELECT n, (%(ids)s)[1 + (random() * (%(count)s - 1))::int] AS p
                  FROM generate_series(1, %(half)s) n) g
        """,
        dict(common, ids=customers, count=len(customers), half=half, churn=churn),
    )
    cr.execute(
        """
        INSERT INTO account_move (journal_id, company_id, currency_id, partner_id, commercial_partner_id,
                                  move_type, state, date, invoice_date, auto_post, amount_total_signed)
        SELECT CASE WHEN bill THEN %(purchase)s ELSE %(sale)s END, %(company)s, %(currency)s, p, p,
               CASE WHEN bill THEN 'in_invoice' WHEN n %% 7 = 0 THEN 'out_refund' ELSE 'out_invoice' END,
               CASE WHEN n %% 11 = 0 THEN 'cancel' ELSE 'posted' END,
               d, d, 'no', round((random() * 10000)::numeric, 2)
          FROM (SELECT n, bill, p, (now() - %(churn)s)::date AS d FROM (
                SELECT n, n %% 10 = 0 AS bill,
                       CASE WHEN n %% 10 = 0 THEN (%(suppliers)s)[1 + (random() * (%(nsup)s - 1))::int]
                            ELSE (%(customers)s)[1 + (random() * (%(ncus)s - 1))::int] END AS p
                  FROM generate_series(1, %(rest)s) n) g0) g
        """,
        dict(
            common,
            sale=sale.id,
            purchase=purchase.id,
            customers=customers,
            ncus=len(customers),
            suppliers=suppliers,
            nsup=len(suppliers),
            rest=rows - half,
            churn=churn,
        ),
    )
    with_lead = others[::3]
    cr.execute(
        """
        INSERT INTO crm_lead (name, type, active, probability, partner_id, company_id, create_date,
                              date_last_stage_update, date_closed)
        SELECT 'Gallringslead ' || p, CASE WHEN n %% 2 = 0 THEN 'lead' ELSE 'opportunity' END,
               n %% 2 = 0 OR n %% 4 = 1, CASE WHEN n %% 4 = 3 THEN 0 ELSE 10 END, p, %(company)s, d, d,
               CASE WHEN n %% 4 = 3 THEN d END
          FROM (SELECT row_number() OVER () AS n, p, now() - (random() * interval '3 years') AS d
                  FROM unnest(%(ids)s) p) g
        """,
        dict(common, ids=with_lead),
    )
    for table in ("res_partner", "sale_order", "account_move", "crm_lead"):
        cr.execute(f"ANALYZE {table}")
    return ids


def floor_sql(since, horizons):
    """The same selection in plain SQL: last sign of life per partner, the
    three scopes, no exclusions and no notices."""
    return (
        """
        WITH last AS (
            SELECT id, max(d) AS d FROM (
                SELECT b.commercial_partner_id AS id, so.date_order AS d
                  FROM sale_order so JOIN res_partner b ON b.id = so.partner_id
                 WHERE so.date_order >= %(since)s
                 UNION ALL
                SELECT commercial_partner_id, date FROM account_move WHERE date >= %(since)s::date
                 UNION ALL
                SELECT b.commercial_partner_id,
                       greatest(l.create_date, l.date_closed, l.date_last_stage_update)
                  FROM crm_lead l JOIN res_partner b ON b.id = l.partner_id
                 WHERE greatest(l.create_date, l.date_closed, l.date_last_stage_update) >= %(since)s
                 UNION ALL
                SELECT b.commercial_partner_id, m.date
                  FROM mail_message m JOIN res_partner b ON b.id = m.author_id
                 WHERE m.date >= %(since)s AND m.message_type IN ('email', 'comment')
                 UNION ALL
                SELECT b.commercial_partner_id, e.start FROM calendar_attendee a
                  JOIN calendar_event e ON e.id = a.event_id JOIN res_partner b ON b.id = a.partner_id
                 WHERE e.start >= %(since)s
                 UNION ALL
                SELECT b.commercial_partner_id, log.create_date FROM res_users_log log
                  JOIN res_users u ON u.id = log.create_uid JOIN res_partner b ON b.id = u.partner_id
                 WHERE log.create_date >= %(since)s
            ) signals GROUP BY id
        ), seen AS (
            SELECT p.id, p.last_purchase_date, p.supplier_rank,
                   greatest(last.d, p.create_date, p.last_purchase_date) AS d
              FROM res_partner p LEFT JOIN last ON last.id = p.id WHERE p.parent_id IS NULL
        )
        SELECT 'customers', id FROM seen WHERE last_purchase_date IS NOT NULL AND d < %(customers)s
         UNION ALL
        SELECT 'never_purchased', id FROM seen
         WHERE last_purchase_date IS NULL AND supplier_rank = 0 AND d < %(never_purchased)s
         UNION ALL
        SELECT 'lost_leads', id FROM seen
         WHERE last_purchase_date IS NULL AND d < %(lost_leads)s
           AND id IN (SELECT partner_id FROM crm_lead WHERE type = 'lead' OR NOT active OR probability = 0)
           AND id NOT IN (SELECT partner_id FROM crm_lead
                           WHERE type = 'opportunity' AND active AND probability > 0
                             AND partner_id IS NOT NULL)
    """,
        dict(horizons, since=since),
    )


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--partners", type=int, default=100000)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        built, ids = timed(lambda: generate(env, args.partners, args.rows))
        fill, _ = timed(env["res.partner"]._refresh_last_purchase_date)
        cr.execute("ANALYZE res_partner")
        print(
            f"generated              : {args.partners} partners, {args.rows} orders, invoices and bills "
            f"in {built:.0f} s (last purchase dates {fill:.1f} s)"
        )
        Rule = env["gdpr.retention.rule"].with_context(active_test=False)
        rules = Rule.browse([env.ref(f"specter_gdpr.retention_rule_{name}").id for name in DEFAULT_RULES])
        rules.write({"active": True})
        env.flush_all()
        today = date.today()
        horizons = {rule.scope: rule._horizon(today) for rule in rules}
        since = min(horizons.values()) - relativedelta(days=1)
        query, params = floor_sql(since, horizons)

        engine_times, floor_times = [], []
        for _repeat in range(args.repeats):
            elapsed, found = timed(rules._gdpr_evaluate)
            engine_times.append(elapsed)
            elapsed, _ = timed(lambda: cr.execute(query, params))
            floor_times.append(elapsed)
            floor_rows = cr.fetchall()
        generated = set(ids)
        mine = {rule.scope: set(found[rule]["erase"]) & generated for rule in rules}
        floor = {scope: {pid for s, pid in floor_rows if s == scope} & generated for scope in mine}
        engine, bare = statistics.median(engine_times), statistics.median(floor_times)
        counts = ", ".join(f"{scope} {len(ids_)}" for scope, ids_ in mine.items())
        print(f"due partners           : {counts}")
        print(f"same as the floor      : {mine == floor}")
        print(
            f"rule evaluation        : {engine * 1000:.0f} ms for 3 rules (median of {args.repeats}; "
            f"runs {', '.join(f'{t * 1000:.0f}' for t in engine_times)} ms)"
        )
        runs = ", ".join(f"{t * 1000:.0f}" for t in floor_times)
        print(f"raw-SQL floor          : {bare * 1000:.0f} ms (runs {runs} ms)")
        print(f"ratio                  : {engine / bare:.2f}x the floor")
        cr.rollback()
        assert mine == floor, "the rules and the floor disagree"


if __name__ == "__main__":
    main()
