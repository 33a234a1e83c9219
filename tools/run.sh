#!/usr/bin/env bash
# `make run`: the demo database with specter_gdpr, served on 127.0.0.1:8069.
source "$(dirname "$0")/devenv.sh"

DB="${SPECTER_DB:-specter_gdpr_demo}"
PORT="${SPECTER_HTTP_PORT:-8069}"
CONF="${RUN_DIR}/odoo-run.conf"

prepare
ensure_wkhtmltopdf
write_odoo_conf "${CONF}" "${DB}" "${PORT}"

installed="$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB}'" || true)"
if [[ "${installed}" == 1 ]]; then
    installed="$(psql -d "${DB}" -tAc "SELECT 1 FROM ir_module_module WHERE name = 'specter_gdpr' AND state = 'installed'" 2>/dev/null || true)"
fi
if [[ "${installed}" != 1 ]]; then
    log "creating ${DB} with specter_gdpr and its demo data (a few minutes)"
    "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}" -i specter_gdpr --stop-after-init --log-level=warn
fi

cat >&2 <<MSG

  Odoo with specter_gdpr: http://127.0.0.1:${PORT}/web/login   (database ${DB})
  Logins (user / password):
    admin   / admin     administrator and GDPR officer
    officer / officer   GDPR officer (Dana Dataskydd)
    demo    / demo      internal user, no GDPR rights
    karin.berg@example.se / portal   portal customer

MSG
exec "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}"
