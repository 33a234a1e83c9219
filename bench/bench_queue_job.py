"""Bulk erasure spread by queue_job over the workers of two Odoo servers.

For each worker count W: a copy of the benchmark database (its kept customers,
see ``bench_erasure.py --keep-data``) gets ``specter_gdpr_queue_job``; two
Odoo servers in prefork mode serve it, the first one with the queue_job runner
(channel ``root.gdpr`` of capacity W), whose job requests a small round-robin
proxy in this script hands to both servers in turn. The erasure job of all the
kept customers is created and committed; the figure is the time until the job
is done, against the raw-SQL floor of the same rows, measured in the same copy
(and rolled back). The copy is dropped afterwards.

    python3 bench/bench_queue_job.py -c ODOO_CONF -d BENCH_DB [--n 10000] [--workers 1,2,4]
"""

import argparse
import http.client
import http.server
import itertools
import math
import os
import socket
import subprocess
import sys
import threading
import time

import psycopg2

import odoo
from odoo.tools import config

sys.path.insert(0, os.path.dirname(__file__))
from bench_erasure import kept_data
from bench_erasure import raw_sql_floor


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def round_robin_proxy(backends):
    """An HTTP proxy on 127.0.0.1 that sends each request to the next backend."""
    ports = itertools.cycle(backends)
    lock = threading.Lock()

    class Forward(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            with lock:
                port = next(ports)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
            connection.request("GET", self.path, headers=dict(self.headers))
            response = connection.getresponse()
            body = response.read()
            try:
                self.send_response(response.status)
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the runner does not wait for the answer

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Forward)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def odoo_args(conf, db, *extra):
    return [sys.executable, "-m", "odoo", "-c", conf, "-d", db, "--db-filter", f"^{db}$", *extra]


def start_servers(conf, db, workers, ports, proxy_port):
    """Two prefork servers on ``db`` at ``ports``; the first runs the queue_job runner."""
    per_server = max(2, math.ceil(workers / 2) + 1)
    servers = []
    for index, port in enumerate(ports):
        env = dict(os.environ)
        extra = [
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            f"--gevent-port={free_port()}",
            f"--workers={per_server}",
            "--max-cron-threads=0",
            "--limit-time-real=600",
            "--limit-time-cpu=600",
            "--log-level=warn",
        ]
        if index == 0:
            extra.append("--load=base,web,queue_job")
            env.update(
                ODOO_QUEUE_JOB_CHANNELS=f"root:{workers},root.gdpr:{workers}",
                ODOO_QUEUE_JOB_HOST="127.0.0.1",
                ODOO_QUEUE_JOB_PORT=str(proxy_port),
            )
        servers.append(
            subprocess.Popen(
                odoo_args(conf, db, *extra), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        )
    for port in ports:
        deadline = time.monotonic() + 180
        while not answers(port):
            if time.monotonic() > deadline:
                raise RuntimeError("an Odoo server did not start")
            time.sleep(1)
    return servers


def answers(port):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/web/login")
        return connection.getresponse().status in (200, 303)
    except OSError:
        return False


def connect(db):
    return psycopg2.connect(
        dbname=db,
        host=config["db_host"] or None,
        port=config["db_port"] or None,
        user=config["db_user"] or None,
        password=config["db_password"] or None,
    )


def admin_sql(*statements):
    conn = connect("postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            for statement in statements:
                cr.execute(statement)
    finally:
        conn.close()


def copy_database(template, copy):
    admin_sql(f'DROP DATABASE IF EXISTS "{copy}"', f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
    subprocess.run(
        odoo_args(
            config.rcfile,
            copy,
            "-i",
            "specter_gdpr_queue_job",
            "-u",
            "specter_gdpr",
            "--stop-after-init",
            "--log-level=warn",
        ),
        check=True,
    )


def drop_database(db):
    admin_sql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def floor_and_job(db, n):
    """The raw-SQL floor of the kept customers (rolled back), then their job (committed)."""
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        partners = kept_data(env, f"kept{n}")
        if not partners:
            raise SystemExit(f"no kept data: run bench_erasure.py --n {n} --keep-data on the database first")
        cr.execute("SAVEPOINT floor")
        floor = raw_sql_floor(env, partners)
        cr.execute("ROLLBACK TO SAVEPOINT floor")
        env.invalidate_all()
        job = env["gdpr.erasure.job"]._create_for_partners(partners)
        cr.commit()
        return len(partners), floor, job.id, time.perf_counter()


def wait_done(db, job_id, timeout=1800):
    deadline = time.monotonic() + timeout
    conn = connect(db)
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute(
                    """SELECT state, (SELECT count(*) FROM gdpr_erasure_job_line
                                       WHERE job_id = %s AND state = 'failed')
                         FROM gdpr_erasure_job WHERE id = %s""",
                    [job_id, job_id],
                )
                state, failed = cr.fetchone()
                if state == "done":
                    return time.perf_counter(), failed
                time.sleep(0.2)
    finally:
        conn.close()
    raise RuntimeError(f"job {job_id} not done after {timeout} s")


def measure(template, n, workers):
    """(partners, floor seconds, job seconds, failed lines) with ``workers`` queue workers."""
    copy = f"{template}_qj{workers}"
    copy_database(template, copy)
    servers = []
    try:
        ports = [free_port(), free_port()]
        proxy = round_robin_proxy(ports)
        servers = start_servers(config.rcfile, copy, workers, ports, proxy.server_address[1])
        total, floor, job_id, started = floor_and_job(copy, n)
        finished, failed = wait_done(copy, job_id)
        proxy.shutdown()
        return total, floor, finished - started, failed
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(60)
        odoo.modules.registry.Registry.delete(copy)
        drop_database(copy)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument(
        "-d", "--database", required=True, help="the erasure benchmark's database, with kept data"
    )
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--workers", default="1,2,4")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    print(f"{'queue workers':>13} {'partners':>8} {'job':>9} {'partners/s':>10} {'floor':>9} {'failed':>6}")
    for workers in map(int, args.workers.split(",")):
        total, floor, elapsed, failed = measure(args.database, args.n, workers)
        rate, floor_rate = total / elapsed, total / floor
        print(f"{workers:13} {total:8} {elapsed:7.1f} s {rate:10.0f} {floor_rate:7.0f}/s {failed:6}")


if __name__ == "__main__":
    main()
