"""What the restriction check (Art. 18) costs a salesperson, beside the same work without it.

One database with specter_gdpr, in one run: CUSTOMERS customers in SQL, of
which RESTRICTED are restricted (so that the check finds restrictions to look
through). A salesperson creates N quotations and sends N e-mails (a mail.mail
to the customer, built and handed to a mail server that accepts everything)
for unrestricted customers, once with the addon's check and once with the
check bypassed (``gdpr.restriction._check`` and ``_held`` patched to no-ops),
the two variants alternating, REPEATS times (median). Everything is rolled back.

    python3 bench/bench_restriction.py -c ODOO_CONF -d DB [--customers 50000] [--n 50] [--repeats 7]
"""

import argparse
import statistics
import time
from contextlib import contextmanager

import odoo
from odoo import Command
from odoo.tools import config

TARGET = 1.05


def generate(env, customers, restricted):
    cr = env.cr
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, email, email_normalized, customer_rank, active, type,
                                 is_company, autopost_bills, gdpr_partner_kind)
        SELECT 'Bänk Kund ' || n, 'Bänk Kund ' || n, 'bank' || n || '@example.org',
               'bank' || n || '@example.org', 1, true, 'contact', true, 'ask', 'customer'
          FROM generate_series(1, %s) n
     RETURNING id
        """,
        [customers],
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids])
    cr.execute("ANALYZE res_partner")
    env.invalidate_all()
    env["gdpr.restriction"]._restrict(env["res.partner"].browse(ids[:restricted]), "accuracy")
    return ids[restricted:]


@contextmanager
def check_bypassed(env):
    """The same code paths, the restriction check a no-op."""
    Restriction = type(env["gdpr.restriction"])
    original = Restriction._check, Restriction._held
    Restriction._check = lambda self, partner_ids, what, emails=(), raise_error=True: self.browse()
    Restriction._held = lambda self, records, recipients, what, at_send=False: ({}, [])
    try:
        yield
    finally:
        Restriction._check, Restriction._held = original


def measure(registry, customers, restricted, n, repeats):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ids = generate(env, customers, restricted)
        MailServer = type(env["ir.mail_server"])
        MailServer.connect = lambda self, *args, **kwargs: None  # a server that accepts everything
        MailServer.send_email = lambda self, message, *args, **kwargs: message["Message-Id"]
        seller = env["res.users"].create(
            {
                "name": "Bänk Säljare",
                "login": "bench.restriction.seller",
                "email": "saljare@yourcompany.example.com",
                "groups_id": [
                    Command.set(
                        [
                            env.ref(xmlid).id
                            for xmlid in (
                                "base.group_user",
                                "sales_team.group_sale_salesman_all_leads",
                                "specter_gdpr.group_customer_read",
                                "specter_gdpr.group_customer_create",
                                "specter_gdpr.group_customer_write",
                            )
                        ]
                    )
                ],
            }
        )
        product = env["product.product"].create({"name": "Bänk tjänst", "type": "service", "list_price": 100})
        env = env(user=seller.id)
        picks = iter(ids * 100)

        def quotations():
            for _ in range(n):
                env["sale.order"].create(
                    {"partner_id": next(picks), "order_line": [Command.create({"product_id": product.id})]}
                )
            env.flush_all()

        def mails():
            for _ in range(n):
                partner_id = next(picks)
                mail = (
                    env["mail.mail"]
                    .sudo()
                    .create(
                        {
                            "subject": "Er offert",
                            "body_html": "<p>Hej, här kommer offerten.</p>",
                            "recipient_ids": [Command.set([partner_id])],
                            "email_from": "saljare@yourcompany.example.com",
                        }
                    )
                )
                mail.send()
            env.flush_all()

        figures = {(step, variant): [] for step in ("quotation", "mail") for variant in ("with", "without")}
        for step, work in (("quotation", quotations), ("mail", mails)):
            work()  # warm caches
            for _ in range(repeats):
                for variant in ("with", "without"):
                    env.invalidate_all()
                    start = time.perf_counter()
                    if variant == "with":
                        work()
                    else:
                        with check_bypassed(env):
                            work()
                    figures[step, variant].append((time.perf_counter() - start) * 1000 / n)
        cr.rollback()
        return {key: statistics.median(values) for key, values in figures.items()}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--customers", type=int, default=50000)
    parser.add_argument("--restricted", type=int, default=200)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    figures = measure(registry, args.customers, args.restricted, args.n, args.repeats)
    print(
        f"{args.customers} customers ({args.restricted} restricted), {args.n} each for unrestricted ones, "
        f"median of {args.repeats} runs"
    )
    print(f"{'step':28} {'check bypassed':>15} {'with check':>11} {'ratio':>6}  target")
    for step, label in (("quotation", "quotation created"), ("mail", "e-mail created and sent")):
        without, with_check = figures[step, "without"], figures[step, "with"]
        ratio = with_check / without
        verdict = "ok" if ratio <= TARGET else "OVER"
        print(f"{label:28} {without:12.2f} ms {with_check:8.2f} ms {ratio:5.3f}x  <= {TARGET}x {verdict}")


if __name__ == "__main__":
    main()
