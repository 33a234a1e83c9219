"""The setup script (tools/devenv.sh) on ordinary machines.

A private cluster started as root from a checkout its owner (``postgres``)
cannot enter, and an Odoo config written with no PG* variables, for the
server on libpq's default socket. ``.ci/run`` runs this file once more
against such a server with SPECTER_REQUIRE_DEFAULT_SOCKET=1.
"""

import configparser
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2
import pytest

REPO = Path(__file__).resolve().parent.parent
DEVENV = REPO / "tools" / "devenv.sh"
PG_VARIABLES = ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSERVICE")


def _env(**extra):
    env = {key: value for key, value in os.environ.items() if key not in PG_VARIABLES}
    env.update(PYTHON=sys.executable, **extra)
    return env


def _devenv(script, devenv=DEVENV, **extra):
    """Source devenv.sh in a fresh bash with no PG* variables and run script."""
    result = subprocess.run(
        ["bash", "-c", f'source "{devenv}"; {script}'],
        env=_env(**extra),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _default_socket_answers():
    try:
        psycopg2.connect(dbname="postgres", host="", port="", user="", connect_timeout=3).close()
    except psycopg2.Error:
        return False
    return True


@pytest.mark.skipif(os.geteuid() != 0, reason="the private-directory case is root's")
def test_private_cluster_from_a_directory_postgres_cannot_enter():
    private = Path(tempfile.mkdtemp(prefix="specter-devenv-"))  # mode 0700, owned by root
    checkout = private / "checkout"
    (checkout / "tools").mkdir(parents=True)
    shutil.copy(DEVENV, checkout / "tools" / "devenv.sh")
    port = _free_port()
    datadir = None
    try:
        out = _devenv(
            'start_private_cluster; echo "${PGHOST} ${PGPORT} ${PGUSER} ${PRIVATE_PGDATA}"',
            devenv=checkout / "tools" / "devenv.sh",
            SPECTER_PGPORT=str(port),
        )
        host, answered_port, user, datadir = out.split()
        assert (host, answered_port) == ("127.0.0.1", str(port))
        assert not datadir.startswith(str(private)), "the data directory must be one postgres can reach"
        with (
            psycopg2.connect(dbname="postgres", host=host, port=port, user=user) as conn,
            conn.cursor() as cr,
        ):
            cr.execute("SELECT current_setting('data_directory')")
            assert cr.fetchone()[0] == datadir
    finally:
        if datadir:
            bindir = _devenv("pg_bindir").strip()
            stop = [f"{bindir}/pg_ctl", "-D", datadir, "-m", "fast", "-w", "stop"]
            subprocess.run(
                ["runuser", "-u", "postgres", "--", *stop],
                cwd="/",
                capture_output=True,
                check=False,
            )
            shutil.rmtree(Path(datadir).parent, ignore_errors=True)
        shutil.rmtree(private, ignore_errors=True)


def test_odoo_conf_without_pg_variables_names_a_port(tmp_path):
    conf = tmp_path / "odoo.conf"
    _devenv(f'write_odoo_conf "{conf}" specter_devenv_check 8069')
    options = configparser.ConfigParser()
    options.read(conf)
    opt = options["options"]
    assert opt["db_port"].isdigit(), opt["db_port"]
    assert opt["db_host"] not in ("", "False")
    assert opt["db_user"] not in ("", "False")


def test_default_socket_server_in_every_command(tmp_path):
    """ensure_postgres takes the default-socket server; the config reaches it through psycopg2 and Odoo."""
    if not _default_socket_answers():
        if os.environ.get("SPECTER_REQUIRE_DEFAULT_SOCKET") == "1":
            pytest.fail("no PostgreSQL answers on the default socket")
        pytest.skip("no PostgreSQL answers on the default socket")
    conf = tmp_path / "odoo.conf"
    out = _devenv(
        f'ensure_postgres; write_odoo_conf "{conf}" postgres 8069; psql -d postgres -tAc "SELECT 42"'
    )
    assert out.strip() == "42"
    options = configparser.ConfigParser()
    options.read(conf)
    opt = options["options"]
    assert opt["db_host"].startswith("/"), "the default socket's directory"
    with psycopg2.connect(dbname="postgres", host=opt["db_host"], port=opt["db_port"], user=opt["db_user"]):
        pass
    check = (
        "import sys, odoo; from odoo.tools import config; config.parse_config(['-c', sys.argv[1]]); "
        "cr = odoo.sql_db.db_connect('postgres').cursor(); cr.execute('SELECT 42'); print(cr.fetchone()[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", check, str(conf)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip() == "42", result.stderr
