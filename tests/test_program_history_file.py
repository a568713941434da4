"""A history file written by `history` (names, emails, ids) is honoured by `pair --history`;
a file naming nobody of the survey is refused with a plain message."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from matching.cli import main
from matching.intake.history import load_history
from matching.intake import load_survey

ROOT = Path(__file__).resolve().parents[1]
SURVEY = str(ROOT / "sample_data" / "coffee_round.csv")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("histfile")
    url = f"sqlite:///{tmp / 'h.db'}"
    first = tmp / "round1.csv"
    assert main(["pair", SURVEY, "--db", url, "--program", "C", "--publish", "--embedder", "tfidf",
                 "--out", str(first)]) == 0
    hist = tmp / "history.csv"
    assert main(["history", "--db", url, "--program", "C", "--out", str(hist)]) == 0
    table = pd.read_csv(hist, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    out = pd.read_csv(first, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return tmp, table, out


def _pairs(out: pd.DataFrame) -> set:
    return {frozenset((a, b)) for a, ps in zip(out["id"], out["partner_ids"]) for b in ps.split("; ") if b}


@pytest.mark.parametrize("layout", ["names", "emails", "ids"])
def test_history_file_layouts_resolve_to_survey_ids(published, layout):
    tmp, table, out = published
    participants = load_survey(SURVEY).participants
    by_name = dict(zip(participants["name"], participants["id"]))
    if layout == "names":
        df = table[["round", "person_a", "person_b"]]
    elif layout == "emails":
        df = table[["round", "email_a", "email_b"]]
    else:
        df = pd.DataFrame({"round": table["round"], "id_a": table["person_a"].map(by_name).str.upper(),
                           "id_b": table["person_b"].map(by_name).str.upper()})   # ids in the wrong case
    hist, issues = load_history(df.to_csv(index=False).encode(), "h.csv", participants=participants)
    assert not [i for i in issues if i.severity == "fatal"]
    assert {frozenset(x) for x in zip(hist["a"], hist["b"])} == _pairs(out)


def test_pair_with_a_names_history_avoids_repeats(published):
    tmp, table, out = published
    path = tmp / "names.csv"
    table[["round", "person_a", "person_b"]].to_csv(path, index=False)
    second = tmp / "round2.csv"
    assert main(["pair", SURVEY, "--history", str(path), "--embedder", "tfidf", "--out", str(second)]) == 0
    again = pd.read_csv(second, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert not _pairs(again) & _pairs(out)


def test_history_naming_nobody_is_refused(published, capsys):
    tmp, _table, _out = published
    path = tmp / "nobody.csv"
    path.write_text("round,person_a,person_b\n1,Nobody Here,Someone Else\n2,No One,Not Present\n")
    code = main(["pair", SURVEY, "--history", str(path), "--embedder", "tfidf", "--out", str(tmp / "x.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "matches nobody" in err and "Traceback" not in err
