"""What the per-user rights cost a salesperson, beside the same work without the addon.

Two databases of the same Odoo, one with specter_gdpr and one with only its
dependencies (contacts, sale_management, account, crm, sale_crm, sms,
snailmail), each given the same CUSTOMERS customers in SQL. In each, a
salesperson who may also invoice (with *Customers: view, create, edit* where
the addon is installed) runs what the web client runs, each step timed REPEATS
times (median):

- the contact list (``web_search_read`` of 80 rows with the list's fields, and
  its count), a search in it, ``name_search`` (a many2one autocomplete), the
  kanban (40 cards), ``search_count`` of all partners;
- a quotation created and confirmed, an invoice created and posted.

Everything is rolled back.

    python3 bench/bench_rights.py -c ODOO_CONF --with-addon DB1 --without-addon DB2 [--customers 50000]
"""

import argparse
import statistics
import time

import odoo
from odoo import Command
from odoo.tools import config

LIST_SPEC = {
    "display_name": {},
    "email": {},
    "phone": {},
    "city": {},
    "country_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "activity_ids": {},
}
KANBAN_SPEC = {
    **LIST_SPEC,
    "is_company": {},
    "type": {},
    "parent_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}}},
    "function": {},
    "street": {},
    "zip": {},
}


def generate(env, customers):
    """Customers as a list view shows them, with the addon's columns where it is installed."""
    cr = env.cr
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'res_partner' AND column_name = %s",
        ["gdpr_partner_kind"],
    )
    kind = ", gdpr_partner_kind" if cr.fetchone() else ""
    cr.execute(
        f"""
        INSERT INTO res_partner (name, complete_name, email, phone, street, zip, city, customer_rank, active,
                                 type, is_company, autopost_bills, country_id{kind})
        SELECT 'Bulk Kund ' || n, 'Bulk Kund ' || n, 'bulk' || n || '@example.org',
               '+46 70 ' || lpad(n::text, 7, '0'), 'Gatan ' || n, lpad((n %% 99999)::text, 5, '0'),
               'Stad ' || (n %% 97), 1, true, 'contact', true, 'ask', %s{", 'customer'" if kind else ""}
          FROM generate_series(1, %s) n
     RETURNING id
        """,
        [env.ref("base.se").id, customers],
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids])
    cr.execute("ANALYZE res_partner")
    env.invalidate_all()
    return ids


def salesperson(env):
    groups = ["base.group_user", "sales_team.group_sale_salesman_all_leads", "account.group_account_invoice"]
    if env.ref("specter_gdpr.group_customer_read", raise_if_not_found=False):
        groups += [f"specter_gdpr.group_customer_{right}" for right in ("read", "create", "write")]
    return env["res.users"].create(
        {
            "name": "Bench Säljare",
            "login": "bench.salesperson",
            "groups_id": [Command.set([env.ref(xmlid).id for xmlid in groups])],
        }
    )


def timed(env, repeats, work):
    times = []
    for _ in range(repeats):
        env.invalidate_all()
        start = time.perf_counter()
        work()
        env.flush_all()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(registry, customers, repeats):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ids = generate(env, customers)
        user = salesperson(env)
        env = env(user=user.id)
        Partner = env["res.partner"]
        product = (
            env["product.product"]
            .sudo()
            .create({"name": "Bench tjänst", "type": "service", "list_price": 100})
        )
        picks = iter(ids[:: max(1, len(ids) // 1000)])

        def quotation():
            order = env["sale.order"].create(
                {"partner_id": next(picks), "order_line": [Command.create({"product_id": product.id})]}
            )
            order.action_confirm()

        def invoice():
            move = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": next(picks),
                    "invoice_line_ids": [Command.create({"product_id": product.id, "price_unit": 100})],
                }
            )
            move.action_post()

        steps = {
            "contact list (80 rows + count)": lambda: (
                Partner.web_search_read([], LIST_SPEC, limit=80, count_limit=10001)
            ),
            "search 'Kund 4242' in the list": lambda: Partner.web_search_read(
                [("display_name", "ilike", "Kund 4242")], LIST_SPEC, limit=80, count_limit=10001
            ),
            "name_search (autocomplete)": lambda: Partner.name_search("Kund 4242", limit=8),
            "kanban (40 cards)": lambda: Partner.web_search_read(
                [], KANBAN_SPEC, limit=40, count_limit=10001
            ),
            "search_count of all partners": lambda: Partner.search_count([]),
            "read 80 customers": lambda: Partner.browse(ids[:80]).read(list(LIST_SPEC)),
            "quotation create + confirm": quotation,
            "invoice create + post": invoice,
        }
        results = {name: timed(env, repeats, step) for name, step in steps.items()}
        cr.rollback()
        return results


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--with-addon", required=True, help="a database with specter_gdpr")
    parser.add_argument("--without-addon", required=True, help="a database with only its dependencies")
    parser.add_argument("--customers", type=int, default=50000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    figures = {}
    for label, database in (("without", args.without_addon), ("with", args.with_addon)):
        figures[label] = measure(odoo.modules.registry.Registry(database), args.customers, args.repeats)
    print(f"{args.customers} customers, a salesperson, median of {args.repeats} runs each")
    print(f"{'step':34} {'without addon':>14} {'with addon':>11} {'ratio':>6}")
    for step, without in figures["without"].items():
        with_addon = figures["with"][step]
        print(f"{step:34} {without:11.1f} ms {with_addon:8.1f} ms {with_addon / without:5.2f}x")


if __name__ == "__main__":
    main()
