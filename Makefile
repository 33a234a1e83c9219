# specter_gdpr developer commands. See README.md.
.PHONY: run test test-apps lint bench

run:    ## serve the demo database on http://127.0.0.1:8069
	bash tools/run.sh

test:   ## fresh database, install, all tests (pytest-odoo, HTTP, browser tours)
	bash tools/test.sh

test-apps:  ## the same with stock, purchase, events, project, HR, mailing, website shop, POS, queue_job and their bridges
	SPECTER_APPS=all bash tools/test.sh

lint:   ## ruff and pylint-odoo
	bash tools/lint.sh

bench:  ## benchmarks with their raw-SQL floors (BENCH_N to size them)
	bash tools/bench.sh
