"""Run every benchmark and print their tables (used by `make bench`; expect an hour on 2 cores).

`make bench ARGS=--quick` runs the small cases of each. The browser benchmarks (bench_ui.py for the
slider step, bench_ui_memory.py for the server's memory) need a free port and Debian's chromium and
are run on their own.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK = "--quick" in sys.argv[1:]

RUNS = [
    ("bench_solver.py", ["--quick"] if QUICK else []),
    ("bench_pipeline.py", ["--embedder", "tfidf", "--sizes", "120"] if QUICK else []),
    ("bench_intake.py", ["--repeats", "1"] if QUICK else []),
    ("bench_program.py", ["--people", "300", "--repeats", "1"] if QUICK else []),
    ("bench_learn.py", ["--rows", "2000", "--n", "300", "--quality-seeds", "1"] if QUICK else []),
    ("bench_groups.py", ["--sizes", "100", "--time-limit", "10"] if QUICK else []),
    ("bench_mentoring.py", ["--mentors", "50", "--mentees", "200"] if QUICK else []),
    ("bench_suggest.py", []),
    ("bench_scale.py", ["--quick"] if QUICK else []),
]

for script, args in RUNS:
    print(f"\n== {script} {' '.join(args)} ==", flush=True)
    subprocess.run([sys.executable, str(HERE / script), *args], check=True)
