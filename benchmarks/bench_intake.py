"""Intake benchmark: load_survey time on the bundled sample, on the form corpus, on larger files
(rows replicated) and on files with many extra columns; and the hostile files of issue 11.

Prints a plain table; medians of repeats measured in this one run.

    .venv/bin/python benchmarks/bench_intake.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from matching.intake import load_survey  # noqa: E402


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cases() -> list[tuple[str, object]]:
    sample = ROOT / "sample_data" / "coffee_round.csv"
    base = pd.read_csv(sample, dtype=str, keep_default_na=False)
    out: list[tuple[str, object]] = [("sample coffee_round.csv (121 rows)", sample)]
    forms = sorted((ROOT / "tests" / "data" / "forms").glob("*.csv"))
    out += [(f"corpus {f.name}", f) for f in forms[:4]]
    for n in (1000, 5000):
        big = pd.concat([base] * (n // len(base) + 1), ignore_index=True).iloc[:n].copy()
        big["Your email address"] = [f"person{i}@example.org" for i in range(n)]
        big["Respondent ID"] = [f"r{i}" for i in range(n)]
        out.append((f"sample rows x{n // len(base)} ({n} rows)", big.to_csv(index=False).encode()))
    wide = base.copy()
    for j in range(500):
        wide[f"Extra question {j}"] = [f"answer {(i * j) % 5}" for i in range(len(wide))]
    out.append(("sample + 500 extra columns", wide))
    out.append(("16,384-comma header + 1M blank lines",
                b"Name,Email" + b"," * 16384 + b"\nAna,a@x.org\nBo,b@x.org\n" + b"\n" * 1_000_000))
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    load_survey(ROOT / "sample_data" / "coffee_round.csv")  # warm: imports, gazetteer, TF-IDF phrase index
    print(f"{'case':48} {'people':>7} {'median s':>9} {'peak RSS MB':>12}")
    for name, source in cases():
        survey = load_survey(source)
        t = median_time(lambda s=source: load_survey(s), args.repeats)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name[:48]:48} {len(survey.participants):>7} {t:>9.3f} {rss:>12.0f}")


if __name__ == "__main__":
    main()
