"""Synthetic feedback history with a known hidden preference, for tests, benchmarks and demos.

People like partners with a *different* role and at least one *shared* tag; some raters are
lenient (they rate everyone higher) and some people are popular (rated higher by everyone). A
learner that works recovers the signs, beats the hand-set weights, and its person effects track
the planted leniency. Every draw goes through one explicit ``numpy.random.Generator``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..intake.taxonomy import CAREER_STAGES, ROLES

TAGS = ("python", "pytorch", "kubernetes", "sql", "spark", "llms", "recsys", "cv", "nlp", "mlops",
        "fundraising", "product", "statistics", "airflow", "rust", "go")
ZONES = (("Europe/Berlin", 52.5, 13.4), ("America/New_York", 40.7, -74.0), ("Asia/Kolkata", 12.97, 77.6),
         ("Europe/London", 51.5, -0.1), ("America/Sao_Paulo", -23.5, -46.6), ("Asia/Tokyo", 35.7, 139.7))
TOPICS = ("search ranking", "LLM serving", "fraud models", "data pipelines", "vision on the edge", "forecasting",
          "a healthcare startup", "growth analytics")


@dataclass(frozen=True)
class HiddenPreference:
    """Log-odds effects of the planted preference (the truth a learner should recover)."""

    base: float = -1.1
    different_role: float = 1.2
    shared_tag: float = 1.4
    lenient_share: float = 0.3
    leniency: float = 1.5
    popular_share: float = 0.2
    popularity: float = 1.0


def synthetic_participants(n: int, rng: np.random.Generator) -> pd.DataFrame:
    """A canonical participants table of ``n`` fabricated people with roles, tags, stages and places."""
    stages = list(CAREER_STAGES)
    roles = [r for r in ROLES if r != "Other"][:5]
    rows = []
    for i in range(n):
        tags = rng.choice(len(TAGS), size=int(rng.integers(1, 4)), replace=False)
        skills = ", ".join(TAGS[t] for t in tags)
        s = int(rng.integers(len(stages)))
        z = ZONES[int(rng.integers(len(ZONES)))]
        role = roles[int(rng.integers(len(roles)))]
        topic = TOPICS[int(rng.integers(len(TOPICS)))]
        rows.append({
            "id": f"h{i:05d}", "name": f"Synthetic Person {i}", "email": f"person{i}@example.org", "role": role,
            "role_raw": role, "career_stage": stages[s], "stage_ordinal": CAREER_STAGES[stages[s]][0],
            "years_experience": CAREER_STAGES[stages[s]][1], "location": "", "timezone": z[0], "lat": z[1],
            "lon": z[2], "summary": f"I work on {topic} as a {role.lower()}, lately {TOPICS[int(rng.integers(len(TOPICS)))]} "
                                    f"with {TAGS[int(rng.integers(len(TAGS)))]} (note {i}).", "skills": skills, "interests": "",
            "wants": f"someone who knows {TOPICS[int(rng.integers(len(TOPICS)))]}" if rng.random() < 0.7 else "",
            "similar_role_required": False, "side": "peer", "capacity": 1, "keep_registered": True,
            "submitted_at": pd.NaT, "row": i + 2,
        })
    return pd.DataFrame(rows)


def _tag_sets(participants: pd.DataFrame) -> list[frozenset[str]]:
    """The same skill tags the signals read (any list style: commas, pipes, 'and')."""
    from ..scoring.signals import skill_tags

    n = len(participants)
    skills = participants["skills"] if "skills" in participants else pd.Series([""] * n)
    interests = participants["interests"] if "interests" in participants else pd.Series([""] * n)
    return [skill_tags(s, i) for s, i in zip(skills.fillna(""), interests.fillna(""))]


def synthetic_feedback(participants: pd.DataFrame, rounds: int, rng: np.random.Generator,
                       preference: HiddenPreference | None = None, met_rate: float = 0.92
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Random pairings for ``rounds`` rounds and both people's ratings of each meeting.

    Returns
    -------
    feedback : DataFrame
        The feedback contract: ``round, rater, partner, rating (1-5 or NaN), met, comment``.
    truth : DataFrame
        Per person: ``id``, planted ``leniency`` and ``popularity`` (log-odds).
    """
    pref = preference or HiddenPreference()
    n = len(participants)
    ids = participants["id"].astype(str).to_numpy()
    roles = participants["role"].astype(str).to_numpy()
    tags = _tag_sets(participants)
    lenient = np.where(rng.random(n) < pref.lenient_share, pref.leniency, 0.0)
    popular = np.where(rng.random(n) < pref.popular_share, pref.popularity, 0.0)
    records = []
    for rnd in range(1, rounds + 1):
        order = rng.permutation(n)
        for a, b in zip(order[0::2], order[1::2]):
            fit = pref.base + pref.different_role * (roles[a] != roles[b]) + pref.shared_tag * bool(tags[a] & tags[b])
            happened = rng.random() < met_rate
            for rater, partner in ((a, b), (b, a)):
                if not happened:
                    records.append((rnd, ids[rater], ids[partner], np.nan, False, ""))
                    continue
                p = 1.0 / (1.0 + np.exp(-(fit + lenient[rater] + popular[partner])))
                good = rng.random() < p
                rating = float(rng.integers(4, 6) if good else rng.integers(1, 4))
                records.append((rnd, ids[rater], ids[partner], rating, True, ""))
    feedback = pd.DataFrame(records, columns=["round", "rater", "partner", "rating", "met", "comment"])
    feedback["met"] = feedback["met"].astype(object)
    truth = pd.DataFrame({"id": ids, "leniency": lenient, "popularity": popular})
    return feedback, truth


CITIES = {"Europe/Berlin": "Berlin, Germany", "America/New_York": "New York, USA", "Asia/Kolkata": "Bengaluru, India",
          "Europe/London": "London, UK", "America/Sao_Paulo": "São Paulo, Brazil", "Asia/Tokyo": "Tokyo, Japan"}


def survey_csv(participants: pd.DataFrame) -> bytes:
    """The participants as a survey export with the usual form headers (for CLI and screen tests)."""
    out = pd.DataFrame({
        "Your name": participants["name"], "Your email address": participants["email"],
        "Which option best represents your role?": participants["role"],
        "How would you characterize your current career stage?": participants["career_stage"],
        "Where are you based?": participants["timezone"].map(CITIES).fillna(""),
        "Tweet-sized summary of yourself": participants["summary"],
        "What are your skills? In which fields do you specialize?": participants["skills"],
        "Describe what you want your buddy to be like.": participants["wants"],
    })
    return out.to_csv(index=False).encode("utf-8")


def feedback_csv(feedback: pd.DataFrame, participants: pd.DataFrame) -> bytes:
    """Feedback as an organizer would collect it: people by email, rating 1-5, met yes/no."""
    email = dict(zip(participants["id"].astype(str), participants["email"]))
    out = pd.DataFrame({"round": feedback["round"], "rater": feedback["rater"].map(email),
                        "partner": feedback["partner"].map(email),
                        "rating": feedback["rating"].map(lambda v: "" if pd.isna(v) else str(int(v))),
                        "met": feedback["met"].map(lambda v: "yes" if v is True else "no"),
                        "comment": feedback["comment"]})
    return out.to_csv(index=False).encode("utf-8")
