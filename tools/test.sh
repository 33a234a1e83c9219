#!/usr/bin/env bash
# `make test`: a fresh database, specter_gdpr installed with demo data, every
# test through pytest-odoo with an HTTP server on 127.0.0.1, then dropped.
# SPECTER_APPS=all (`make test-apps`): the same database then gets the apps a
# company runs (stock, purchase, events, project, HR, email marketing, website
# shop, point of sale) and OCA's queue_job without demo data, the bridges
# install themselves (specter_gdpr_queue_job too: the job-queue path), and
# the core tests run again together with the bridges' tests.
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

DB="${SPECTER_TEST_DB:-specter_gdpr_test_$(date +%Y%m%d%H%M%S)_$$}"
CONF="$(mktemp --suffix=.conf)"
# Tests drive the erasure cron themselves; no cron thread may race them.
export SPECTER_CRON_THREADS=0
write_odoo_conf "${CONF}" "${DB}" "$(free_port)"
cleanup() {
    dropdb --if-exists "${DB}" >/dev/null 2>&1 || true
    rm -rf "${RUN_DIR}/filestore/filestore/${DB}" "${CONF}"
}
trap cleanup EXIT

APPS="sale_stock,purchase,event_sale,project,hr,mass_mailing,point_of_sale,website_sale,queue_job"
install_apps() {
    # The core's tests need its demo data, which is in; the apps come without
    # theirs, as a company's database has them: a module gets demo data when
    # its installed dependencies have it, so the flag is cleared first.
    log "SPECTER_APPS=all: installing ${APPS} (no demo data) and the bridges into ${DB}"
    psql -d "${DB}" -qc "UPDATE ir_module_module SET demo = false" >/dev/null
    "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}" -i "${APPS},specter_gdpr_test_apps" --stop-after-init \
        --log-level="${SPECTER_INSTALL_LOG_LEVEL:-warn}"
    log "bridges installed: $(psql -d "${DB}" -Atc "SELECT string_agg(name, ', ' ORDER BY name) FROM ir_module_module
        WHERE state = 'installed' AND name LIKE 'specter_gdpr_%'")"
}

# specter_gdpr_test_fake_app: test-only models of "an app nobody knows" (the safety net's tests)
log "installing specter_gdpr into ${DB}"
"${PYTHON}" -m odoo -c "${CONF}" -d "${DB}" -i specter_gdpr,specter_gdpr_test_fake_app --stop-after-init \
    --log-level="${SPECTER_INSTALL_LOG_LEVEL:-warn}"

cd "${REPO_ROOT}"
# every test, unless the arguments name test files or directories themselves
paths=(specter_gdpr/tests integration_tests)
if [[ "${SPECTER_APPS:-}" == all ]]; then
    install_apps
    # the setup and lifecycle tests do not depend on the apps: the core-only run has them
    # (the inactive-customer benchmark inserts orders in raw SQL, without sale_stock's columns)
    paths=(specter_gdpr/tests specter_gdpr_*/tests integration_tests/test_bench.py::test_erasure_benchmark_small)
fi
for arg in "$@"; do
    [[ -e "${arg%%::*}" ]] && paths=()
done
export SPECTER_ODOO_CONF="${CONF}"
"${PYTHON}" -m pytest -p no:cacheprovider -p no:warnings --odoo-config="${CONF}" --odoo-database="${DB}" \
    --odoo-http --odoo-log-level="${SPECTER_TEST_LOG_LEVEL:-warn}" "$@" "${paths[@]}"
