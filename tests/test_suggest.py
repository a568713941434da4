"""Top-K suggestions: hard rules, reciprocity, list length, exposure cap, diversity, CLI."""

import math

import numpy as np
import pandas as pd
import pytest

from matching.cli import main
from matching.solve.rules import build_constraints
from matching.scoring.embedder import Embedder
from matching.scoring.text import embed_participants
from matching.scoring import combine, compute_signals
from matching.settings import Settings
from matching.suggest import suggest
from matching.suggest.pairs import PairScorer
from matching.suggest.rules import build_block_rules
from tests.conftest import make_participants

N = 90


@pytest.fixture(scope="module")
def people():
    p = make_participants(N, seed=3)
    # Vary the free text so profiles are not six exact templates, and leave a few blanks.
    p["summary"] = [f"{s} Also into topic {i % 17} and {['golang', 'rust', 'sql', 'spark', 'vision'][i % 5]}."
                    for i, s in enumerate(p["summary"])]
    p.loc[[5, 40], "summary"] = ""
    p.loc[[5, 40], "skills"] = ""
    p.loc[[7, 8], "similar_role_required"] = True
    vectors = embed_participants(p, Embedder("tfidf"))
    history = pd.DataFrame({"round": [1, 2, 3, 3], "a": ["p000", "p001", "p002", "p010"],
                            "b": ["p006", "p013", "p014", "p011"]})
    return p, vectors, history


def settings(**kw):
    base = dict(embedder="tfidf", blocked=(("p003", "p009"), ("p004", "p016")), suggest_k=4, suggest_threshold=0.1)
    base.update(kw)
    return Settings(**base)


def directed_dense(p, vectors, st):
    """The directed score from the dense signals, independently of the block code."""
    sig = compute_signals(p, vectors, st)
    mats = dict(sig.matrices)
    avail = dict(sig.available)
    prof = np.asarray(vectors["profile"])
    wants = np.asarray(vectors["wants"])
    mats["wants"] = sig.wants_fit
    avail["wants"] = np.any(wants != 0, axis=1)[:, None] & np.any(prof != 0, axis=1)[None, :]
    num = sum(w * np.where(avail[s], mats[s], 0) for s, w in st.weights.items() if w > 0)
    den = sum(w * avail[s] for s, w in st.weights.items() if w > 0)
    return np.where(den > 0, num / np.where(den > 0, den, 1), 0), combine(sig, st.weights)


@pytest.fixture(scope="module", params=["dense", "exact", "ann"])
def result(people, request):
    p, vectors, history = people
    return suggest(p, vectors, settings(), history, method=request.param)


def test_block_and_ann_methods_give_the_dense_lists(people):
    p, vectors, history = people
    dense = suggest(p, vectors, settings(), history, method="dense")
    exact = suggest(p, vectors, settings(), history, method="exact")
    assert np.array_equal(dense.idx, exact.idx)
    np.testing.assert_allclose(dense.score, exact.score, atol=1e-5)
    assert dense.table["explanation"].tolist() == exact.table["explanation"].tolist()
    # ANN candidates come from the embeddings only: most, not all, of the same people.
    ann = suggest(p, vectors, settings(), history, method="ann")
    same = np.mean([len(set(a[a >= 0]) & set(d[d >= 0])) / max((d >= 0).sum(), 1) for a, d in zip(ann.idx, dense.idx)])
    assert same > 0.6, same


def test_lists_respect_rules_history_and_length(people, result):
    p, vectors, history = people
    st = settings()
    cons = build_constraints(p, st, history)
    forbidden = (cons.wants_similar[:, None] | cons.wants_similar[None, :]) & ~cons.similar  # requests are rules here
    for m in cons.forbidden.values():
        forbidden |= m
    idx = result.idx
    assert idx.shape == (N, st.suggest_k)
    for i in range(N):
        picks = idx[i][idx[i] >= 0]
        assert i not in picks
        assert len(set(picks.tolist())) == picks.size <= st.suggest_k
        assert not forbidden[i, picks].any(), (i, picks)
    ids = p["id"].tolist()
    # Spot-check the named cases: blocked and recently met pairs never appear either way.
    for a, b in [("p003", "p009"), ("p004", "p016"), ("p002", "p014"), ("p010", "p011")]:
        ia, ib = ids.index(a), ids.index(b)
        assert ib not in idx[ia] and ia not in idx[ib]
    t = result.table
    assert list(t.columns) == ["id", "name", "rank", "suggested_id", "suggested_name", "score", "explanation"]
    assert set(t["id"]) == set(ids)  # everyone appears (with a reason when nobody fits)
    made = t[t["suggested_id"] != ""]
    assert (made.groupby("id").size() <= st.suggest_k).all()
    assert (made["explanation"].str.len() > 0).all()
    assert (made["id"] != made["suggested_id"]).all()


def test_reciprocal_gate_holds_both_ways(people, result):
    p, vectors, _ = people
    st = settings()
    directed, score = directed_dense(p, vectors, st)
    rows, ranks = np.nonzero(result.idx >= 0)
    cols = result.idx[rows, ranks]
    assert rows.size > N  # the gate leaves real lists
    assert (directed[rows, cols] >= st.suggest_threshold - 1e-6).all()
    assert (directed[cols, rows] >= st.suggest_threshold - 1e-6).all()
    np.testing.assert_allclose(result.score[rows, ranks], score[rows, cols], atol=1e-5)
    # A stricter gate removes exactly the pairs that fail it in one direction.
    both = np.minimum(directed, directed.T)[~np.eye(N, dtype=bool)]
    t = round(float(np.quantile(both, 0.95)), 3)
    strict = suggest(p, vectors, settings(suggest_threshold=t), None)
    r2, k2 = np.nonzero(strict.idx >= 0)
    c2 = strict.idx[r2, k2]
    assert (np.minimum(directed[r2, c2], directed[c2, r2]) >= t - 1e-6).all()
    assert (strict.idx >= 0).sum() < (result.idx >= 0).sum()


def test_exposure_cap_holds_and_lowers_gini(people):
    p, vectors, _ = people
    st = settings(suggest_k=5, suggest_exposure=1.2, suggest_diversity=0.0)
    r = suggest(p, vectors, st)
    cap = math.ceil(1.2 * 5)
    assert r.cap == cap
    assert r.exposure_after.max() <= cap
    assert r.exposure_before.max() > cap  # without the cap someone is in too many lists
    assert r.gini_after < r.gini_before
    assert np.array_equal(r.exposure_after, np.bincount(r.idx[r.idx >= 0], minlength=N))


def test_mmr_lists_are_less_redundant_than_plain_top_k(people):
    p, vectors, _ = people
    plain = suggest(p, vectors, settings(suggest_diversity=0.0, suggest_exposure=20.0))
    diverse = suggest(p, vectors, settings(suggest_diversity=0.3, suggest_exposure=20.0))
    # Without diversity and cap the lists are the plain reciprocal top-k.
    assert np.array_equal(plain.idx, plain.plain_idx)
    assert diverse.redundancy_final < plain.redundancy_final - 0.02
    assert diverse.redundancy_plain == pytest.approx(plain.redundancy_final)
    # ... at a modest cost in score.
    assert np.nanmean(diverse.score) > 0.85 * np.nanmean(plain.score)


def test_block_scorer_matches_dense_signals(people):
    p, vectors, _ = people
    for st in (settings(), settings(location_mode="both", reciprocity="min", role_mode="complement")):
        sig = compute_signals(p, vectors, st)
        scorer = PairScorer.from_participants(p, vectors, st)
        values, avail = scorer.block(np.arange(N))
        for name in sig.matrices:
            np.testing.assert_allclose(values[name], sig.matrices[name], atol=2e-6, err_msg=name)
            assert np.array_equal(avail[name] | np.eye(N, dtype=bool), sig.available[name] | np.eye(N, dtype=bool)), name
        dense = combine(sig, st.weights)
        np.testing.assert_allclose(scorer.combine(values, avail), dense, atol=2e-6)
        I, J = np.triu_indices(N, 1)
        np.testing.assert_allclose(scorer.score(I, J), dense[I, J], atol=2e-6)


def test_block_rules_match_the_constraints_builder(people):
    p, vectors, history = people
    for st in (settings(similar_role_mode="hard"), settings(program="mentoring", repeat_rounds=1,
                                                            similar_role_mode="hard")):
        q = p.copy()
        if st.program == "mentoring":
            q["side"] = ["mentor" if i % 4 == 0 else "mentee" for i in range(N)]
        cons = build_constraints(q, st, history)
        rules = build_block_rules(q, st, history)
        masks = rules.forbidden_block(np.arange(N))
        assert set(masks) == set(cons.forbidden)
        for name, m in cons.forbidden.items():
            assert np.array_equal(masks[name], m), name
        I, J = np.nonzero(np.ones((N, N), bool))
        assert np.array_equal(rules.rounds_since_pairs(I, J).reshape(N, N), cons.rounds_since)


@pytest.fixture
def survey_csv():
    from ui.data import ROOT

    return ROOT / "sample_data" / "coffee_round.csv"


def test_cli_suggest(tmp_path, survey_csv, capsys):
    out = tmp_path / "s.csv"
    assert main(["suggest", str(survey_csv), "--k", "3", "--out", str(out), "--embedder", "tfidf"]) == 0
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns) == ["id", "name", "rank", "suggested_id", "suggested_name", "score", "explanation"]
    made = df.dropna(subset=["suggested_id"])
    assert made.groupby("id")["rank"].max().max() <= 3
    assert (made["id"] != made["suggested_id"]).all()
    assert "Wrote" in capsys.readouterr().err
    assert main(["suggest", str(survey_csv), "--k", "0", "--out", str(out), "--embedder", "tfidf"]) == 2
    assert "'--k' option must be a whole number between 1 and 50. Got 0 instead." in capsys.readouterr().err
