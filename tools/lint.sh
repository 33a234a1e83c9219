#!/usr/bin/env bash
# `make lint`: ruff and pylint-odoo on the addon, tools and benchmarks.
source "$(dirname "$0")/devenv.sh"
ensure_python_deps
cd "${REPO_ROOT}"
"${PYTHON}" -m ruff check specter_gdpr specter_gdpr_* bench integration_tests
"${PYTHON}" -m pylint --rcfile=.pylintrc specter_gdpr specter_gdpr_*
