"""Learning on a synthetic history with a planted preference; too little data; leakage; CV grouping."""

from copy import copy

import numpy as np
import pytest
from scipy.stats import spearmanr

from matching.scoring.embedder import Embedder
from matching.learn import LabelRule, learn
from matching.learn.evaluate import auc, grouped_folds
from matching.learn.features import PERSON_FEATURES
from matching.learn.models import PriorLogistic, suggested_weights
from matching.learn.synthetic import synthetic_feedback, synthetic_participants
from matching.round import embed_participants
from matching.scoring import compute_signals
from matching.settings import Settings


def survey_signals(p):
    s = Settings(embedder="tfidf")
    return compute_signals(p, embed_participants(p, Embedder("tfidf")), s), s


@pytest.fixture(scope="module")
def world():
    rng = np.random.default_rng(7)
    p = synthetic_participants(140, rng)
    fb, truth = synthetic_feedback(p, 8, rng)
    sig, settings = survey_signals(p)
    report = learn(fb, p, sig, settings.weights)
    return p, fb, truth, sig, settings, report


def test_learned_model_recovers_the_planted_preference(world):
    *_, report = world
    assert report.ok, report.messages
    coef = report.coefficients.set_index("feature")["coefficient"]
    assert coef["same_role"] < 0            # people prefer a different role
    assert coef["tag_overlap"] + coef["skills_overlap"] > 0   # and a shared tag
    assert coef["rater_leniency"] > 0


def test_learned_signal_beats_uniform_and_hand_set_weights_on_held_out_rounds(world):
    *_, report = world
    table = report.comparison.set_index("model")["roc_auc"]
    pair = table[f"{report.model.kind} (pair fit)"]
    assert pair > table["hand-set weights"] + 0.05
    assert pair > table["uniform weights"] + 0.05
    assert table["logistic"] >= table["logistic (pair fit)"]   # person effects help predict, not the pair signal


def test_person_effects_track_the_planted_leniency(world):
    p, fb, truth, *_ , report = world
    est = report.person_effects.merge(truth, on="id")
    rho = spearmanr(est["leniency_x"], est["leniency_y"]).statistic
    assert rho > 0.3


def test_report_has_calibration_importances_and_suggested_weights(world):
    *_, settings, report = world
    assert set(report.calibration["model"]) == {"logistic", "boosting"}
    assert ((report.calibration[["predicted", "observed"]] >= 0) & (report.calibration[["predicted", "observed"]] <= 1)).all().all()
    imp = report.importances["logistic"]
    assert imp.iloc[0]["feature"] in {"same_role", "rater_leniency", "skills_overlap", "role", "tag_overlap"}
    w = report.model.suggested_weights
    assert set(w) == set(settings.weights)
    assert w["role"] < settings.weights["role"] and w["skills_overlap"] > settings.weights["skills_overlap"]
    assert all(0 <= v <= 1 and abs(v / 0.05 - round(v / 0.05)) < 1e-9 for v in w.values())
    d = report.to_dict()
    assert {r["model"] for r in d["cross_validation"]} >= {"logistic", "boosting", "hand-set weights"}


def test_pair_signal_ignores_person_effects(world):
    *_, report = world
    model = report.model
    X = np.random.default_rng(0).random((50, len(model.names)))
    Y = X.copy()
    for name in PERSON_FEATURES:
        Y[:, model.names.index(name)] = 5.0
    assert np.allclose(model.predict_pairs(X), model.predict_pairs(Y))


def test_too_little_data_changes_nothing(world):
    p, fb, truth, sig, settings, _ = world
    small = learn(fb.head(40), p, sig, settings.weights)
    assert small.status == "too_little_data" and small.model is None
    assert "50" in small.messages[0] and "Nothing was changed." in small.messages
    one_class = learn(fb.assign(rating=5.0, met=True), p, sig, settings.weights)
    assert one_class.status == "too_little_data" and "Every labelled meeting was good" in one_class.messages[0]
    one_round = learn(fb.assign(round=1), p, sig, settings.weights)
    assert one_round.status == "too_little_data" and "one round" in one_round.messages[0]


def test_a_feature_built_from_the_label_is_refused(world):
    p, fb, truth, sig, settings, _ = world
    pos = {pid: k for k, pid in enumerate(p["id"])}
    leak = np.zeros((len(p), len(p)))
    good = LabelRule().label(fb) == 1
    leak[fb.loc[good, "rater"].map(pos), fb.loc[good, "partner"].map(pos)] = 1.0
    leaky = copy(sig)
    leaky.matrices = {**sig.matrices, "leak": leak}
    leaky.available = {**sig.available, "leak": np.ones_like(leak, bool)}
    report = learn(fb, p, leaky, {**settings.weights, "leak": 0.0})
    assert report.status == "refused" and report.model is None
    assert "'leak'" in report.messages[0] and "leakage" in report.messages[0]


def test_folds_never_split_a_round():
    rounds = np.repeat(np.arange(1, 8), 30)
    for train, test in grouped_folds(rounds, 5):
        assert not set(rounds[train]) & set(rounds[test])


def test_small_data_moves_the_weights_only_a_little():
    rng = np.random.default_rng(3)
    n_feat = 3
    prior = np.array([1.0, 1.0, 1.0])

    def fit(n):
        X = rng.random((n, n_feat))
        y = (rng.random(n) < 1 / (1 + np.exp(-(3 * X[:, 0] - 3 * X[:, 1])))).astype(int)
        return PriorLogistic(prior=prior, strength=20).fit(X, y).coef_

    small, large = fit(40), fit(5000)
    assert np.abs(small - prior).sum() < np.abs(large - prior).sum()
    assert large[1] < 0 < large[0]


def test_negative_coefficients_become_zero_weight_with_a_note():
    w, notes = suggested_weights(np.array([0.5, -0.2, 0.0]), ["a", "b", "c"], ["a", "b"], {"a": 0.5, "b": 0.5})
    assert w == {"a": 1.0, "b": 0.0} and any("'b'" in n for n in notes)


def test_auc_matches_sklearn():
    from sklearn.metrics import roc_auc_score
    rng = np.random.default_rng(0)
    y, s = rng.integers(0, 2, 300), rng.integers(0, 5, 300).astype(float)
    assert auc(y, s) == pytest.approx(roc_auc_score(y, s))


def test_suggested_weights_move_little_on_small_data_and_more_on_large(world):
    p, fb, truth, sig, settings, report = world

    def change(rows):
        r = learn(rows, p, sig, settings.weights)
        assert r.ok, r.messages
        return max(abs(r.model.suggested_weights[k] - settings.weights[k]) for k in settings.weights)

    small = fb.groupby("round").head(8)          # 64 meetings over 8 rounds
    assert change(small) <= 0.05
    assert change(fb) >= 0.15
