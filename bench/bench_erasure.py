"""Bulk erasure throughput next to a raw-SQL floor, on the same kind of rows.

Builds N customers, each with a confirmed order, a posted and paid invoice and
two chatter notes, plus N/4 customers with only a lead or nothing, in a
database that also holds ``--messages`` staff notes on other customers (the
chatter a real company has: erasure searches it for the people's e-mail
addresses and phone numbers); erases them
all through the bulk job's code path (after ANALYZE, as autovacuum would
have run on committed data) (``gdpr.erasure.job``, batch by batch, as
the cron does). Before that, on the same rows and rolled back to a savepoint,
it times the floor: blanking those partners' columns and deleting their
chatter in plain SQL. Everything is rolled back at the end.

Building paid customers through the ORM is slow (23 to 34 minutes for 10,000 on
two cores, mostly payment registration). With ``--keep-data`` the built rows are
committed once and reused by later runs with the same N; the erasure itself is
still rolled back.

    python3 bench/bench_erasure.py -c ODOO_CONF -d DB [--n 1000] [--messages 500000] [--keep-data]
"""

import argparse
import resource
import time

import odoo
from odoo import Command
from odoo.tools import config

ANALYZED_TABLES = (
    "res_partner",
    "sale_order",
    "account_move",
    "account_move_line",
    "account_payment",
    "mail_message",
    "mail_followers",
    "mail_notification",
    "mail_tracking_value",
    "ir_attachment",
    "crm_lead",
)


def build(env, n, tag):
    product = env["product.product"].create(
        {"name": f"Bench service {tag}", "type": "service", "invoice_policy": "order", "list_price": 100}
    )
    buyers = env["res.partner"].create(
        [
            {
                "name": f"Bench Kund {tag} {i}",
                "email": f"bench.{tag}.{i}@example.org",
                "phone": f"+46 70 {i:07d}",
                "street": f"Benchgatan {i}",
                "customer_rank": 1,
            }
            for i in range(n)
        ]
    )
    orders = env["sale.order"].create(
        [{"partner_id": p.id, "order_line": [Command.create({"product_id": product.id})]} for p in buyers]
    )
    orders.action_confirm()
    invoices = orders._create_invoices()
    invoices.action_post()
    env["account.payment.register"].with_context(active_model="account.move", active_ids=invoices.ids).create(
        {"group_payment": False}
    )._create_payments()
    for partner in buyers:
        partner.message_post(body=f"Samtal med {partner.name}", message_type="comment")
        partner.message_post(body=f"Ring {partner.phone}", message_type="comment")
    others = env["res.partner"].create(
        [{"name": f"Bench Lead {tag} {i}", "email": f"lead.{tag}.{i}@example.org"} for i in range(n // 4)]
    )
    env["crm.lead"].create([{"name": f"Lead {p.name}", "partner_id": p.id} for p in others[::2]])
    env.flush_all()
    return buyers | others


def build_background_chatter(env, count, tag):
    """``count`` staff notes on 1,000 other customers, in SQL: the chatter of a
    company that has used Odoo for years. One note in a thousand names an
    e-mail address or phone number of a customer being erased."""
    if not count:
        return
    background = env["res.partner"].create(
        [{"name": f"Bench Bakgrund {tag} {i}", "customer_rank": 1} for i in range(1000)]
    )
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO mail_message (model, res_id, message_type, subtype_id, author_id, body, is_internal,
                                  date, create_uid, write_uid, create_date, write_date)
        SELECT 'res.partner', (%(ids)s)[1 + i %% 1000], 'comment', %(subtype)s, %(author)s,
               CASE WHEN i %% 1000 = 0
                    THEN '<p>Kunden bad oss mejla bench.' || %(tag)s || '.' || (i / 1000)
                         || '@example.org</p>'
                    ELSE '<p>Samtal ' || i || ': leverans av order ' || (i * 7) || ' till lager '
                         || (i %% 13) || ', ring 08-' || lpad((i %% 99991)::text, 6, '0') || ' vid frågor</p>'
               END,
               true, now() at time zone 'UTC' - (i || ' minutes')::interval, 1, 1,
               now() at time zone 'UTC', now() at time zone 'UTC'
          FROM generate_series(1, %(count)s) AS i
        """,
        {
            "ids": background.ids,
            "subtype": env.ref("mail.mt_note").id,
            "author": env.ref("base.partner_admin").id,
            "tag": tag,
            "count": count,
        },
    )


def kept_data(env, tag):
    """The partners a previous ``--keep-data`` run built and committed for this N."""
    return env["res.partner"].search(
        ["|", ("name", "=like", f"Bench Kund {tag} %"), ("name", "=like", f"Bench Lead {tag} %")], order="id"
    )


def build_or_reuse(env, n, messages, keep):
    if not keep:
        build_background_chatter(env, messages, "a")
        return build(env, n, "a")
    tag = f"kept{n}"
    partners = kept_data(env, tag)
    if not partners:
        partners = build(env, n, tag)
        env.cr.commit()
    env.cr.execute("SELECT count(*) FROM mail_message")
    if env.cr.fetchone()[0] < messages:
        build_background_chatter(env, messages, tag)
        env.cr.commit()
    return partners


def raw_sql_floor(env, partners):
    cr = env.cr
    ids = tuple(partners.ids)
    start = time.perf_counter()
    cr.execute(
        """
        UPDATE res_partner
           SET name = 'Anonymised #' || id, complete_name = 'Anonymised #' || id, email = NULL,
               email_normalized = NULL, phone = NULL, phone_sanitized = NULL, mobile = NULL,
               street = NULL, street2 = NULL, zip = NULL, city = NULL, vat = NULL, comment = NULL,
               active = false
         WHERE id IN %s
        """,
        [ids],
    )
    cr.execute("DELETE FROM mail_message WHERE model = 'res.partner' AND res_id IN %s", [ids])
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=0, help="staff notes on other customers, in SQL")
    parser.add_argument("--keep-data", action="store_true", help="commit the built rows once and reuse them")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        start = time.perf_counter()
        partners = build_or_reuse(env, args.n, args.messages, args.keep_data)
        built = time.perf_counter() - start
        env.flush_all()
        for table in ANALYZED_TABLES:  # as autovacuum would have done on committed data
            cr.execute(f"ANALYZE {table}")
        if args.keep_data:
            cr.commit()  # statistics are transactional: keep them with the kept rows
        env.invalidate_all()
        cr.execute("SAVEPOINT raw_sql_floor")
        floor = raw_sql_floor(env, partners)
        cr.execute("ROLLBACK TO SAVEPOINT raw_sql_floor")
        env.invalidate_all()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        queries_before = cr.sql_log_count
        start = time.perf_counter()
        job = env["gdpr.erasure.job"]._create_for_partners(partners)
        while env["gdpr.erasure.job"]._cron_process(commit=False):  # the cron runs again while work remains
            pass
        elapsed = time.perf_counter() - start
        queries = cr.sql_log_count - queries_before
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        finished = job.state == "done"
        result = {
            "anonymised": [0] * job.anonymised_count,
            "deleted": [0] * job.deleted_count,
            "blocked": [0] * job.blocked_count,
            "failed": [0] * job.failed_count,
        }
        cr.execute("SELECT count(*) FROM mail_message")
        message_count = cr.fetchone()[0]
        cr.rollback()
    total = len(partners)
    print(f"test data ready         : {built:.0f} s")
    outcome = ", ".join(f"{len(result[key])} {key}" for key in ("anonymised", "deleted", "blocked", "failed"))
    print(f"chatter messages in db  : {message_count}")
    print(f"partners erased         : {total} ({outcome})")
    print(f"erasure job             : {elapsed:.2f} s, {total / elapsed:.0f} partners/s")
    print(f"SQL queries per partner : {queries / total:.2f}")
    print(f"peak RSS growth         : {(rss_after - rss_before) / 1024:.1f} MiB")
    print(f"raw-SQL floor           : {floor:.3f} s, {total / floor:.0f} partners/s (same rows, same run)")
    assert finished and not result["failed"] and not result["blocked"], outcome


if __name__ == "__main__":
    main()
