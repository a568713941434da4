"""Any column of the organizer's form as a signal or a rule (issue 7)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import matching
from matching.issues import InputError
from matching.metrics import meeting_pairs
from matching.scoring.columns import column_rule_masks, column_signal, resolve_column_signals, rule_label
from matching.settings import Settings

from conftest import make_participants

FORMS = Path(__file__).resolve().parent / "data" / "forms"
TFIDF = Settings(embedder="tfidf")


def _pair(p: pd.DataFrame, settings: Settings):
    """One round on a canonical participants table (no re-reading, so no column is re-mapped)."""
    from matching.scoring import Embedder, embed_participants

    vectors = embed_participants(p, Embedder("tfidf"), settings=settings)
    return matching.run_round(p, vectors, settings)


def _signals(p: pd.DataFrame, settings: Settings):
    from matching.scoring import Embedder, embed_participants

    return matching.compute_signals(p, embed_participants(p, Embedder("tfidf"), settings=settings), settings)


def _with(column: str, values: list, n: int | None = None) -> pd.DataFrame:
    p = make_participants(n or len(values))
    p[column] = values
    return p


def test_multi_choice_column_is_jaccard_overlap():
    p = _with("Topics", ["NLP, Vision", "Vision", "NLP, Vision", "", "RL"])
    m, avail = column_signal(p, "Topics", "tags")
    assert m[0, 2] == pytest.approx(1.0) and m[0, 1] == pytest.approx(0.5) and m[0, 4] == 0.0
    assert not avail[0, 3] and avail[0, 4]          # a blank answer is skipped, not penalised
    assert np.allclose(m, m.T) and (np.diag(m) == 0).all()


def test_single_choice_ordinal_and_number_columns():
    p = _with("Team", ["Data", "data ", "Brand", "Data", "Brand", "Sales"])
    m, _ = column_signal(p, "Team", "same")
    assert m[0, 1] == 1.0 and m[0, 2] == 0.0 and m[2, 4] == 1.0
    p = _with("Agree", ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", "Agree"])
    m, _ = column_signal(p, "Agree", "closeness")
    assert m[0, 4] == pytest.approx(0.0) and m[3, 5] == pytest.approx(1.0) and m[3, 4] > m[0, 4]
    p = _with("Years", ["1", "2", "10", "3", "", "5"])
    m, avail = column_signal(p, "Years", "gap")
    assert m[0, 1] > m[0, 2] and m[0, 2] == pytest.approx(0.0) and not avail[0, 4]


def test_a_column_signal_has_its_own_weight_and_changes_the_score():
    p = _with("Team", ["A", "A", "B", "B", "A", "B", "C", "C"])
    base = Settings(embedder="tfidf", column_signals={"Team": "same"})
    low = base.with_weight("Team", 0.0)
    high = base.with_weight("Team", 1.0)
    signals = _signals(p, base)
    assert "Team" in signals.matrices
    s_low, s_high = matching.combine(signals, low.weights), matching.combine(signals, high.weights)
    assert s_high[0, 1] > s_low[0, 1] and s_high[0, 2] < s_low[0, 2]


def test_unknown_weight_name_is_a_clear_error():
    with pytest.raises(InputError) as err:
        Settings.from_dict({"weights": {"Team": 0.5}})
    text = str(err.value)
    assert "'weights'" in text and "Team" in text and "column_signals" in text
    with pytest.raises(InputError, match="must be one of"):
        Settings(column_signals={"Team": "sideways"})
    with pytest.raises(InputError, match="must be one of"):
        Settings(column_rules={"Team": "sometimes"})


def test_grad_mentoring_form_uses_its_multi_select_with_zero_clicks():
    # Finding 1 of issue 7: the sub-discipline multi-select was ignored and every pair scored the same.
    survey = matching.load_survey(FORMS / "google_forms_grad_mentoring.csv")
    auto = resolve_column_signals(survey.participants, None)
    sub = [c for c in auto if "sub-discipline" in c.lower()]
    assert sub and auto[sub[0]] == "tags"
    result = matching.pair_survey(survey, TFIDF)
    assert sub[0] in result.signals.matrices
    assert len({round(s, 3) for s in result.solution.group_scores}) > 5
    off = matching.pair_survey(survey, TFIDF.replace(column_signals={}))
    assert sub[0] not in off.signals.matrices


def test_never_same_department_is_a_hard_rule():
    survey = matching.load_survey(FORMS / "hr_onboarding_buddies.xlsx")
    p = survey.participants
    result = matching.pair_survey(survey, TFIDF.replace(column_rules={"Department": "never_same"}))
    dept = p["Department"].tolist()
    for a, b in meeting_pairs(result):   # mentoring pods: the mentor meets each mentee
        assert dept[a] != dept[b], (dept[a], dept[b])
    assert "never_same:Department" in result.constraints.forbidden
    assert rule_label("never_same:Department") == "never pair the same Department"


def test_only_same_and_prefer_different():
    p = _with("Office", ["London", "London", "Paris", "Paris", "London", "London", "Paris", "Paris", ""], 9)
    masks = column_rule_masks(p, Settings(column_rules={"Office": "only_same"}))
    m = masks["only_same:Office"]
    assert m[0, 2] and not m[0, 1] and not m[0, 8]   # blank answers are not restricted
    result = _pair(p, TFIDF.replace(column_rules={"Office": "only_same"}, odd="bye"))
    office = p["Office"].tolist()
    for g in result.solution.groups:
        answers = {office[x] for x in g} - {""}
        assert len(answers) <= 1

    q = _with("Office", ["London", "London", "Paris", "Paris"] * 4)
    def mixed(settings):
        r = _pair(q, settings)
        return sum(1 for a, b in r.solution.groups if q["Office"][a] != q["Office"][b])
    prefer = TFIDF.replace(column_signals={"Office": "same"}, column_rules={"Office": "prefer_different"})
    assert mixed(prefer) > mixed(TFIDF.replace(column_signals={"Office": "same"}))


def test_unmatched_reason_names_the_column_rule():
    p = _with("Team", ["A", "A", "A", "B"], 4)
    result = _pair(p, TFIDF.replace(column_rules={"Team": "only_same"}, odd="bye"))
    un = result.assignments[result.assignments["status"] == "unmatched"]
    assert (un["id"] == p["id"][3]).any()
    reason = un.loc[un["id"] == p["id"][3], "reason"].iloc[0]
    assert "only pair the same Team" in reason


def test_missing_column_is_reported_not_fatal():
    p = make_participants(8)
    result = _pair(p, TFIDF.replace(column_signals={"Nope": "tags"}, column_rules={"Gone": "never_same"}))
    texts = " ".join(i.message for i in result.issues)
    assert "'Nope'" in texts and "Gone" in texts
    assert len(result.assignments) == 8


def test_free_text_column_embedded_as_its_own_signal_or_into_profile():
    p = _with("Hobby", ["sourdough bread baking", "baking sourdough bread", "trail running", "running trails",
                        "chess openings", "chess endgames"])
    s = Settings(embedder="tfidf", column_signals={"Hobby": "embed"})
    m = _signals(p, s).matrices["Hobby"]
    assert m[0, 1] > m[0, 2] and m[2, 3] > m[2, 4]
    from matching.scoring.text import text_fields
    fields = text_fields(p, Settings(column_signals={"Hobby": "profile"}))
    assert "sourdough" in fields["profile"][0] and "Hobby" not in Settings(column_signals={"Hobby": "profile"}).weights


def test_column_settings_travel_in_json_and_share_link_without_values():
    s = Settings(column_signals={"Which topics?": "tags", "Team": "same"}, column_rules={"Department": "never_same"},
                 weights={**Settings().weights, "Which topics?": 0.7})
    assert Settings.from_json(s.to_json()) == s
    params = s.to_query()
    restored, issues = Settings.from_query(params)
    assert restored == s and not issues
    # Column names only: a value from the survey never appears in the link.
    assert "Finance" not in "".join(params.values())
    _, issues = Settings.from_query({"cs": "[" * 100_000})
    assert issues and "ignored" in issues[0].message


def test_column_signal_reads_as_words_in_the_explanation():
    from matching.scoring.explain import Explainer

    p = _with("Topics", ["NLP, Vision", "Vision, RL", "NLP", "RL"])
    s = TFIDF.replace(column_signals={"Topics": "tags"}, weights={**TFIDF.weights, "Topics": 1.0})
    signals = _signals(p, s)
    text = Explainer(p, signals, s.weights, s).words(0, 1)
    assert text.startswith("Both chose Vision for \u2018Topics\u2019"), text
