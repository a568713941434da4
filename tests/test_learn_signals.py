"""The learned signal, the model file's guards, and the history signals (ppr, cf)."""

from copy import copy

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from matching.scoring.embedder import Embedder
from matching.issues import InputError
from matching.learn import (LabelRule, cf_signal, learn, learned_signal, load_model, ppr_signal, ranking_report,
                            save_model, with_learn_signals)
from matching.learn import modelfile
from matching.learn.history_signals import ppr_rows
from matching.learn.synthetic import synthetic_feedback, synthetic_participants
from matching.round import embed_participants
from matching.scoring import combine, compute_signals
from matching.settings import Settings


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    rng = np.random.default_rng(11)
    p = synthetic_participants(100, rng)
    fb, truth = synthetic_feedback(p, 6, rng)
    settings = Settings(embedder="tfidf")
    sig = compute_signals(p, embed_participants(p, Embedder("tfidf")), settings)
    report = learn(fb, p, sig, settings.weights)
    assert report.ok, report.messages
    path = tmp_path_factory.mktemp("model") / "model.joblib"
    save_model(report.model, path)
    return p, fb, sig, settings, report, path


def test_learned_signal_is_a_symmetric_probability_matrix(trained):
    p, fb, sig, settings, report, path = trained
    model = load_model(path, sig)
    m = learned_signal(model, p, sig)
    assert m.shape == (len(p), len(p)) and np.allclose(m, m.T)
    off = m[~np.eye(len(p), dtype=bool)]
    assert 0 < off.min() and off.max() < 1 and off.std() > 0.01
    # The planted preference: a different role with a shared tag scores higher than the same role without one.
    roles = p["role"].to_numpy()
    tags = [set(s.split(", ")) for s in p["skills"]]
    good = [(i, j) for i in range(30) for j in range(30) if i < j and roles[i] != roles[j] and tags[i] & tags[j]]
    bad = [(i, j) for i in range(30) for j in range(30) if i < j and roles[i] == roles[j] and not tags[i] & tags[j]]
    assert np.mean([m[i, j] for i, j in good]) > np.mean([m[i, j] for i, j in bad]) + 0.1


def test_with_learn_signals_adds_named_matrices_that_combine(trained):
    p, fb, sig, settings, report, path = trained
    model = load_model(path, sig)
    labels = LabelRule().label(fb)
    full = with_learn_signals(sig, p, model=model, feedback=fb, labels=labels, history_kinds=("ppr", "cf"))
    assert {"learned", "ppr", "cf"} <= set(full.matrices) and "learned" not in sig.matrices
    weights = {**settings.weights, "learned": 0.5, "ppr": 0.2, "cf": 0.2}
    score = combine(full, weights)
    assert score.shape == (len(p), len(p)) and np.isfinite(score).all() and score.max() <= 1


def test_model_from_a_survey_with_other_features_is_refused(trained):
    p, fb, sig, settings, report, path = trained
    other = copy(sig)
    other.matrices = {**sig.matrices, "department": np.zeros_like(sig.matrices["role"])}
    other.available = {**sig.available, "department": np.ones_like(sig.available["role"])}
    with pytest.raises(InputError, match="different features.*department"):
        load_model(path, other)
    fewer = copy(sig)
    fewer.matrices = {k: v for k, v in sig.matrices.items() if k != "wants"}
    with pytest.raises(InputError, match="needs wants"):
        learned_signal(report.model, p, fewer)


def test_newer_or_foreign_model_files_are_refused(trained, tmp_path, monkeypatch):
    p, fb, sig, settings, report, path = trained
    monkeypatch.setattr(modelfile, "MODEL_VERSION", 99)
    save_model(report.model, tmp_path / "new.joblib")
    monkeypatch.setattr(modelfile, "MODEL_VERSION", 1)
    with pytest.raises(InputError, match="newer Pairwise"):
        load_model(tmp_path / "new.joblib")
    (tmp_path / "junk.joblib").write_bytes(b"not a model at all")
    with pytest.raises(InputError, match="could not be read"):
        load_model(tmp_path / "junk.joblib")
    import joblib
    joblib.dump({"hello": 1}, tmp_path / "dict.joblib")
    with pytest.raises(InputError, match="not a Pairwise model file"):
        load_model(tmp_path / "dict.joblib")
    with pytest.raises(InputError, match="No model file"):
        load_model(tmp_path / "missing.joblib")


def _toy_feedback():
    # 0-1-2 liked each other, 3-4 liked each other, 5 has only a bad meeting.
    rows = [(1, "a", "b", 5), (1, "b", "a", 5), (2, "b", "c", 5), (2, "c", "b", 4), (1, "d", "e", 5),
            (1, "e", "d", 5), (2, "f", "a", 1), (2, "a", "f", 2)]
    fb = pd.DataFrame(rows, columns=["round", "rater", "partner", "rating"]).assign(met=True, comment="")
    return fb, LabelRule().label(fb), ["a", "b", "c", "d", "e", "f", "g"]


def test_ppr_ranks_friends_of_friends_and_matches_networkx():
    fb, labels, ids = _toy_feedback()
    m, avail = ppr_signal(fb, labels, ids)
    a, c, d = 0, 2, 3
    assert m[a, c] > m[a, d]                      # a-b-c path beats another component
    assert not avail[6].any() and not avail[5].any()   # g never met anyone; f had no good meeting
    g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("b", "d"), ("d", "e")])
    nodes = list(g.nodes)
    adj = nx.to_scipy_sparse_array(g, nodelist=nodes, format="csr")
    mine = ppr_rows(adj, np.array([0]), alpha=0.85, iterations=200)[0]
    ref = nx.pagerank(g, alpha=0.85, personalization={"a": 1.0}, tol=1e-12)
    assert np.allclose(mine, [ref[v] for v in nodes], atol=1e-8)


def test_cf_signal_is_defined_only_for_people_with_history():
    fb, labels, ids = _toy_feedback()
    m, avail = cf_signal(fb, labels, ids, rank=2)
    assert avail[0, 5] and not avail[0, 6]
    assert m.shape == (7, 7) and (m >= 0).all() and (m <= 1).all()


def test_ranking_report_holds_out_the_latest_rounds(trained):
    p, fb, sig, settings, report, path = trained
    table = ranking_report(fb, LabelRule().label(fb), p, sig, settings.weights, k=5)
    assert set(table["signal"]) == {"hand-set weights", "ppr", "cf", "learned", "random order (expected)"}
    assert (table["people"] > 20).all()
    assert table["precision@5"].between(0, 1).all()
    from matching.learn.ranking import verdicts
    sentences = verdicts(table)
    assert len(sentences) == 3 and all("held-out rounds" in x for x in sentences)


def test_full_matrix_features_equal_the_per_pair_features(trained):
    from matching.learn.features import feature_matrices, pair_context, pair_features

    p, fb, sig, settings, report, path = trained
    ctx = pair_context(p, sig)
    mats = feature_matrices(ctx, sig)
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, len(p), 300), rng.integers(0, len(p), 300)
    rows = pair_features(ctx, sig, i, j)
    assert set(rows) == set(mats)
    for name, values in rows.items():
        assert np.allclose(mats[name][i, j], values, equal_nan=True), name


def test_boosting_and_logistic_paths_agree_on_how_they_score(trained):
    from matching.learn.apply import _rowwise_matrix, _logistic_matrix
    from matching.learn.features import feature_matrices, pair_context

    p, fb, sig, settings, report, path = trained
    ctx = pair_context(p, sig)
    mats = feature_matrices(ctx, sig)
    model = report.model
    assert model.kind == "logistic"
    fast, slow = _logistic_matrix(model, ctx, sig), _rowwise_matrix(model, mats)
    off = ~np.eye(len(p), dtype=bool)
    assert np.allclose(fast[off], slow[off])


def test_column_signals_are_features_and_part_of_the_fingerprint(trained):
    p, fb, sig, settings, report, path = trained
    teams = p.assign(Team=[("Red", "Blue", "Green")[k % 3] for k in range(len(p))])
    s2 = Settings(embedder="tfidf", column_signals={"Team": "same"})
    sig2 = compute_signals(teams, embed_participants(teams, Embedder("tfidf")), s2)
    assert "Team" in sig2.matrices
    r2 = learn(fb, teams, sig2, s2.weights)
    assert r2.ok, r2.messages
    assert "Team" in r2.model.names and "Team" in r2.model.suggested_weights
    assert learned_signal(r2.model, teams, sig2).shape == (len(p), len(p))
    with pytest.raises(InputError, match="this survey adds Team"):
        load_model(path, sig2)
