# The two commands: `make run` (dashboard on the bundled sample) and `make test` (the whole suite).
# Both create/refresh .venv with the pinned requirements first.
.PHONY: run test bench pair venv

PY := .venv/bin/python
PORT ?= 8501

run:
	@bash scripts/bootstrap.sh run
	HF_HUB_OFFLINE=1 $(PY) -m streamlit run app.py --server.port $(PORT)

test:
	@bash scripts/test.sh $(ARGS)

pair:
	@bash scripts/bootstrap.sh run
	HF_HUB_OFFLINE=1 $(PY) -m matching pair sample_data/coffee_round.csv --history sample_data/coffee_history.csv --out pairs.csv --json pairs_summary.json

bench:
	@bash scripts/bootstrap.sh dev
	HF_HUB_OFFLINE=1 $(PY) benchmarks/run_all.py $(ARGS)
