"""Real-world survey exports: does Pairwise understand the organizer's own form?

Each form in ``tests/data/forms/`` (fabricated people, real tools' export conventions) has a
``<name>.expected.json`` written as an organizer would map it (see that folder's README.md). This
module measures the mapping ``load_survey`` chooses against it, column by column, prints a per-form
table (run with ``-s`` to see it) and asserts:

- overall field accuracy >= 95 % over every column of every form (a column's predicted field, or
  "none", against the expected one; ``also_ok`` lists the other acceptable answers);
- no vetoed mapping (``must_not``) ever happens;
- every unmapped column that carries matching content is offered as a signal (not "ignore"), and
  the obvious topic / multi-select column (``default_signals``) is on with zero clicks;
- the default pairing (TF-IDF embedder) accounts for every participant exactly once, uses the
  form's content (group scores vary), leaves nobody unmatched on peer forms, and on mentoring
  forms sees both sides, keeps every mentor within the capacity they offered in the file and
  places as many mentees as those places allow.

``PAIRWISE_FORMS_CORPUS`` (a folder path) runs the same checks on another corpus of the same layout.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pytest

from matching.intake import load_survey
from matching.round import pair_survey
from matching.scoring.embedder import Embedder
from matching.settings import Settings

CORPUS = Path(os.environ.get("PAIRWISE_FORMS_CORPUS") or Path(__file__).parent / "data" / "forms")
MIN_ACCURACY = 0.95
NONE = "none"


def _forms() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".csv", ".xlsx") and _expected_path(p).exists())


def _expected_path(form: Path) -> Path:
    return form.with_name(form.stem + ".expected.json")


@lru_cache(maxsize=None)
def _expected(form: Path) -> dict:
    return json.loads(_expected_path(form).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _survey(form: Path):
    return load_survey(form)


@lru_cache(maxsize=None)
def _round(form: Path):
    """The default pairing of a form (TF-IDF embedder, default settings), computed once per form."""
    return pair_survey(_survey(form), Settings(embedder="tfidf"), embedder=Embedder("tfidf"))


def _key(header: str) -> str:
    """A blank header is read as 'Unnamed: 0' by pandas-style readers; both mean the same column."""
    return "" if re.fullmatch(r"\s*|Unnamed: \d+(?:_level_\d+)?", header) else header


def _predicted(survey) -> dict[str, str]:
    """Column header -> field the loader chose (canonical and helper fields)."""
    chosen = {**survey.mapping, **getattr(survey, "aux_mapping", {})}
    return {_key(h): f for f, h in chosen.items() if h is not None}


def _score(form: Path) -> tuple[int, int, list[str]]:
    """(correct columns, columns, one line per wrong column)."""
    exp = _expected(form)
    want = {_key(h): f for f, h in exp["mapping"].items()}
    also = {_key(h): set(v) for h, v in exp.get("also_ok", {}).items()}
    got = _predicted(_survey(form))
    correct, wrong = 0, []
    for header in exp["columns"]:
        h = _key(header)
        expected, predicted = want.get(h, NONE), got.get(h, NONE)
        if predicted == expected or predicted in also.get(h, set()):
            correct += 1
        else:
            wrong.append(f"    {header!r}: expected {expected}, got {predicted}")
    return correct, len(exp["columns"]), wrong


def _table() -> tuple[str, float]:
    lines = [f"Mapping accuracy on {CORPUS}", f"{'form':46} {'tool':34} {'correct':>9} {'acc':>6}"]
    total = right = 0
    details = []
    for form in _forms():
        ok, n, wrong = _score(form)
        total, right = total + n, right + ok
        lines.append(f"{form.name:46} {_expected(form)['tool'][:34]:34} {ok:>4}/{n:<4} {ok / n:6.1%}")
        if wrong:
            details += [f"  {form.name}:"] + wrong
    overall = right / total if total else 0.0
    lines.append(f"{'OVERALL':46} {'':34} {right:>4}/{total:<4} {overall:6.1%}")
    return "\n".join(lines + (["Wrong columns:"] + details if details else [])), overall


def test_corpus_expectations_are_complete():
    forms = _forms()
    assert len(forms) >= 3, f"no corpus found in {CORPUS}"
    for form in forms:
        exp = _expected(form)
        assert exp["program"] in ("mentoring", "peer"), form.name
        assert set(exp["mapping"].values()) | set(exp["unmapped"]) == set(exp["columns"]), form.name
        assert 20 <= exp["participants"] <= 80, form.name


@pytest.mark.parametrize("form", _forms(), ids=lambda p: p.stem)
def test_every_respondent_becomes_one_participant(form):
    survey = _survey(form)
    assert survey.ok, [i.message for i in survey.issues if i.severity == "fatal"]
    names = sorted(survey.participants["name"].astype(str))
    assert len(names) == _expected(form)["participants"], (
        f"{len(names)} participants read, {_expected(form)['participants']} people answered: {names}")


def test_mapping_accuracy_over_the_corpus():
    table, overall = _table()
    print("\n" + table)
    assert overall >= MIN_ACCURACY, f"field accuracy {overall:.1%} < {MIN_ACCURACY:.0%}\n{table}"


def test_no_vetoed_mapping_ever_happens():
    bad = []
    for form in _forms():
        vetoes = {_key(h): set(fields) for h, fields in _expected(form).get("must_not", {}).items()}
        for h, f in _predicted(_survey(form)).items():
            if f in vetoes.get(h, set()):
                bad.append(f"{form.name}: column {h!r} was mapped to {f}")
    assert not bad, "\n".join(bad)


def test_no_per_row_email_warnings_where_the_form_has_no_email_column():
    # Issue 7: an anonymised "Email Address" column holding 1, 2, 3 ... gave 33 "not a valid email" warnings.
    noisy = []
    for form in _forms():
        if "email" not in _expected(form)["mapping"]:
            n = sum("valid email" in i.message for i in _survey(form).issues)
            if n:
                noisy.append(f"{form.name}: {n} 'not a valid email' warnings")
    assert not noisy, "\n".join(noisy)


def test_unmapped_content_columns_are_offered_as_signals():
    missing = []
    for form in _forms():
        exp = _expected(form)
        survey = _survey(form)
        offered = {_key(h): use for h, use in getattr(survey, "column_suggestions", {}).items()}
        for header in exp.get("signal_columns", []):
            if header in exp["unmapped"]:
                use = offered.get(_key(header))
                if use is None or use.use == "ignore":
                    missing.append(f"{form.name}: {header!r} is not offered as a signal")
        for header in exp.get("default_signals", []):
            use = offered.get(_key(header))
            if use is None or not use.default_on:
                missing.append(f"{form.name}: {header!r} is not a signal by default")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("form", _forms(), ids=lambda p: p.stem)
def test_default_pairing_places_everyone_once_and_uses_the_content(form):
    survey = _survey(form)
    result = _round(form)
    people = result.participants
    a = result.assignments
    assert sorted(a["id"]) == sorted(people["id"]) and a["id"].is_unique, "someone is missing or listed twice"
    assert (a["status"] != "unmatched").sum() >= len(people) // 2, "most people should be placed"
    unmatched = a[a["status"] == "unmatched"]
    assert (unmatched["reason"].astype(str).str.strip() != "").all(), "an unmatched person has no reason"
    scores = a.drop_duplicates("group_id")["group_score"].dropna().round(3)
    assert scores.nunique() >= min(5, len(scores)), (
        f"group scores barely vary ({sorted(scores.unique())}): the pairing ignores the form's content")


@pytest.mark.parametrize("form", [f for f in _forms() if _expected(f)["program"] == "peer"], ids=lambda p: p.stem)
def test_peer_forms_leave_nobody_unmatched_by_default(form):
    # Default settings: odd counts make a trio, and a similar-role request falls back to the closest
    # roles rather than leaving anyone out (issue 7: two "Prompt Designer"s were both unmatched).
    result = _round(form)
    unmatched = result.assignments[result.assignments["status"] == "unmatched"]
    assert unmatched.empty, "\n".join(unmatched["reason"].astype(str))


@pytest.mark.parametrize("form", [f for f in _forms() if _expected(f)["program"] == "mentoring"], ids=lambda p: p.stem)
def test_mentoring_forms_are_understood_and_capacities_respected(form):
    survey = _survey(form)
    header = _expected(form)["mapping"].get("capacity")
    if header is not None:
        assert survey.mapping.get("capacity") == header, (
            f"the capacity column {header!r} was not read, so every mentor would offer 1 place")
    sides = set(survey.participants["side"].astype(str).str.lower())
    assert sides == {"mentor", "mentee"}, f"sides read as {sorted(sides)}: not understood as mentoring"
    result = _round(form)
    p = result.participants.reset_index(drop=True)
    is_mentor = p["side"].astype(str).str.lower().eq("mentor").to_numpy()
    for group in result.solution.groups:
        mentors = [i for i in group if is_mentor[i]]
        assert len(mentors) == 1, f"a group with {len(mentors)} mentors: {[p.loc[i, 'name'] for i in group]}"
        limit = int(p.loc[mentors[0], "capacity"])
        assert len(group) - 1 <= limit, f"{p.loc[mentors[0], 'name']} offered {limit} places, got {len(group) - 1}"
    mentees = int(p["side"].astype(str).str.lower().eq("mentee").sum())
    places = int(p.loc[is_mentor, "capacity"].sum())
    placed = sum(len(g) - 1 for g in result.solution.groups if any(is_mentor[i] for i in g))
    assert placed == min(mentees, places), (
        f"{placed} of {mentees} mentees placed although mentors offered {places} places")
