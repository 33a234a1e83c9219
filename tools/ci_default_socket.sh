#!/usr/bin/env bash
# CI (.ci/run with CI=true): the setup script's tests against a PostgreSQL on
# libpq's default socket, with no PG* variables. Takes the server already
# there (granting the current user a role for the run when it has none), or
# starts a throwaway one; either way leaves the machine as it found it.
source "$(dirname "$0")/devenv.sh"
unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE

SOCKET_DIR=/var/run/postgresql
ME="$(id -un)"
created_role=""
throwaway=""
bindir="$(pg_bindir)"
[[ -n "${bindir}" ]] || die "no PostgreSQL server binaries found (apt-get install postgresql)"

as_postgres_psql() { run_as_owner psql -h "${SOCKET_DIR}" -p 5432 -d postgres -qtAc "$1"; }

cleanup() {
    if [[ -n "${created_role}" ]]; then
        as_postgres_psql "DROP ROLE IF EXISTS \"${created_role}\"" >/dev/null || true
    fi
    if [[ -n "${throwaway}" ]]; then
        run_as_owner "${bindir}/pg_ctl" -D "${throwaway}/pgdata" -m fast -w stop >/dev/null || true
        rm -rf "${throwaway}"
    fi
}
trap cleanup EXIT

if [[ -S "${SOCKET_DIR}/.s.PGSQL.5432" ]]; then
    log "a PostgreSQL server is on the default socket ${SOCKET_DIR}"
elif [[ "$(id -u)" == 0 ]]; then
    throwaway="$(mktemp -d /var/tmp/specter_gdpr-default-socket.XXXXXX)"
    chmod 755 "${throwaway}"
    mkdir -p "${throwaway}/pgdata" "${SOCKET_DIR}"
    chown postgres "${throwaway}/pgdata" "${SOCKET_DIR}"
    log "starting a throwaway PostgreSQL on the default socket ${SOCKET_DIR} (data in ${throwaway})"
    run_as_owner "${bindir}/initdb" -D "${throwaway}/pgdata" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    run_as_owner "${bindir}/pg_ctl" -D "${throwaway}/pgdata" -l "${throwaway}/pgdata/server.log" -w \
        -o "-c listen_addresses='' -p 5432 -k ${SOCKET_DIR} -c fsync=off" start >/dev/null
else
    die "no PostgreSQL on the default socket, and only root may start one there"
fi

if ! pg_answers; then
    [[ "$(id -u)" == 0 ]] || die "the default-socket server does not let ${ME} in"
    log "granting ${ME} a role on the default-socket server for this run"
    as_postgres_psql "CREATE ROLE \"${ME}\" LOGIN SUPERUSER" >/dev/null
    created_role="${ME}"
fi

cd "${REPO_ROOT}"
SPECTER_REQUIRE_DEFAULT_SOCKET=1 "${PYTHON}" -m pytest -p no:cacheprovider -p no:odoo -q \
    integration_tests/test_devenv.py
