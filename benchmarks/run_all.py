"""Run every benchmark and print their tables (used by `make bench`)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script, args in [("bench_solver.py", sys.argv[1:]), ("bench_pipeline.py", [])]:
    print(f"\n== {script} ==", flush=True)
    subprocess.run([sys.executable, str(HERE / script), *args], check=True)
