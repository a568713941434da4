"""Program benchmark: publish and reload a 2,000-person round (SQLite, and PostgreSQL when
PAIRWISE_TEST_DATABASE_URL is set); plan 100 people x 6 rounds (time, distinct partners vs
round-by-round and greedy); 6 published rounds with weak-match protection off/on (who ends up
worst off, byes per person). Prints plain tables; medians of the repeats of this run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402
from synthetic import synthetic_participants  # noqa: E402

from matching.program import RoundRecord, Store, prepare_round, publish  # noqa: E402
from matching.program.planning import plan_rounds  # noqa: E402
from matching.scoring import Embedder, combine, compute_signals, embed_participants  # noqa: E402
from matching.settings import Settings  # noqa: E402


def big_record(p: pd.DataFrame) -> RoundRecord:
    """A round of consecutive pairs (the last person a bye when odd), with full profiles."""
    ids = p["id"].astype(str).tolist()
    groups = {f"G{k + 1:04d}": (0.5, [ids[2 * k], ids[2 * k + 1]]) for k in range(len(ids) // 2)}
    group_of = {m: g for g, (_s, ms) in groups.items() for m in ms}
    profile_cols = [c for c in ("role", "career_stage", "timezone", "summary", "skills", "wants") if c in p]
    rows = [{"source_id": i, "name": n, "email": e, "keep_registered": True,
             "profile": json.dumps({c: str(r[c]) for c in profile_cols}),
             "status": "paired" if i in group_of else "bye", "reason": "" if i in group_of else "odd count",
             "score": 0.5 if i in group_of else None, "group": group_of.get(i)}
            for i, n, e, (_k, r) in zip(ids, p["name"], p["email"], p.iterrows())]
    return RoundRecord(pd.DataFrame(rows), groups)


def _pg_url() -> tuple[str, callable] | None:
    base = os.environ.get("PAIRWISE_TEST_DATABASE_URL")
    if not base:
        return None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"pw_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return url.set(database=name).render_as_string(hide_password=False), drop


def bench_store(n: int, repeats: int) -> list[dict]:
    p = synthetic_participants(n, seed=1)
    if "email" not in p:
        p["email"] = [f"person{i}@example.org" for i in range(n)]
    rec = big_record(p)
    rows = []
    backends = [("sqlite", None)]
    pg = _pg_url()
    if pg:
        backends.append(("postgresql", pg))
    for kind, pg_info in backends:
        times = {"publish_first": [], "publish_next": [], "reload": [], "next_round_context": []}
        for _ in range(repeats):
            if kind == "sqlite":
                tmp = tempfile.mkdtemp()
                url, drop = f"sqlite:///{tmp}/bench.db", (lambda: None)
            else:
                url, drop = _pg_url()
            store = Store(url).ready()
            t = time.perf_counter(); publish(store, "Bench", rec); times["publish_first"].append(time.perf_counter() - t)
            t = time.perf_counter(); publish(store, "Bench", rec); times["publish_next"].append(time.perf_counter() - t)
            t = time.perf_counter()
            m, part = store.meetings("Bench"), store.participation("Bench")
            times["reload"].append(time.perf_counter() - t)
            assert len(m) == 2 * (n // 2) and len(part) == 2 * n
            t = time.perf_counter(); ctx = prepare_round(store, "Bench", p); times["next_round_context"].append(time.perf_counter() - t)
            assert len(ctx.history) == 2 * (n // 2)
            store.close()
            drop()
        rows.append({"backend": kind, "people": n, **{k: round(statistics.median(v), 3) for k, v in times.items()}})
    if pg:
        pg[1]()
    return rows


def bench_plan(n: int, k: int) -> pd.DataFrame:
    settings = Settings(embedder="tfidf")
    p = synthetic_participants(n, seed=2)
    vectors = embed_participants(p, Embedder("tfidf"))
    score = combine(compute_signals(p, vectors, settings), settings.weights)
    plan = plan_rounds(p, score, settings, None, k)
    return plan.comparison()


def bench_rounds(n: int, k: int) -> pd.DataFrame:
    """K published program rounds with and without weak-match protection: who ends up worst off."""
    from matching.program import record_from_result, solve_program_round

    p = synthetic_participants(n, seed=3)
    vectors = embed_participants(p, Embedder("tfidf"))
    rows = []
    for protect in (0.0, 0.5, 1.0):
        settings = Settings(embedder="tfidf", protect_weak=protect, odd="bye")
        store = Store(f"sqlite:///{tempfile.mkdtemp()}/rounds.db").ready()
        began = time.perf_counter()
        for _ in range(k):
            ctx = prepare_round(store, "Sim", p)
            pr = solve_program_round(ctx, vectors, settings)
            publish(store, "Sim", record_from_result(pr.result, pr.third, ctx.paused))
        seconds = (time.perf_counter() - began) / k
        part = store.participation("Sim")
        per_person = part.dropna(subset=["score"]).groupby("person_id")["score"].mean()
        # The lever's direct effect: how the people in a round's bottom quarter fare in the next round.
        wide = part.pivot_table(index="person_id", columns="round", values="score")
        after = []
        for r in range(2, k + 1):
            cut = wide[r - 1].quantile(0.25)
            after += wide.loc[wide[r - 1] <= cut, r].dropna().tolist()
        byes = part[part["status"] == "bye"].groupby("person_id").size()
        rows.append({"protect_weak": protect, "rounds": k, "mean_score": round(float(per_person.mean()), 4),
                     "next_score_of_weak": round(float(sum(after) / max(len(after), 1)), 4),
                     "worst_person_mean": round(float(per_person.min()), 4),
                     "p10_person_mean": round(float(per_person.quantile(0.1)), 4),
                     "max_byes_per_person": int(byes.max()) if len(byes) else 0,
                     "seconds_per_round": round(seconds, 3)})
        store.close()
    return pd.DataFrame(rows)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--plan-people", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=6)
    args = ap.parse_args(argv)
    print(f"Publish and reload a {args.people}-person round (seconds, median of {args.repeats}):")
    print(pd.DataFrame(bench_store(args.people, args.repeats)).to_string(index=False))
    print(f"\nPlanning {args.plan_people} people x {args.rounds} rounds (TF-IDF scores):")
    print(bench_plan(args.plan_people, args.rounds).to_string(index=False))
    print(f"\n{args.rounds} published rounds of {args.plan_people + 1} people (odd: a bye each round), by protect_weak:")
    print(bench_rounds(args.plan_people + 1, args.rounds).to_string(index=False))


if __name__ == "__main__":
    main()
