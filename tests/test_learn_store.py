"""Learning from feedback kept in the history store (``--db URL --program NAME``)."""

import json

import numpy as np
import pandas as pd
import pytest

from matching.cli import main
from matching.learn.feedback import from_program
from matching.learn.synthetic import survey_csv, synthetic_feedback, synthetic_participants
from matching.program import RoundRecord, Store
from matching.program.publish import publish


def _record(p: pd.DataFrame) -> RoundRecord:
    ids = p["id"].tolist()
    groups = {f"G{k:03d}": [ids[2 * k], ids[2 * k + 1]] for k in range(len(ids) // 2)}
    rows = [{"source_id": pid, "name": name, "email": email, "keep_registered": True, "profile": "{}",
             "status": "paired", "reason": "", "score": 0.5, "group": f"G{k // 2:03d}"}
            for k, (pid, name, email) in enumerate(zip(p["id"], p["name"], p["email"]))]
    return RoundRecord(pd.DataFrame(rows), {g: (0.5, m) for g, m in groups.items()})


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    d = tmp_path_factory.mktemp("learn_store")
    rng = np.random.default_rng(9)
    p = synthetic_participants(80, rng)
    fb, _ = synthetic_feedback(p, 5, rng)
    url = f"sqlite:///{d / 'program.db'}"
    with Store(url).ready() as store:
        publish(store, "Coffee", _record(p))
        people = store.people("Coffee")
        person = dict(zip(people["email"], people["person_id"]))
        email = dict(zip(p["id"], p["email"]))
        rows = fb.assign(rater=fb["rater"].map(email).map(person), partner=fb["partner"].map(email).map(person))
        assert store.add_feedback("Coffee", rows) == len(fb)
    (d / "survey.csv").write_bytes(survey_csv(p))
    return d, url, p, fb


def test_stored_feedback_is_matched_back_to_the_survey(stored):
    d, url, p, fb = stored
    with Store(url) as store:
        got, issues = from_program(store, "Coffee", p)
    assert not [i for i in issues if i.severity != "info"]
    key = ["round", "rater", "partner"]
    merged = got.merge(fb, on=key, suffixes=("", "_orig"))
    assert len(merged) == len(fb) == len(got)
    assert np.allclose(merged["rating"].fillna(-1), merged["rating_orig"].fillna(-1))


def test_people_missing_from_the_survey_are_reported(stored):
    d, url, p, fb = stored
    with Store(url) as store:
        got, issues = from_program(store, "Coffee", p.iloc[:60])
    assert 0 < len(got) < len(fb)
    assert any("not in this survey" in i.message for i in issues)


def test_learn_command_reads_the_store(stored):
    d, url, p, fb = stored
    rc = main(["learn", str(d / "survey.csv"), "--db", url, "--program", "Coffee", "--model", str(d / "m.joblib"),
               "--report", str(d / "r.json"), "--embedder", "tfidf"])
    assert rc == 0
    report = json.loads((d / "r.json").read_text())
    assert report["summary"]["rows"] == len(fb)
    assert main(["learn", str(d / "survey.csv"), "--db", url, "--program", "Nope", "--model", str(d / "x.joblib"),
                 "--embedder", "tfidf"]) == 2


def test_feedback_file_is_saved_into_the_program(stored, tmp_path):
    from matching.learn.feedback import to_program

    d, url, p, fb = stored
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    with Store(fresh).ready() as store:
        publish(store, "Coffee", _record(p.iloc[:60]))
        written, issues = to_program(store, "Coffee", fb, p)
        inside = fb["rater"].isin(p["id"].iloc[:60]) & fb["partner"].isin(p["id"].iloc[:60])
        assert written == int(inside.sum()) and 0 < written < len(fb)
        assert any("does not know yet" in i.message for i in issues)
        back, _ = from_program(store, "Coffee", p)
    assert len(back) == written
