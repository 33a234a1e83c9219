#!/usr/bin/env bash
# Shared preparation for `make run`, `make test` and the benchmarks.
#
# Sourced, not executed. Provides:
#   ensure_python_deps  install what the test/lint tooling needs when missing
#   ensure_odoo         make `import odoo` (18.0) work, or fail with one clear message
#   ensure_postgres     reach the PG* server, or start a private cluster under .run/
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
    if ! "${PYTHON}" -c 'import pytest_odoo, websocket, openpyxl, ruff' 2>/dev/null; then
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

pg_bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "${dir}/pg_ctl" ]] && echo "${dir}"
    done | sort -V | tail -1
}

# A private cluster in .run/pgdata, owned by a non-root OS user when we are root
# (PostgreSQL refuses to run as root), reachable on 127.0.0.1 only.
start_private_cluster() {
    local bindir datadir owner port
    bindir="$(pg_bindir)"
    [[ -n "${bindir}" ]] || die "no PostgreSQL server binaries found (apt-get install postgresql)"
    datadir="${RUN_DIR}/pgdata"
    local portfile="${RUN_DIR}/pgport"
    port="${SPECTER_PGPORT:-$(cat "${portfile}" 2>/dev/null || echo 54329)}"
    owner="$(id -un)"
    [[ "$(id -u)" == 0 ]] && owner=postgres
    run_as() { if [[ "$(id -un)" == "${owner}" ]]; then "$@"; else runuser -u "${owner}" -- "$@"; fi; }
    if [[ ! -f "${datadir}/PG_VERSION" ]]; then
        log "creating a private PostgreSQL cluster in ${datadir}"
        mkdir -p "${datadir}"
        chown "${owner}" "${RUN_DIR}" "${datadir}"
        run_as "${bindir}/initdb" -D "${datadir}" -U "${owner}" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! run_as "${bindir}/pg_ctl" -D "${datadir}" status >/dev/null 2>&1; then
        if [[ -z "${SPECTER_PGPORT:-}" ]] && port_in_use "${port}"; then
            # another checkout's cluster (or any server) holds it: take a free one
            port="$(free_port)"
        fi
        echo "${port}" >"${portfile}"
    fi
    export PGHOST=127.0.0.1 PGPORT="${port}"
    if ! run_as "${bindir}/pg_ctl" -D "${datadir}" status >/dev/null 2>&1; then
        log "starting PostgreSQL on 127.0.0.1:${port}"
        run_as "${bindir}/pg_ctl" -D "${datadir}" -l "${datadir}/server.log" -w \
            -o "-c listen_addresses=127.0.0.1 -p ${port} -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    fi
    # Odoo refuses the `postgres` role: log in as the current OS user.
    local me
    me="$(id -un)"
    export PGUSER="${me}"
    if ! run_as psql -h 127.0.0.1 -p "${port}" -U "${owner}" -d postgres -tAc \
            "SELECT 1 FROM pg_roles WHERE rolname='${me}'" | grep -q 1; then
        run_as psql -h 127.0.0.1 -p "${port}" -U "${owner}" -d postgres -qc \
            "CREATE ROLE \"${me}\" LOGIN SUPERUSER" >/dev/null
    fi
}

ensure_postgres() {
    if pg_answers; then
        log "using the PostgreSQL server named by PG* variables"
        return 0
    fi
    start_private_cluster
    pg_answers || die "PostgreSQL on ${PGHOST}:${PGPORT} does not answer; see ${RUN_DIR}/pgdata/server.log"
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
    cat >"${file}" <<CONF
[options]
addons_path = ${REPO_ROOT},$(odoo_addons_path)
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = ${PGUSER:-$(id -un)}
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
