#!/usr/bin/env bash
# `make run`: the demo database with specter_gdpr, served on 127.0.0.1:8069.
source "$(dirname "$0")/devenv.sh"

DB="${SPECTER_DB:-specter_gdpr_demo}"
PORT="${SPECTER_HTTP_PORT:-8069}"
CONF="${RUN_DIR}/odoo-run.conf"

prepare
ensure_wkhtmltopdf
# the Swedish demo company gets Peppol e-invoicing (account_peppol), which needs
# phonenumbers: installed for the demo server alone, not into the shared Python
if ! "${PYTHON}" -c "import phonenumbers" 2>/dev/null; then
    [[ -d "${RUN_DIR}/demo-deps/phonenumbers" ]] ||
        "${PYTHON}" -m pip install --quiet --target "${RUN_DIR}/demo-deps" phonenumbers
    export PYTHONPATH="${RUN_DIR}/demo-deps${PYTHONPATH:+:${PYTHONPATH}}"
fi
write_odoo_conf "${CONF}" "${DB}" "${PORT}"

installed="$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB}'" || true)"
if [[ "${installed}" == 1 ]]; then
    installed="$(psql -d "${DB}" -tAc "SELECT 1 FROM ir_module_module WHERE name = 'specter_gdpr' AND state = 'installed'" 2>/dev/null || true)"
fi
if [[ "${installed}" != 1 ]]; then
    log "creating ${DB}: a Swedish company, Swedish and English, specter_gdpr and its demo data (a few minutes)"
    "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}" -i base --load-language=sv_SE --stop-after-init --log-level=warn
    SPECTER_DEMO_STEP=company "${PYTHON}" -m odoo shell -c "${CONF}" -d "${DB}" --log-level=warn \
        < "${REPO_ROOT}/tools/demo_sv.py" >/dev/null
    "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}" -i l10n_se --stop-after-init --log-level=warn
    SPECTER_DEMO_STEP=chart "${PYTHON}" -m odoo shell -c "${CONF}" -d "${DB}" --log-level=warn \
        < "${REPO_ROOT}/tools/demo_sv.py" >/dev/null
    "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}" -i specter_gdpr --stop-after-init --log-level=warn
    SPECTER_DEMO_STEP=users "${PYTHON}" -m odoo shell -c "${CONF}" -d "${DB}" --log-level=warn \
        < "${REPO_ROOT}/tools/demo_sv.py" >/dev/null
fi

cat >&2 <<MSG

  Odoo with specter_gdpr: http://127.0.0.1:${PORT}/web/login   (database ${DB})
  Logins (user / password, language):
    admin   / admin     English   administrator and GDPR officer
    officer / officer   Swedish   GDPR officer (Dana Dataskydd)
    demo    / demo      Swedish   internal user, no GDPR rights
    karin.berg@example.se / portal   Swedish   portal customer
  Company: Specter Demo AB (Sweden, SEK, Swedish chart of accounts).
  Public request form: http://127.0.0.1:${PORT}/gdpr/request

MSG
exec "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}"
