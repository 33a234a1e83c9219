#!/usr/bin/env bash
# `make test`: a fresh database, specter_gdpr installed with demo data, every
# test through pytest-odoo with an HTTP server on 127.0.0.1, then dropped.
source "$(dirname "$0")/devenv.sh"

prepare
if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
    [[ "${CI:-}" == true ]] && die "no Chromium for the browser tours (apt-get install chromium)"
    log "WARNING: no Chromium found: browser tours will be skipped"
fi
if ! command -v wkhtmltopdf >/dev/null; then
    [[ "${CI:-}" == true ]] && die "no wkhtmltopdf for the PDF report tests (apt-get install wkhtmltopdf)"
    log "WARNING: no wkhtmltopdf found: the PDF report tests will be skipped"
fi

DB="specter_gdpr_test_$(date +%Y%m%d%H%M%S)_$$"
CONF="$(mktemp --suffix=.conf)"
# Tests drive the erasure cron themselves; no cron thread may race them.
export SPECTER_CRON_THREADS=0
write_odoo_conf "${CONF}" "${DB}" "$(free_port)"
cleanup() {
    dropdb --if-exists "${DB}" >/dev/null 2>&1 || true
    rm -rf "${RUN_DIR}/filestore/filestore/${DB}" "${CONF}"
}
trap cleanup EXIT

# specter_gdpr_test_fake_app: test-only models of "an app nobody knows" (the safety net's tests)
log "installing specter_gdpr into ${DB}"
"${PYTHON}" -m odoo -c "${CONF}" -d "${DB}" -i specter_gdpr,specter_gdpr_test_fake_app --stop-after-init \
    --log-level="${SPECTER_INSTALL_LOG_LEVEL:-warn}"

cd "${REPO_ROOT}"
# every test, unless the arguments name test files or directories themselves
paths=(specter_gdpr/tests integration_tests)
for arg in "$@"; do
    [[ -e "${arg%%::*}" ]] && paths=()
done
export SPECTER_ODOO_CONF="${CONF}"
"${PYTHON}" -m pytest -p no:cacheprovider -p no:warnings --odoo-config="${CONF}" --odoo-database="${DB}" \
    --odoo-http --odoo-log-level="${SPECTER_TEST_LOG_LEVEL:-warn}" "$@" "${paths[@]}"
