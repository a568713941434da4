"""The learn command, and score/pair with --model and --signal, end to end through the dispatcher."""

import json

import numpy as np
import pandas as pd
import pytest

from matching.cli import main
from matching.learn.synthetic import feedback_csv, survey_csv, synthetic_feedback, synthetic_participants


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("learn_cli")
    rng = np.random.default_rng(5)
    p = synthetic_participants(100, rng)
    fb, _ = synthetic_feedback(p, 6, rng)
    (d / "survey.csv").write_bytes(survey_csv(p))
    (d / "feedback.csv").write_bytes(feedback_csv(fb, p))
    rc = main(["learn", str(d / "survey.csv"), "--feedback", str(d / "feedback.csv"), "--model", str(d / "m.joblib"),
               "--report", str(d / "report.json"), "--embedder", "tfidf"])
    assert rc == 0
    return d


def test_learn_writes_a_model_and_a_report_with_baseline_metrics(files):
    report = json.loads((files / "report.json").read_text())
    models = {r["model"]: r for r in report["cross_validation"]}
    assert {"logistic", "boosting", "hand-set weights", "uniform weights"} <= set(models)
    assert all(0 <= models[m]["roc_auc"] <= 1 for m in models)
    assert report["status"] == "ok" and (files / "m.joblib").stat().st_size > 0
    assert {r["signal"] for r in report["history_signals"]} >= {"ppr", "cf", "hand-set weights"}
    assert set(report["suggested_weights"]) >= {"profile", "role"}


def test_score_with_model_and_single_signals(files, capsys):
    out = files / "score.csv"
    base = files / "base.csv"
    assert main(["score", str(files / "survey.csv"), "--out", str(base), "--embedder", "tfidf"]) == 0
    assert main(["score", str(files / "survey.csv"), "--out", str(out), "--embedder", "tfidf",
                 "--model", str(files / "m.joblib")]) == 0
    combined, plain = pd.read_csv(out, index_col=0), pd.read_csv(base, index_col=0)
    assert combined.shape == plain.shape == (100, 100)
    assert not np.allclose(combined.to_numpy(), plain.to_numpy())
    assert main(["score", str(files / "survey.csv"), "--out", str(out), "--embedder", "tfidf",
                 "--model", str(files / "m.joblib"), "--signal", "learned"]) == 0
    learned = pd.read_csv(out, index_col=0).to_numpy()
    assert np.allclose(learned, learned.T, atol=1e-6) and 0 < learned[0, 1] < 1
    assert main(["score", str(files / "survey.csv"), "--out", str(out), "--embedder", "tfidf", "--signal", "role"]) == 0
    assert main(["score", str(files / "survey.csv"), "--out", str(out), "--embedder", "tfidf", "--signal", "learned"]) == 2
    assert "needs --model" in capsys.readouterr().err


def test_pair_uses_the_model(files, capsys):
    out = files / "pairs.csv"
    assert main(["pair", str(files / "survey.csv"), "--out", str(out), "--embedder", "tfidf",
                 "--model", str(files / "m.joblib")]) == 0
    df = pd.read_csv(out)
    assert len(df) == 100 and df["id"].is_unique
    assert "learned signal joins" in capsys.readouterr().err


def test_too_little_feedback_writes_no_model(files, capsys):
    small = files / "small.csv"
    small.write_text("\n".join((files / "feedback.csv").read_text().splitlines()[:30]))
    rc = main(["learn", str(files / "survey.csv"), "--feedback", str(small), "--model", str(files / "none.joblib"),
               "--embedder", "tfidf"])
    assert rc == 2 and not (files / "none.joblib").exists()
    assert "Nothing was changed." in capsys.readouterr().err


def test_bad_inputs_are_plain_messages(files, capsys):
    assert main(["learn", str(files / "survey.csv"), "--feedback", str(files / "missing.csv"),
                 "--model", str(files / "x.joblib"), "--embedder", "tfidf"]) == 2
    assert "No feedback file" in capsys.readouterr().err
    assert main(["learn", str(files / "survey.csv"), "--db", "sqlite://", "--model", str(files / "x.joblib")]) == 2
    assert "--program" in capsys.readouterr().err
    (files / "junk.joblib").write_bytes(b"junk")
    assert main(["score", str(files / "survey.csv"), "--out", str(files / "o.csv"), "--embedder", "tfidf",
                 "--model", str(files / "junk.joblib")]) == 2
    assert "could not be read" in capsys.readouterr().err
