#!/usr/bin/env bash
# `make bench`: the benchmarks on their own database (each rolls back its data).
#   BENCH_N          customers of the erasure benchmark (default 10000)
#   BENCH_MESSAGES   staff notes on other customers in that database (default 500000)
#   BENCH_KEEP_DATA  1: build that benchmark's customers once and reuse them
#   BENCH_CUSTOMERS  customers of the inactive-customer benchmark (default 50000)
#   BENCH_ROWS       orders and invoices of that benchmark (default 500000)
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
