"""The test database's connection, as the Odoo config of ``make test`` names it."""

import configparser
import os

import psycopg2

CONF = os.environ.get("SPECTER_ODOO_CONF")


def options():
    """The ``[options]`` of the Odoo config."""
    parser = configparser.ConfigParser()
    parser.read(CONF)
    return parser["options"]


def query(db, sql, params=None):
    """Rows of ``sql`` run on ``db`` (``None``: the config's database)."""
    opt = options()
    # Odoo's "False" means libpq's default; libpq wants it left out
    given = {
        key: opt[f"db_{key}"] for key in ("host", "port", "user") if opt.get(f"db_{key}", "False") != "False"
    }
    with psycopg2.connect(dbname=db or opt["db_name"], **given) as conn, conn.cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall()
