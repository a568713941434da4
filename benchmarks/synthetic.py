"""Synthetic participants tables of any size for benchmarks (fabricated, varied text)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from matching.intake.taxonomy import CAREER_STAGES, ROLES

DOMAINS = [
    ("LLM serving", "vllm, kubernetes, python, gpu inference"), ("recommender systems", "python, pytorch, recsys, spark"),
    ("fraud detection", "xgboost, sql, python, feature stores"), ("data platforms", "airflow, dbt, spark, snowflake"),
    ("computer vision", "pytorch, opencv, cv, edge ml"), ("forecasting", "python, statsmodels, prophet, sql"),
    ("MLOps infrastructure", "kubernetes, terraform, mlflow, kubeflow"), ("NLP", "transformers, huggingface, nlp"),
    ("growth analytics", "sql, ab testing, looker, python"), ("healthcare AI", "python, fhir, pytorch, privacy"),
    ("robotics", "ros, c++, reinforcement learning"), ("developer tools", "go, typescript, cicd, docker"),
]
VERBS = ["I build", "I work on", "Currently shipping", "Exploring", "Leading a team on", "Learning", "Researching"]
WANTS = ["someone also working on {d}", "a more senior person in {d}", "anyone curious about {d}",
         "a founder who cares about {d}", "someone to swap war stories about {d}", ""]
ZONES = [("Europe/Berlin", 52.5, 13.4), ("America/New_York", 40.7, -74.0), ("Asia/Kolkata", 12.97, 77.6),
         ("Africa/Lagos", 6.45, 3.39), ("America/Sao_Paulo", -23.5, -46.6), ("Europe/London", 51.5, -0.1),
         ("America/Los_Angeles", 37.8, -122.4), ("Asia/Tokyo", 35.7, 139.7)]


def synthetic_participants(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    stages = list(CAREER_STAGES)
    rows = []
    for i in range(n):
        d, skills = DOMAINS[int(rng.integers(len(DOMAINS)))]
        d2 = DOMAINS[int(rng.integers(len(DOMAINS)))][0]
        s = int(rng.integers(len(stages)))
        z = ZONES[int(rng.integers(len(ZONES)))]
        role = ROLES[int(rng.integers(len(ROLES) - 1))]
        rows.append({
            "id": f"s{i:05d}", "name": f"Synthetic Person {i}", "email": "", "role": role, "role_raw": role,
            "career_stage": stages[s], "stage_ordinal": CAREER_STAGES[stages[s]][0],
            "years_experience": CAREER_STAGES[stages[s]][1], "location": "", "timezone": z[0], "lat": z[1], "lon": z[2],
            "summary": f"{VERBS[int(rng.integers(len(VERBS)))]} {d} and {d2} (#{i % 97}).", "skills": skills,
            "interests": d2, "wants": WANTS[int(rng.integers(len(WANTS)))].format(d=d2),
            "similar_role_required": bool(rng.random() < 0.1), "side": "peer", "capacity": 1,
            "keep_registered": True, "submitted_at": pd.NaT, "row": i + 2,
        })
    return pd.DataFrame(rows)
