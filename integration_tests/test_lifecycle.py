"""The addon installs without demo data and uninstalls cleanly.

These run Odoo in a subprocess on a database of their own, beside the
pytest-odoo test database that ``make test`` prepares.
"""

import os
import subprocess
import sys
import uuid

import pytest
from odoo_db import query

CONF = os.environ.get("SPECTER_ODOO_CONF")
pytestmark = pytest.mark.skipif(not CONF, reason="run through `make test` (needs SPECTER_ODOO_CONF)")

UNINSTALL = """
import odoo
from odoo.tools import config
config.parse_config(["-c", {conf!r}, "-d", {db!r}])
registry = odoo.modules.registry.Registry({db!r})
with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {{}})
    env["ir.module.module"].search([("name", "=", "specter_gdpr")]).button_immediate_uninstall()
"""

REFUNDED_TO_BANK = """
import odoo
from odoo import Command
from odoo.tools import config
config.parse_config(["-c", {conf!r}, "-d", {db!r}])
registry = odoo.modules.registry.Registry({db!r})
with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {{}})
    installed = env["ir.module.module"].search([("state", "=", "installed")]).mapped("name")
    print("l10n_us" in installed, "aba_routing" in env["res.partner.bank"]._fields)
    partner = env["res.partner"].create({{
        "name": "Återbetald Kund", "email": "aterbetald@example.org", "customer_rank": 1,
        "bank_ids": [Command.create({{"acc_number": "SE4550000000058398257466"}})],
    }})
    product = env["product.product"].create({{"name": "Tjänst", "type": "service", "list_price": 100}})
    invoice = env["account.move"].create({{
        "move_type": "out_invoice", "partner_id": partner.id,
        "invoice_line_ids": [Command.create({{"product_id": product.id, "price_unit": 100}})],
    }})
    invoice.action_post()
    register = env["account.payment.register"]
    register.with_context(active_model="account.move", active_ids=invoice.ids).create({{}})._create_payments()
    refund = invoice._reverse_moves()
    refund.action_post()
    register.with_context(active_model="account.move", active_ids=refund.ids).create(
        {{"partner_bank_id": partner.bank_ids.id}}
    )._create_payments()
    result = partner.gdpr_erase()
    print(result["anonymised"] == partner.ids, result["failed"])
    cr.rollback()
"""


def _odoo(*args):
    subprocess.run(
        [sys.executable, "-m", "odoo", "-c", CONF, *args, "--stop-after-init", "--log-level=error"],
        check=True,
        capture_output=True,
        timeout=1200,
    )


ADMIN_IN_GROUP = """
    FROM res_groups_users_rel rel
    JOIN ir_model_data g ON g.res_id = rel.gid AND g.model = 'res.groups'
                        AND g.module = 'specter_gdpr' AND g.name = '{group}'
    JOIN ir_model_data u ON u.res_id = rel.uid AND u.model = 'res.users'
                        AND u.module = 'base' AND u.name = 'user_admin'
"""


def _admin_has(group, db):
    return query(db, "SELECT count(*) " + ADMIN_IN_GROUP.format(group=group)) == [(1,)]


def _revoke_admin(group, db):
    query(
        db,
        "DELETE FROM res_groups_users_rel WHERE (gid, uid) IN (SELECT rel.gid, rel.uid "
        + ADMIN_IN_GROUP.format(group=group)
        + ") RETURNING 1",
    )


@pytest.fixture
def bare_db():
    db = f"specter_gdpr_nodemo_{uuid.uuid4().hex[:8]}"
    yield db
    subprocess.run(["dropdb", "--if-exists", db], check=False)


def test_install_without_demo_then_uninstall(bare_db):
    _odoo("-d", bare_db, "-i", "specter_gdpr", "--without-demo=all")
    state = query(bare_db, "SELECT state FROM ir_module_module WHERE name = 'specter_gdpr'")
    assert state == [("installed",)]
    demo = query(
        bare_db, "SELECT count(*) FROM ir_model_data WHERE module = 'specter_gdpr' AND model = 'res.partner'"
    )
    assert demo == [(0,)]

    # without l10n_us there is no aba_routing column: a customer refunded to a
    # bank account is erased all the same (its account masked, not failed)
    erased = subprocess.run(
        [sys.executable, "-c", REFUNDED_TO_BANK.format(conf=CONF, db=bare_db)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout.splitlines()
    assert erased[-2:] == ["False False", "True {}"], erased

    # installing granted the admin every right; an admin's choice survives an upgrade
    assert _admin_has("group_customer_export", bare_db)
    _revoke_admin("group_customer_export", bare_db)
    _odoo("-d", bare_db, "-u", "specter_gdpr")
    assert not _admin_has("group_customer_export", bare_db)

    subprocess.run(
        [sys.executable, "-c", UNINSTALL.format(conf=CONF, db=bare_db)],
        check=True,
        capture_output=True,
        timeout=1200,
    )
    state = query(bare_db, "SELECT state FROM ir_module_module WHERE name = 'specter_gdpr'")
    assert state == [("uninstalled",)]
    leftovers = query(
        bare_db,
        """
        SELECT (SELECT count(*) FROM ir_model WHERE model LIKE 'gdpr.%%'),
               (SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'gdpr_%%'),
               (SELECT count(*) FROM information_schema.columns
                 WHERE table_name = 'res_partner' AND column_name LIKE 'gdpr_%%'),
               (SELECT count(*) FROM ir_model_data WHERE module = 'specter_gdpr'),
               (SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%%gdpr_tokens%%'),
               (SELECT count(*) FROM pg_proc WHERE proname = 'specter_gdpr_tokens')
        """.replace("%%", "%"),
    )
    assert leftovers == [(0, 0, 0, 0, 0, 0)]
