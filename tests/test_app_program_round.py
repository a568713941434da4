"""AppTest: a program chosen on the History screen drives Tune & pair (rotation, pauses), and the
weak-match protection lever in the sidebar reaches the settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from matching.intake.survey import load_survey
from matching.program import Store, publish
from matching.round import run_round
from matching.scoring import embed_participants
from matching.scoring.embedder import Embedder
from matching.settings import Settings
from tests.program_helpers import record
from ui.data import ROOT, sample_bytes

TIMEOUT = 180
PROGRAM = "Coffee club"


def _by_key(widgets, key):
    return next(w for w in widgets if w.key == key)


def _app(url: str, monkeypatch) -> AppTest:
    monkeypatch.setenv("PAIRWISE_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["emb"] = "tfidf"
    at.query_params["odd"] = "bye"
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def program_db(tmp_path):
    """Round 1 of a program: Yara met Will, Bea had a bye; then Yara is paused and Will opted out.

    Bea is chosen as the person who sits out when the other 118 are paired without rotation, so
    she is paired in round 2 only if the dashboard applies the program's rotation."""
    raw, filename, _ = sample_bytes("coffee")
    p = load_survey(raw, filename=filename).participants
    assert len(p) % 2 == 1   # two people out leaves an odd count: somebody must sit out
    paused, opted = p.iloc[0], p.iloc[1]
    rest = p.iloc[2:].reset_index(drop=True)
    settings = Settings().replace(embedder="tfidf", odd="bye")
    plain = run_round(rest, embed_participants(rest, Embedder("tfidf"), settings=settings), settings)
    out = plain.assignments.loc[plain.assignments["status"] == "unmatched", "id"].astype(str).tolist()
    assert len(out) == 1, out
    bye = rest.set_index(rest["id"].astype(str)).loc[out[0]]

    url = f"sqlite:///{tmp_path / 'program.db'}"
    store = Store(url).ready()
    people = [(str(r["id"]), r["name"], r["email"] or None, status)
              for r, status in ((paused, "paired"), (opted, "paired"), (bye, "bye"))]
    publish(store, PROGRAM, record(people, {"G001": [str(paused["id"]), str(opted["id"])]}))
    ids = store.people(PROGRAM).set_index("name")["person_id"]
    store.set_pause(PROGRAM, int(ids[paused["name"]]), "pause", date.today() + timedelta(days=30))
    store.set_pause(PROGRAM, int(ids[opted["name"]]), "opt_out")
    store.close()
    return url, {"paused": str(paused["id"]), "opted": str(opted["id"]), "bye": out[0],
                 "paused_name": paused["name"], "opted_name": opted["name"]}


def test_program_round_on_tune_and_pair(program_db, monkeypatch):
    url, who = program_db
    at = _app(url, monkeypatch)
    # Without the program, everyone of the survey takes part (the paused people included).
    at.switch_page("app_pages/pairing.py").run()
    assert not at.exception, at.exception
    before = at.session_state["pairing_log"][-1]["partners"]
    assert before[who["paused"]] and before[who["opted"]]

    at.switch_page("app_pages/history.py").run()
    assert not at.exception, at.exception
    _by_key(at.button, "history_use").click().run()
    assert not at.exception, at.exception
    assert at.session_state["program_round"] == PROGRAM

    at.switch_page("app_pages/pairing.py").run()
    assert not at.exception, at.exception
    assert any(f"Round 2 of program '{PROGRAM}'" in i.value for i in at.info), [i.value for i in at.info]
    partners = at.session_state["pairing_log"][-1]["partners"]
    # Paused and opted-out people are not in the round at all; they are listed with their reason.
    assert who["paused"] not in partners and who["opted"] not in partners
    assert len(partners) == len(before) - 2
    reasons = {n: r for d in at.dataframe if "reason" in d.value.columns
               for n, r in zip(d.value["name"], d.value["reason"])}
    assert reasons[who["paused_name"]].startswith("Paused until") and reasons[who["opted_name"]].startswith("Opted out")
    # Rotation: last round's bye is paired; somebody else sits out.
    assert partners[who["bye"]], "the person who had a bye last round sat out again"
    assert sum(1 for v in partners.values() if not v) == 1

    # Export lists the paused people too, and publishing records them as paused and the bye as paired.
    at.switch_page("app_pages/export.py").run()
    assert not at.exception, at.exception
    rows = next(d.value for d in at.dataframe if "status" in d.value.columns).set_index("id")
    assert len(rows) == len(before) and rows.loc[who["opted"], "reason"].startswith("Opted out")
    assert any("Would publish round 2" in m.value for m in at.markdown), [m.value for m in at.markdown]
    _by_key(at.button, "publish_round").click().run()
    assert not at.exception, at.exception
    part = Store(url).participation(PROGRAM)
    status = dict(zip(part.loc[part["round"] == 2, "source_id"].astype(str), part.loc[part["round"] == 2, "status"]))
    assert status[who["paused"]] == status[who["opted"]] == "paused" and status[who["bye"]] == "paired"

    # Stopping the program brings the plain round back.
    at.switch_page("app_pages/history.py").run()
    _by_key(at.button, "history_stop").click().run()
    assert not at.exception, at.exception
    at.switch_page("app_pages/pairing.py").run()
    assert not at.exception, at.exception
    assert who["paused"] in at.session_state["pairing_log"][-1]["partners"]


def test_protect_weak_slider(tmp_path, monkeypatch):
    at = _app(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    assert at.session_state["settings"].protect_weak == Settings().protect_weak
    _by_key(at.slider, "s_protect_weak").set_value(0.9).run()
    assert not at.exception, at.exception
    assert at.session_state["settings"].protect_weak == pytest.approx(0.9)
    assert at.query_params["pw"] == "0.9"   # the share link carries it


def test_history_file_naming_people_by_name(tmp_path, monkeypatch):
    """A history file that names people (not ids) is matched to the survey: last round's pair is not repeated."""
    at = _app(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    at.switch_page("app_pages/pairing.py").run()
    assert not at.exception, at.exception
    partners = at.session_state["pairing_log"][-1]["partners"]
    raw, filename, _ = sample_bytes("coffee")
    p = load_survey(raw, filename=filename).participants
    name = dict(zip(p["id"].astype(str), p["name"]))
    unique = p["name"].value_counts().eq(1)
    a, b = next((x, next(iter(m))) for x, m in partners.items()
                if len(m) == 1 and unique[name[x]] and unique[name[next(iter(m))]])
    at.session_state["history_upload"] = {"bytes": f"round,person_a,person_b\n1,{name[a]},{name[b]}\n".encode(),
                                          "name": "last_round.csv"}
    at.switch_page("app_pages/export.py").run()   # its preview has every person's group
    assert not at.exception, at.exception
    group = next(d.value for d in at.dataframe if "status" in d.value.columns).set_index("id")["group_id"]
    assert group[a] != group[b], f"{name[a]} and {name[b]} met last round and were paired again"
    # A file that names nobody of this survey is refused in plain words, never silently ignored.
    from matching.issues import has_fatal
    from ui.data import cached_history

    _, issues = cached_history("nobody", b"round,person_a,person_b\n1,Nobody Here,Noone Else\n", "history.csv",
                               "coffee", p)
    assert has_fatal(issues), [i.as_text() for i in issues]
