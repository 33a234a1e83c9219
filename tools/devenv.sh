#!/usr/bin/env bash
# Shared preparation for `make run`, `make test` and the benchmarks.
#
# Sourced, not executed. Provides:
#   ensure_python_deps  install what the test/lint tooling needs when missing
#   ensure_odoo         make `import odoo` (18.0) work, or fail with one clear message
#   ensure_postgres     reach the PG* (or default-socket) server, or start a private cluster
#   ensure_wkhtmltopdf  install Debian's wkhtmltopdf when missing (PDF reports)
#   write_odoo_conf F   an Odoo config bound to 127.0.0.1 with our addons path
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
RUN_DIR="${REPO_ROOT}/.run"
ODOO_NIGHTLY_URL="${ODOO_NIGHTLY_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
mkdir -p "${RUN_DIR}"

log() { printf '[specter_gdpr] %s\n' "$*" >&2; }
die() { printf '[specter_gdpr] ERROR: %s\n' "$*" >&2; exit 1; }

ensure_python_deps() {
    if ! "${PYTHON}" -c 'import pytest_odoo, websocket, openpyxl, ruff, pdfplumber' 2>/dev/null; then
        log "installing test tooling from requirements-test.txt"
        "${PYTHON}" -m pip install --quiet -r "${REPO_ROOT}/requirements-test.txt"
    fi
}

odoo_importable() {
    "${PYTHON}" -c 'import odoo.release as r, sys; sys.exit(r.version_info[0] != 18)' 2>/dev/null
}

install_odoo_from() {
    local source="$1"
    log "installing Odoo 18.0 from ${source}"
    "${PYTHON}" -m pip install --quiet -r "${REPO_ROOT}/requirements-odoo.txt"
    "${PYTHON}" -m pip install --quiet --no-deps "${source}"
}

ensure_odoo() {
    if odoo_importable; then
        return 0
    fi
    if [[ -n "${ODOO_SOURCE:-}" ]]; then
        install_odoo_from "${ODOO_SOURCE}" || die "could not install Odoo from ODOO_SOURCE=${ODOO_SOURCE}"
    else
        install_odoo_from "${ODOO_NIGHTLY_URL}" || true
    fi
    odoo_importable || die "Odoo 18.0 is not importable by ${PYTHON}. Install it (pip install <odoo-18.0 source>) or set ODOO_SOURCE to an Odoo 18.0 source tree or archive, then run again."
}

# Odoo prints PDF reports (address labels, records of processing) with the
# wkhtmltopdf it finds on PATH.
ensure_wkhtmltopdf() {
    command -v wkhtmltopdf >/dev/null && return 0
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        log "installing Debian's wkhtmltopdf for the PDF reports"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf >/dev/null \
            || log "WARNING: could not install wkhtmltopdf: PDF reports will not print"
    else
        log "WARNING: no wkhtmltopdf: PDF reports will not print (apt-get install wkhtmltopdf)"
    fi
}

odoo_addons_path() {
    "${PYTHON}" - <<'PY'
import os, odoo.addons
paths = [p for p in odoo.addons.__path__ if os.path.isdir(p)]
root = os.path.dirname(os.path.dirname(odoo.__file__))
extra = os.path.join(root, "addons")
if os.path.isdir(os.path.join(extra, "web")):
    paths.append(extra)
print(",".join(paths))
PY
}

pg_answers() {
    "${PYTHON}" - <<'PY' 2>/dev/null
import psycopg2
psycopg2.connect(dbname="postgres", connect_timeout=3).close()
PY
}

# Export PGHOST, PGPORT and PGUSER as libpq resolved them for the server that
# answers (a socket directory for the default socket), so that psql, dropdb and
# the Odoo config all name the same server; libpq's defaults when none answers.
export_pg_target() {
    local where
    where="$("${PYTHON}" - <<'PY' 2>/dev/null || true
import getpass, os, psycopg2
try:
    conn = psycopg2.connect(dbname="postgres", connect_timeout=3)
    print(conn.info.host, conn.info.port, conn.info.user, sep="\n")
    conn.close()
except psycopg2.Error:
    print(os.environ.get("PGHOST", "/var/run/postgresql"), os.environ.get("PGPORT", "5432"),
          os.environ.get("PGUSER", getpass.getuser()), sep="\n")
PY
)"
    [[ -n "${where}" ]] || return 0
    mapfile -t where <<<"${where}"
    export PGHOST="${where[0]}" PGPORT="${where[1]}" PGUSER="${where[2]}"
}

pg_bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "${dir}/pg_ctl" ]] && echo "${dir}"
    done | sort -V | tail -1
}

# The OS user that owns the private cluster: PostgreSQL refuses to run as root.
pg_owner() {
    if [[ "$(id -u)" == 0 ]]; then echo postgres; else id -un; fi
}

# Run a command as the cluster's owner, from / (the caller's directory may be
# one the owner cannot enter).
run_as_owner() {
    local owner
    owner="$(pg_owner)"
    if [[ "$(id -un)" == "${owner}" ]]; then
        (cd / && "$@")
    else
        (cd / && runuser -u "${owner}" -- "$@")
    fi
}

# The private cluster's data directory: SPECTER_PGDATA, else .run/pgdata when
# the cluster's owner can enter .run (not when the checkout is under /root or
# a `mktemp -d` folder and we are root), else a directory outside the checkout,
# named after it: /var/tmp/specter_gdpr-<hash of the checkout path>/pgdata.
private_datadir() {
    if [[ -n "${SPECTER_PGDATA:-}" ]]; then
        echo "${SPECTER_PGDATA}"
    elif run_as_owner test -x "${RUN_DIR}" 2>/dev/null; then
        echo "${RUN_DIR}/pgdata"
    else
        echo "/var/tmp/specter_gdpr-$(printf '%s' "${REPO_ROOT}" | sha1sum | cut -c1-12)/pgdata"
    fi
}

# A private cluster reachable on 127.0.0.1 only, owned by a non-root OS user
# when we are root.
start_private_cluster() {
    local bindir datadir owner port
    bindir="$(pg_bindir)"
    [[ -n "${bindir}" ]] || die "no PostgreSQL server binaries found (apt-get install postgresql)"
    owner="$(pg_owner)"
    datadir="$(private_datadir)"
    PRIVATE_PGDATA="${datadir}"
    local portfile="${RUN_DIR}/pgport"
    port="${SPECTER_PGPORT:-$(cat "${portfile}" 2>/dev/null || echo 54329)}"
    if [[ ! -f "${datadir}/PG_VERSION" ]]; then
        log "creating a private PostgreSQL cluster in ${datadir}"
        mkdir -p "${datadir}"
        chmod 700 "${datadir}"
        chown "${owner}" "${datadir}"
        run_as_owner "${bindir}/initdb" -D "${datadir}" -U "${owner}" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! run_as_owner "${bindir}/pg_ctl" -D "${datadir}" status >/dev/null 2>&1; then
        if [[ -z "${SPECTER_PGPORT:-}" ]] && port_in_use "${port}"; then
            # another checkout's cluster (or any server) holds it: take a free one
            port="$(free_port)"
        fi
        echo "${port}" >"${portfile}"
        log "starting PostgreSQL on 127.0.0.1:${port} (data in ${datadir})"
        run_as_owner "${bindir}/pg_ctl" -D "${datadir}" -l "${datadir}/server.log" -w \
            -o "-c listen_addresses=127.0.0.1 -p ${port} -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    else
        port="$(sed -n 4p "${datadir}/postmaster.pid")"
    fi
    export PGHOST=127.0.0.1 PGPORT="${port}"
    # Odoo refuses the `postgres` role: log in as the current OS user.
    local me
    me="$(id -un)"
    export PGUSER="${me}"
    if ! run_as_owner psql -h 127.0.0.1 -p "${port}" -U "${owner}" -d postgres -tAc \
            "SELECT 1 FROM pg_roles WHERE rolname='${me}'" | grep -q 1; then
        run_as_owner psql -h 127.0.0.1 -p "${port}" -U "${owner}" -d postgres -qc \
            "CREATE ROLE \"${me}\" LOGIN SUPERUSER" >/dev/null
    fi
}

ensure_postgres() {
    if pg_answers; then
        export_pg_target
        log "using the PostgreSQL server that answers as ${PGUSER} on ${PGHOST}:${PGPORT} (PG* variables or the default socket)"
        return 0
    fi
    start_private_cluster
    pg_answers || die "PostgreSQL on ${PGHOST}:${PGPORT} does not answer; see ${PRIVATE_PGDATA}/server.log"
}

port_in_use() {
    "${PYTHON}" -c 'import socket, sys; sys.exit(socket.socket().connect_ex(("127.0.0.1", int(sys.argv[1]))) != 0)' "$1"
}

free_port() {
    "${PYTHON}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# write_odoo_conf FILE DBNAME HTTP_PORT
write_odoo_conf() {
    local file="$1" db="$2" port="$3"
    [[ -n "${PGHOST:-}" && -n "${PGPORT:-}" && -n "${PGUSER:-}" ]] || export_pg_target
    cat >"${file}" <<CONF
[options]
addons_path = ${REPO_ROOT},$(odoo_addons_path)
db_host = ${PGHOST}
db_port = ${PGPORT}
db_user = ${PGUSER}
db_password = ${PGPASSWORD:-False}
db_name = ${db}
dbfilter = ^${db}\$
list_db = False
http_interface = 127.0.0.1
http_port = ${port}
gevent_port = $(free_port)
data_dir = ${RUN_DIR}/filestore
admin_passwd = ${SPECTER_ADMIN_PASSWD:-admin}
max_cron_threads = ${SPECTER_CRON_THREADS:-2}
CONF
}

prepare() {
    ensure_odoo
    ensure_python_deps
    ensure_postgres
}
