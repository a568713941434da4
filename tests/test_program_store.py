"""The history store on SQLite and (when configured) PostgreSQL: round trips, identity, faults."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import threading
import time
import zipfile
import importlib
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text

from matching.issues import InputError
from matching.program import Store, preview, publish
from matching.program.backup import export_program
from matching.program.imports import import_rounds
from tests.program_helpers import db_url, five_people, record, store  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
# The module, not the function of the same name that the package re-exports.
publish_module = importlib.import_module("matching.program.publish")


def _counts(s: Store) -> dict[str, int]:
    with s.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
                for t in ("programs", "people", "rounds", "round_participants", "groups", "group_members")}


def test_publish_round_trip(store):
    report = publish(store, "Coffee", five_people())
    assert report.written and report.round == 1
    assert report.status_counts["paired"] == 4 and report.status_counts["bye"] == 1
    assert len(report.new_people) == 5
    rounds = store.rounds("Coffee")
    assert rounds[["round", "participants", "groups"]].values.tolist() == [[1, 5, 2]]
    meets = store.meetings("Coffee")
    assert sorted(zip(meets["name_a"], meets["name_b"])) == [("Ada Lovelace", "Bob Stone"), ("Chidi Okafor", "Dana Kim")]
    part = store.participation("Coffee")
    assert dict(zip(part["name"], part["status"]))["Eve Martin"] == "bye"
    people = store.people("Coffee")
    assert people.loc[people["name"] == "Dana Kim", "email"].isna().all()   # no email invented
    assert people.loc[people["name"] == "Ada Lovelace", "email"].tolist() == ["ada@example.org"]


def test_second_round_recognises_people_and_reports_uncertain_merges(store):
    publish(store, "Coffee", five_people("r1"))
    # New survey ids; Ada by email (case differs), Dana by name only, a second 'Bob Stone' with another email.
    people = [("r2-a", "Ada L.", "ADA@example.org", "paired"), ("r2-d", "dana  kim", None, "paired"),
              ("r2-b", "Bob Stone", "bob.other@example.org", "paired"), ("r2-e", "Eve Martin", "eve@example.org", "paired")]
    rec = record(people, {"G001": ["r2-a", "r2-d"], "G002": ["r2-b", "r2-e"]})
    ahead = preview(store, "Coffee", rec)
    assert not ahead.written and ahead.round == 2 and ahead.new_people == ["Bob Stone"]
    assert _counts(store)["rounds"] == 1                      # a preview writes nothing
    report = publish(store, "Coffee", rec)
    assert report.round == 2 and report.returning_people == 3 and report.new_people == ["Bob Stone"]
    notes = " ".join(u.note for u in report.uncertain)
    assert "by name only" in notes and "different email" in notes
    part = store.participation("Coffee")
    ada = part.loc[part["source_id"].isin(["r1-a", "r2-a"]), "person_id"]
    assert ada.nunique() == 1


def test_failure_mid_publish_leaves_database_as_before(store, monkeypatch):
    publish(store, "Coffee", five_people("r1"))
    before = _counts(store)

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(publish_module, "_write_groups", boom)
    with pytest.raises(RuntimeError):
        publish(store, "Coffee", five_people("r2"))
    with pytest.raises(RuntimeError):
        publish(store, "Brand new program", five_people("r9"))
    assert _counts(store) == before
    assert store.programs()["name"].tolist() == ["Coffee"]


_KILL_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from tests.program_helpers import five_people
from matching.program import Store, publish
import importlib
module = importlib.import_module('matching.program.publish')
real = module._write_groups
def slow(*args, **kwargs):
    real(*args, **kwargs)
    open({marker!r}, "w").write("inside")
    time.sleep(120)
module._write_groups = slow
publish(Store({url!r}), "Coffee", five_people("r2"))
"""


def test_killed_process_mid_publish_leaves_nothing(store, db_url, tmp_path):
    publish(store, "Coffee", five_people("r1"))
    before = _counts(store)
    marker = tmp_path / "inside"
    code = _KILL_SCRIPT.format(root=str(ROOT), marker=str(marker), url=db_url)
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    try:
        deadline = time.time() + 120
        while not marker.exists():
            assert proc.poll() is None, "the publishing process ended before the kill"
            assert time.time() < deadline, "the publishing process never reached the groups"
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    store.engine.dispose()
    time.sleep(0.5)  # PostgreSQL notices the dropped connection and rolls its transaction back
    assert _counts(store) == before
    assert publish(store, "Coffee", five_people("r3")).round == 2


def test_concurrent_publishes_get_distinct_round_numbers(store, db_url):
    publish(store, "Coffee", five_people("r1"))
    stores = [Store(db_url).ready() for _ in range(3)]
    barrier = threading.Barrier(len(stores))
    numbers, errors = [], []
    real = publish_module._write

    def slow_write(*args, **kwargs):
        out = real(*args, **kwargs)
        time.sleep(0.3)  # hold the transaction open so the others arrive while it is in flight
        return out

    def worker(s, k):
        try:
            barrier.wait()
            numbers.append(publish(s, "Coffee", five_people(f"c{k}")).round)
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    publish_module._write = slow_write
    try:
        threads = [threading.Thread(target=worker, args=(s, k)) for k, s in enumerate(stores)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(120)
    finally:
        publish_module._write = real
        for s in stores:
            s.close()
    assert not errors
    assert sorted(numbers) == [2, 3, 4]
    assert store.rounds("Coffee")["round"].tolist() == [1, 2, 3, 4]


def test_database_from_newer_schema_is_refused(store, db_url):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(InputError, match="newer version of Pairwise") as err:
        Store(db_url).ready()
    assert "Upgrade Pairwise" in str(err.value)


def test_old_database_is_upgraded(db_url):
    s = Store(db_url)
    assert s.schema_version() is None
    s.ready()
    assert s.schema_version() == "0001"
    s.close()


def test_pauses_and_feedback(store):
    publish(store, "Coffee", five_people())
    people = store.people("Coffee").set_index("name")["person_id"]
    until = date.today() + timedelta(days=14)
    store.set_pause("Coffee", int(people["Ada Lovelace"]), "pause", until)
    store.set_pause("Coffee", int(people["Bob Stone"]), "opt_out")
    store.set_pause("Coffee", int(people["Bob Stone"]), "opt_out")   # idempotent
    got = store.people("Coffee").set_index("name")
    assert got.at["Ada Lovelace", "kind"] == "pause" and pd.Timestamp(got.at["Ada Lovelace", "until"]).date() == until
    assert got.at["Bob Stone", "kind"] == "opt_out"
    store.set_pause("Coffee", int(people["Bob Stone"]), None)
    assert pd.isna(store.people("Coffee").set_index("name").at["Bob Stone", "kind"])
    with pytest.raises(InputError, match="needs the date"):
        store.set_pause("Coffee", int(people["Ada Lovelace"]), "pause", None)

    rows = pd.DataFrame({"round": [1, 1], "rater": [people["Ada Lovelace"], people["Bob Stone"]],
                         "partner": [people["Bob Stone"], people["Ada Lovelace"]], "rating": [5.0, float("nan")],
                         "met": [True, None], "comment": ["great", ""]})
    assert store.add_feedback("Coffee", rows) == 2
    fb = store.feedback("Coffee")
    assert list(fb.columns) == ["round", "rater", "partner", "rating", "met", "comment"]
    assert fb["rating"].tolist()[0] == 5.0 and all(isinstance(v, str) for v in fb["rater"])
    bad = rows.assign(rating=[7.0, 1.0])
    with pytest.raises(InputError, match="between 1 and 5"):
        store.add_feedback("Coffee", bad)
    assert len(store.feedback("Coffee")) == 2


def test_import_past_rounds_by_name_email_and_id(store):
    publish(store, "Coffee", five_people())
    csv = ("round,person_a,person_b,person_c,date\n"
           "1,ada@example.org,Chidi Okafor,,2024-01-08\n"
           "1,r1-b,Dana Kim,Eve Martin,2024-01-08\n"
           "2,Ada Lovelace,Zed Newcomer,,2024-02-05\n")
    report = import_rounds(store, "Coffee", csv.encode(), "past.csv")
    assert report.rounds == {1: 2, 2: 3}
    assert report.matched == {"email": 1, "name": 4, "id": 1}
    assert report.created == ["Zed Newcomer"]
    meets = store.meetings("Coffee")
    r2 = meets[meets["round"] == 2]
    assert len(r2) == 4        # a pair + a triad (three pairs)
    assert set(r2["group"]) == {"G001", "G002"}
    triad = store.participation("Coffee").query("round == 2 and status == 'grouped'")
    assert sorted(triad["name"]) == ["Bob Stone", "Dana Kim", "Eve Martin"]


def test_import_matching_nobody_is_refused(store):
    publish(store, "Coffee", five_people())
    csv = b"round,person_a,person_b\n1,Nobody Here,Someone Else\n"
    with pytest.raises(InputError, match="Not one meeting"):
        import_rounds(store, "Coffee", csv, "past.csv", create_people=False)
    assert len(store.rounds("Coffee")) == 1


def test_backup_zip_holds_every_table(store):
    publish(store, "Coffee", five_people())
    publish(store, "Other", five_people("x"))
    data = export_program(store, "Coffee")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        people = pd.read_csv(zf.open("people.csv"))
        members = pd.read_csv(zf.open("group_members.csv"))
    assert {"people.csv", "rounds.csv", "round_participants.csv", "groups.csv", "group_members.csv",
            "feedback.csv", "pauses.csv", "manifest.json"} <= names
    assert len(people) == 5 and len(members) == 4      # only this program


def test_bad_url_and_unknown_program_are_plain_errors(store, tmp_path):
    with pytest.raises(InputError, match="not a database URL"):
        Store("not a url at all")
    with pytest.raises(InputError, match="no program called 'Nope'"):
        store.rounds("Nope")


def test_default_url_honours_environment(monkeypatch, tmp_path):
    from matching.program import resolve_url

    monkeypatch.setenv("PAIRWISE_DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    assert resolve_url(None) == f"sqlite:///{tmp_path}/env.db"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    monkeypatch.delenv("PAIRWISE_DATABASE_URL")
    assert resolve_url(None).startswith("sqlite:///") and resolve_url(None).endswith("pairwise.db")


def test_feedback_file_into_the_store(store):
    from matching.program.feedback import import_feedback

    publish(store, "Coffee", five_people())
    csv = ("round,rater,partner,rating,met,comment\n"
           "1,ada@example.org,Bob Stone,5,yes,lovely\n"
           "1,r1-b,ADA@example.org,4,yes,\n"
           "1,Nobody,Bob Stone,3,yes,\n")
    written, issues = import_feedback(store, "Coffee", csv.encode(), "fb.csv")
    assert written == 2 and any(i.row == 4 for i in issues)
    fb = store.feedback("Coffee")
    people = store.people("Coffee").set_index("name")["person_id"].astype(str)
    assert set(zip(fb["rater"], fb["partner"], fb["rating"])) == {
        (people["Ada Lovelace"], people["Bob Stone"], 5.0), (people["Bob Stone"], people["Ada Lovelace"], 4.0)}
    with pytest.raises(InputError):
        import_feedback(store, "Coffee", b"round,rater,partner,rating\n1,X,Y,5\n", "fb.csv")


def test_merge_people_confirms_one_person(store):
    publish(store, "Coffee", five_people("r1"))
    # Round 2 writes Dana with an email and another name: a new person the organizer then merges.
    people2 = [("r2-a", "Ada Lovelace", "ada@example.org", "paired"), ("r2-d", "D. Kim", "dana@example.org", "paired")]
    publish(store, "Coffee", record(people2, {"G001": ["r2-a", "r2-d"]}))
    ids = store.people("Coffee").set_index("name")["person_id"]
    with pytest.raises(InputError, match="same round"):
        store.merge_people("Coffee", int(ids["Ada Lovelace"]), int(ids["Bob Stone"]))
    store.merge_people("Coffee", int(ids["Dana Kim"]), int(ids["D. Kim"]))
    people = store.people("Coffee").set_index("name")
    assert "D. Kim" not in people.index and people.at["Dana Kim", "email"] == "dana@example.org"
    part = store.participation("Coffee")
    assert part.loc[part["person_id"] == int(ids["Dana Kim"]), "round"].tolist() == [1, 2]
    meets = store.meetings("Coffee")
    assert {frozenset((a, b)) for a, b in zip(meets["name_a"], meets["name_b"])} >= {
        frozenset(("Ada Lovelace", "Dana Kim")), frozenset(("Chidi Okafor", "Dana Kim"))}
