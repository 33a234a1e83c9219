"""Two officers erase the same partners at once, on two Odoo servers.

Real processes on the test database: the partners and the officers are
committed by a subprocess, each server is a separate ``odoo`` process, and the
officers' JSON-RPC calls run at the same time.
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from odoo_db import options
from odoo_db import query

CONF = os.environ.get("SPECTER_ODOO_CONF")
pytestmark = pytest.mark.skipif(not CONF, reason="run through `make test` (needs SPECTER_ODOO_CONF)")

SETUP = """
import odoo
from odoo import Command
from odoo.tools import config
config.parse_config(["-c", {conf!r}, "-d", {db!r}])
registry = odoo.modules.registry.Registry({db!r})
with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {{"tracking_disable": True}})
    groups = [env.ref(x).id for x in ("base.group_user", "base.group_partner_manager",
                                      "specter_gdpr.group_gdpr_officer")]
    for login in ("{tag}_a", "{tag}_b"):
        env["res.users"].create({{"name": login, "login": login, "password": login + "_pw1",
                                  "groups_id": [Command.set(groups)]}})
    partners = env["res.partner"].create(
        [{{"name": "Samtidig {tag} %d" % i, "email": "samtidig.{tag}.%d@example.org" % i}}
         for i in range({n})]
    )
    for partner in partners:
        partner.message_post(body="Anteckning om " + partner.name)
    print(",".join(map(str, partners.ids)))
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def two_servers():
    servers, urls = [], []
    for _i in range(2):
        port = _free_port()
        args = [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            CONF,
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            f"--gevent-port={_free_port()}",
            "--max-cron-threads=0",
            "--workers=0",
            "--log-level=warn",
        ]
        servers.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        urls.append(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 120
    for url in urls:
        while True:
            try:
                if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the Odoo servers did not start"
            time.sleep(1)
    yield urls
    for server in servers:
        server.terminate()
        server.wait(30)


def _erase_as(url, login, ids):
    session = requests.Session()
    db = options()["db_name"]
    auth = session.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": f"{login}_pw1"}},
        timeout=30,
    ).json()
    assert "error" not in auth, auth
    return session.post(
        f"{url}/web/dataset/call_kw",
        json={
            "jsonrpc": "2.0",
            "params": {"model": "res.partner", "method": "gdpr_erase", "args": [ids], "kwargs": {}},
        },
        timeout=600,
    ).json()


def test_two_officers_erase_the_same_partners(two_servers):
    tag = f"conc{uuid.uuid4().hex[:6]}"
    setup = SETUP.format(conf=CONF, db=options()["db_name"], tag=tag, n=120)
    run = subprocess.run(
        [sys.executable, "-c", setup], capture_output=True, text=True, timeout=600, check=True
    )
    ids = [int(pid) for pid in run.stdout.strip().splitlines()[-1].split(",")]

    with ThreadPoolExecutor(2) as pool:
        replies = list(pool.map(_erase_as, two_servers, [f"{tag}_a", f"{tag}_b"], [ids, ids]))

    for reply in replies:
        assert "error" not in reply, reply.get("error")
        assert reply["result"]["failed"] == {}, reply["result"]["failed"]
    deleted = [pid for reply in replies for pid in reply["result"]["deleted"]]
    assert sorted(deleted) == sorted(ids), "each partner is erased exactly once"
    assert query(None, "SELECT count(*) FROM res_partner WHERE id = ANY(%s)", [ids]) == [(0,)]
    logs = query(
        None,
        "SELECT partner_ref, action FROM gdpr_erasure_log WHERE partner_ref = ANY(%s) ORDER BY id",
        [ids],
    )
    assert sorted(ref for ref, action in logs if action == "deleted") == sorted(ids)
    assert [ref for ref, action in logs if action == "failed"] == []
