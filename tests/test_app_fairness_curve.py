"""The dashboard's price-of-fairness curve (issue 11 item 13): proven points, monotone by construction."""

import numpy as np

from matching.intake import load_history, load_survey
from matching.round import embed_participants
from matching.scoring import compute_signals
from matching.scoring.embedder import Embedder
from matching.settings import Settings
from ui import data


def test_sample_curve_is_monotone_and_proven():
    survey = load_survey("sample_data/coffee_round.csv")
    p = survey.participants
    history, _ = load_history("sample_data/coffee_history.csv", participants=p)
    settings = Settings(embedder="tfidf")
    vectors = embed_participants(p, Embedder("tfidf"), settings=settings)
    signals = compute_signals(p, vectors, settings)
    lambdas = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0)
    curve = data.cached_fairness_curve("k", "tfidf", settings.to_json(), "h", p, vectors, signals, history, lambdas)
    assert list(curve["fairness"]) == list(lambdas)
    assert curve["proven"].all() and (curve["gap"] == 0).all()
    assert (np.diff(curve["lowest"]) >= -1e-12).all(), curve
    assert (np.diff(curve["total"]) <= 1e-9).all(), curve
    assert curve["lowest"].iloc[-1] > curve["lowest"].iloc[0]  # the lever does something on the sample
