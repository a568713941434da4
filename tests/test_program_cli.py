"""Six rounds of the sample survey through the CLI with --db --publish; history and plan commands."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text

from matching.cli import main
from matching.program import Store

ROOT = Path(__file__).resolve().parents[1]
SURVEY = str(ROOT / "sample_data" / "coffee_round.csv")
ROUNDS = 6


@pytest.fixture(scope="module")
def six_rounds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("program")
    url = f"sqlite:///{tmp / 'coffee.db'}"
    settings = tmp / "settings.json"
    settings.write_text(json.dumps({"odd": "bye", "embedder": "tfidf", "n_backups": 0}))
    outs = []
    for r in range(1, ROUNDS + 1):
        out = tmp / f"round{r}.csv"
        code = main(["pair", SURVEY, "--db", url, "--program", "Coffee", "--publish", "--embedder", "tfidf",
                     "--settings", str(settings), "--out", str(out)])
        assert code == 0
        outs.append(pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
    return url, outs, tmp


def test_everyone_accounted_for_every_round(six_rounds):
    _url, outs, _tmp = six_rounds
    ids = set(outs[0]["id"])
    assert len(ids) > 100
    for out in outs:
        assert out["id"].is_unique and set(out["id"]) == ids
        unmatched = out[out["status"] == "unmatched"]
        assert (unmatched["reason"].str.len() > 20).all()          # a true reason for each


def test_no_repeat_inside_the_window(six_rounds):
    _url, outs, _tmp = six_rounds
    window = 3   # Settings().repeat_rounds
    met: list[set] = []
    for out in outs:
        pairs = {frozenset((a, b)) for a, partners in zip(out["id"], out["partner_ids"])
                 for b in partners.split("; ") if b}
        for earlier in met[-window:]:
            assert not pairs & earlier
        met.append(pairs)
    assert all(met)


def test_byes_rotate(six_rounds):
    url, _outs, _tmp = six_rounds
    part = Store(url).participation("Coffee")
    assert part["round"].nunique() == ROUNDS
    byes = part.loc[part["status"] == "bye", "person_id"].tolist()
    assert len(byes) >= 2                       # 121 people: an odd count, a bye whenever nobody is unmatched
    assert len(set(byes)) == len(byes)          # nobody sits out twice before everyone else had a turn


def test_history_command_writes_every_meeting(six_rounds, capsys):
    url, outs, tmp = six_rounds
    out = tmp / "history.csv"
    assert main(["history", "--db", url, "--program", "Coffee", "--out", str(out)]) == 0
    hist = pd.read_csv(out, encoding="utf-8-sig")
    assert list(hist.columns[:3]) == ["round", "person_a", "person_b"]
    assert {"person_id_a", "person_id_b", "email_a"} <= set(hist.columns)
    for r, round_out in enumerate(outs, start=1):
        n_pairs = sum(1 for p in round_out["partner_ids"] if p) // 2
        assert (hist["round"] == r).sum() == n_pairs
    names = set(outs[0]["name"])
    assert set(hist["person_a"]) <= names


def test_plan_command(six_rounds):
    url, _outs, tmp = six_rounds
    out = tmp / "plan.csv"
    assert main(["plan", SURVEY, "--db", url, "--program", "Coffee", "--rounds", "2", "--embedder", "tfidf",
                 "--out", str(out)]) == 0
    plan = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert sorted(plan["round"].unique()) == ["7", "8"]
    assert (plan.groupby("round")["id"].nunique() == plan.groupby("round").size()).all()


def test_newer_database_refused_with_plain_message(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'future.db'}"
    Store(url).ready()
    store = Store(url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zz_future'"))
    code = main(["history", "--db", url, "--program", "Coffee", "--out", str(tmp_path / "h.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "newer version of Pairwise" in err and "Traceback" not in err


def test_program_flags_are_checked(tmp_path, capsys):
    code = main(["pair", SURVEY, "--db", f"sqlite:///{tmp_path / 'x.db'}", "--embedder", "tfidf",
                 "--out", str(tmp_path / "o.csv")])
    assert code == 2 and "--program" in capsys.readouterr().err


def test_unreachable_database_is_a_plain_error(tmp_path, capsys):
    code = main(["history", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/nothing", "--program", "Coffee",
                 "--out", str(tmp_path / "h.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "Could not open the database" in err and "Traceback" not in err


def test_opted_out_person_is_listed_not_matched(six_rounds, tmp_path):
    url, outs, _tmp = six_rounds
    store = Store(url)
    people = store.people("Coffee")
    who = people.iloc[3]
    store.set_pause("Coffee", int(who["person_id"]), "opt_out")
    try:
        out = tmp_path / "next.csv"
        assert main(["pair", SURVEY, "--db", url, "--program", "Coffee", "--embedder", "tfidf",
                     "--out", str(out)]) == 0
        df = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert df["id"].is_unique and set(df["id"]) == set(outs[0]["id"])
        row = df[df["name"] == who["name"]].iloc[0]
        assert row["status"] == "unmatched" and "Opted out" in row["reason"] and row["partner_ids"] == ""
        assert store.last_round("Coffee") == ROUNDS          # not published without --publish
    finally:
        store.set_pause("Coffee", int(who["person_id"]), None)
