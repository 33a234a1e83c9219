#!/usr/bin/env bash
# `make bench`: the benchmarks on their own database (each rolls back its data).
#   BENCH_N          customers of the erasure benchmark (default 10000)
#   BENCH_MESSAGES   staff notes on other customers in that database (default 500000)
#   BENCH_KEEP_DATA  1: build that benchmark's customers once and reuse them
#   BENCH_CUSTOMERS  customers of the inactive-customer benchmark (default 50000)
#   BENCH_ROWS       orders and invoices of that benchmark (default 500000)
# The rights benchmark compares two databases without demo data, one with the
# addon and one with only its dependencies (created once, then reused).
source "$(dirname "$0")/devenv.sh"
DB="${SPECTER_BENCH_DB:-specter_gdpr_bench}"
CONF="${RUN_DIR}/odoo-bench.conf"
prepare
write_odoo_conf "${CONF}" "${DB}" "$(free_port)"
if [[ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB}'")" != 1 ]]; then
    log "creating ${DB} with specter_gdpr"
    "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}" -i specter_gdpr --stop-after-init --log-level=warn
fi
"${PYTHON}" "${REPO_ROOT}/bench/bench_erasure.py" -c "${CONF}" -d "${DB}" --n "${BENCH_N:-10000}" \
    --messages "${BENCH_MESSAGES:-500000}" \
    ${BENCH_KEEP_DATA:+--keep-data}
"${PYTHON}" "${REPO_ROOT}/bench/bench_inactive.py" -c "${CONF}" -d "${DB}" \
    --customers "${BENCH_CUSTOMERS:-50000}" --rows "${BENCH_ROWS:-500000}"
"${PYTHON}" "${REPO_ROOT}/bench/bench_retention.py" -c "${CONF}" -d "${DB}" \
    --partners "${BENCH_PARTNERS:-100000}" --rows "${BENCH_RETENTION_ROWS:-1000000}"
"${PYTHON}" "${REPO_ROOT}/bench/bench_data_export.py" -c "${CONF}" -d "${DB}"
"${PYTHON}" "${REPO_ROOT}/bench/bench_restriction.py" -c "${CONF}" -d "${DB}" \
    --customers "${BENCH_CUSTOMERS:-50000}"
deps="$("${PYTHON}" -c "import ast; print(','.join(ast.literal_eval(open('${REPO_ROOT}/specter_gdpr/__manifest__.py').read())['depends']))")"
for variant in with without; do
    if [[ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB}_rights_${variant}'")" != 1 ]]; then
        modules="${deps}"
        [[ "${variant}" == with ]] && modules=specter_gdpr
        log "creating ${DB}_rights_${variant} with ${modules}"
        "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}_rights_${variant}" -i "${modules}" --without-demo=all \
            --stop-after-init --log-level=warn
    fi
done
"${PYTHON}" "${REPO_ROOT}/bench/bench_rights.py" -c "${CONF}" --with-addon "${DB}_rights_with" \
    --without-addon "${DB}_rights_without" --customers "${BENCH_CUSTOMERS:-50000}"
