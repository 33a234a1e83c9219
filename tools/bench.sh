#!/usr/bin/env bash
# `make bench`: the benchmarks on the demo database (rolled back), BENCH_N sized.
source "$(dirname "$0")/devenv.sh"
DB="${SPECTER_BENCH_DB:-specter_gdpr_bench}"
CONF="${RUN_DIR}/odoo-bench.conf"
prepare
write_odoo_conf "${CONF}" "${DB}" "$(free_port)"
if [[ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB}'")" != 1 ]]; then
    log "creating ${DB} with specter_gdpr"
    "${PYTHON}" -m odoo -c "${CONF}" -d "${DB}" -i specter_gdpr --stop-after-init --log-level=warn
fi
"${PYTHON}" "${REPO_ROOT}/bench/bench_erasure.py" -c "${CONF}" -d "${DB}" --n "${BENCH_N:-1000}"
