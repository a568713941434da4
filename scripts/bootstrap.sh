#!/usr/bin/env bash
# Create or refresh the project's virtual environment (.venv) with the pinned requirements.
# torch is installed first, pinned, so pip never pulls a multi-GB CUDA build.
# Re-running is cheap: nothing is reinstalled unless a requirements file changed.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
want="${1:-dev}"   # "run" installs the app's requirements; "dev" adds the test tools

reqs=(requirements.txt)
[ "$want" = "dev" ] && reqs+=(requirements-dev.txt)
stamp="$VENV/.pairwise-$want-$(cat "${reqs[@]}" | sha256sum | cut -c1-16)"

if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating virtual environment in $VENV ..."
  "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$stamp" ]; then
  echo "Installing pinned requirements into $VENV (first time: a few minutes, ~2 GB) ..."
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q "$(grep -E '^torch==' requirements.txt)"
  "$VENV/bin/python" -m pip install -q -r "${reqs[-1]}"
  touch "$stamp"
fi
