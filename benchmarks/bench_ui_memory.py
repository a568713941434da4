"""Dashboard memory in a real browser: the server's RSS with a 2,000-person survey after 30 slider moves.

Starts `streamlit run app.py` on 127.0.0.1 (as benchmarks/bench_ui.py does), drives Debian's chromium
with Playwright, uploads a synthetic survey (benchmarks/synthetic.py) on the Upload & map page, opens
Tune & pair and moves the six weight sliders five steps each (30 new settings, none a cache hit),
waiting each time for the page's done marker (``#pairwise-done``). Prints the server process's
resident memory (VmRSS) and peak (VmHWM) from /proc after the first pairing and after the moves.
Target (issue 12): under 1 GB after 30 moves at N = 2,000.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ui import dashboard, done_run, upload_synthetic, wait_done  # noqa: E402

SLIDERS = 6  # the weight sliders come first in the sidebar


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident, peak resident) memory of a process in MB, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def move_sliders(page, moves: int) -> list[float]:
    """``moves`` slider steps spread over the weight sliders; seconds until each new pairing is drawn."""
    sliders = page.get_by_test_id("stSidebar").get_by_role("slider")
    times = []
    for i in range(moves):
        slider = sliders.nth(i % SLIDERS)
        run = done_run(page)
        slider.focus()
        t0 = time.perf_counter()
        slider.press("ArrowRight")  # default weights are at most 0.3: five steps up are five new settings
        wait_done(page, run)
        times.append(time.perf_counter() - t0)
        page.wait_for_timeout(200)
    return times


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000, help="people in the synthetic survey")
    ap.add_argument("--moves", type=int, default=30)
    ap.add_argument("--embedder", choices=["tfidf", "minilm"], default="tfidf",
                    help="text model (tfidf keeps the run short; minilm adds the model's ~0.3 GB)")
    args = ap.parse_args(argv)
    rows = []
    with dashboard(f"/?emb={args.embedder}") as (proc, page, tmp, _):
        rows.append(("sample (121) paired", *memory_mb(proc.pid)))
        upload_synthetic(page, args.n, tmp)
        rows.append((f"synthetic ({args.n}) uploaded and paired", *memory_mb(proc.pid)))
        times = move_sliders(page, args.moves)
        rows.append((f"after {args.moves} slider moves", *memory_mb(proc.pid)))
    w = max(len(r[0]) for r in rows)
    print(f"server memory, {args.embedder} ({'RSS':>7}, {'peak':>7})")
    print(f"{'state':<{w}}  {'RSS':>8}  {'peak':>8}")
    for name, rss, peak in rows:
        print(f"{name:<{w}}  {rss:>6.0f}MB  {peak:>6.0f}MB")
    times.sort()
    print(f"slider step to new pairing at N={args.n}: median {times[len(times) // 2]:.2f}s, max {times[-1]:.2f}s")


if __name__ == "__main__":
    main()
