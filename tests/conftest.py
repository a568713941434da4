import os

import numpy as np
import pandas as pd
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    # Never let tests read or write the organizer's real vector cache.
    monkeypatch.setenv("PAIRWISE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "vector-cache"))
    # ... nor the organizer's program database (the Export screen opens it for "Publish this round").
    monkeypatch.setenv("PAIRWISE_DATABASE_URL", f"sqlite:///{tmp_path_factory.getbasetemp() / 'programs.db'}")


def make_participants(n: int = 12, seed: int = 0) -> pd.DataFrame:
    """A small canonical participants table with varied text, roles, stages and places."""
    rng = np.random.default_rng(seed)
    roles = ["ML Engineer", "Data Scientist", "Software Engineer", "Founder", "Data Engineer", "Student"]
    topics = [("LLM serving and vLLM in production", "python, vllm, kubernetes, mlops"),
              ("fraud detection models for a bank", "python, xgboost, sql, fraud"),
              ("backend services in Go", "go, postgres, kubernetes"),
              ("building a startup for healthcare AI", "fundraising, product, healthcare"),
              ("data pipelines with Airflow and dbt", "airflow, dbt, spark, sql"),
              ("learning computer vision at university", "python, pytorch, cv")]
    stages = ["Undergrad / New Grad", "1 - 3 Years of Experience", "3 - 5 Years of Experience",
              "5 - 10 Years of Experience", "10+ Years of Experience"]
    years = [0.0, 2.0, 4.0, 7.5, 12.0]
    zones = [("Europe/Berlin", 52.52, 13.40), ("America/New_York", 40.71, -74.0), ("Asia/Kolkata", 12.97, 77.59),
             ("Africa/Lagos", 6.45, 3.39), ("America/Sao_Paulo", -23.55, -46.63)]
    rows = []
    for i in range(n):
        t = i % len(topics)
        s = int(rng.integers(len(stages)))
        z = zones[int(rng.integers(len(zones)))]
        rows.append({
            "id": f"p{i:03d}", "name": f"Person {i}", "email": f"person{i}@example.org",
            "role": roles[t], "role_raw": roles[t], "career_stage": stages[s], "stage_ordinal": s + (0 if s == 0 else 1),
            "years_experience": years[s], "location": "", "timezone": z[0], "lat": z[1], "lon": z[2],
            "summary": f"I work on {topics[t][0]}.", "skills": topics[t][1], "interests": "",
            "wants": f"someone who knows {topics[(t + 1) % len(topics)][0]}" if i % 3 else "",
            "similar_role_required": False, "side": "peer", "capacity": 1, "keep_registered": True,
            "submitted_at": pd.Timestamp("2024-03-01"), "row": i + 2,
        })
    return pd.DataFrame(rows)


@pytest.fixture
def participants():
    return make_participants()
