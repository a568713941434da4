"""Role and career-stage vocabularies, and the role-affinity tables (editable data, not code)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

ROLES: tuple[str, ...] = (
    "ML Engineer",
    "ML Scientist/Researcher",
    "Software Engineer",
    "Data Scientist",
    "Data Engineer",
    "Founder",
    "Management",
    "Sales and Marketing",
    "Student",
    "Other",
)

# Career stages in order; value = (ordinal, approximate years of experience).
CAREER_STAGES: dict[str, tuple[int, float]] = {
    "Undergrad / New Grad": (0, 0.0),
    "Graduate Student": (1, 1.0),
    "1 - 3 Years of Experience": (2, 2.0),
    "3 - 5 Years of Experience": (3, 4.0),
    "5 - 10 Years of Experience": (4, 7.5),
    "10+ Years of Experience": (5, 12.0),
}
UNKNOWN_STAGE = "Unknown"

# Symmetric affinity between roles for peer programs ("people like me"). Missing pairs = 0.2,
# the same role = 1.0. Values are judgement calls an organizer may edit.
PEER_AFFINITY: dict[tuple[str, str], float] = {
    ("ML Engineer", "ML Scientist/Researcher"): 0.75,
    ("ML Engineer", "Data Scientist"): 0.75,
    ("ML Engineer", "Data Engineer"): 0.75,
    ("ML Engineer", "Software Engineer"): 0.7,
    ("ML Scientist/Researcher", "Data Scientist"): 0.75,
    ("ML Scientist/Researcher", "Student"): 0.5,
    ("Data Scientist", "Data Engineer"): 0.7,
    ("Data Scientist", "Student"): 0.45,
    ("Data Engineer", "Software Engineer"): 0.75,
    ("Software Engineer", "Student"): 0.4,
    ("ML Engineer", "Student"): 0.45,
    ("Founder", "Management"): 0.7,
    ("Founder", "Sales and Marketing"): 0.5,
    ("Management", "Sales and Marketing"): 0.6,
    ("Management", "ML Engineer"): 0.4,
    ("Management", "Data Scientist"): 0.4,
    ("Founder", "ML Engineer"): 0.4,
    ("Other", "Other"): 0.6,
}

# Complementary pairs for programs that want different roles to meet (e.g. co-founder intros).
COMPLEMENT_AFFINITY: dict[tuple[str, str], float] = {
    ("Founder", "ML Engineer"): 1.0,
    ("Founder", "Software Engineer"): 1.0,
    ("Founder", "Data Scientist"): 0.85,
    ("Founder", "Data Engineer"): 0.85,
    ("Founder", "ML Scientist/Researcher"): 0.8,
    ("Founder", "Sales and Marketing"): 0.7,
    ("Management", "ML Engineer"): 0.7,
    ("Management", "Data Scientist"): 0.7,
    ("Sales and Marketing", "ML Engineer"): 0.6,
    ("Sales and Marketing", "Data Scientist"): 0.6,
    ("Student", "ML Engineer"): 0.8,
    ("Student", "ML Scientist/Researcher"): 0.8,
    ("Student", "Data Scientist"): 0.8,
    ("Student", "Software Engineer"): 0.7,
    ("ML Scientist/Researcher", "ML Engineer"): 0.7,
    ("Data Engineer", "Data Scientist"): 0.7,
}

# Two people count as "in a similar role" when their peer affinity reaches this value.
SIMILAR_ROLE_THRESHOLD = 0.7


def affinity_table(kind: str = "peer", default: float = 0.2) -> np.ndarray:
    """Return the len(ROLES) x len(ROLES) symmetric affinity table for ``kind`` ('peer' or 'complement')."""
    if kind not in ("peer", "complement"):
        raise ValueError(f"The 'role_mode' setting must be 'peer' or 'complement'. Got {kind!r} instead.")
    pairs = PEER_AFFINITY if kind == "peer" else COMPLEMENT_AFFINITY
    index = {r: i for i, r in enumerate(ROLES)}
    table = np.full((len(ROLES), len(ROLES)), default)
    for (a, b), v in pairs.items():
        table[index[a], index[b]] = table[index[b], index[a]] = v
    if kind == "peer":
        np.fill_diagonal(table, 1.0)
        table[index["Other"], index["Other"]] = PEER_AFFINITY[("Other", "Other")]
    else:
        # Same role still makes a decent complementary pair, just not the best one.
        np.fill_diagonal(table, 0.5)
    return table


def similar_roles(role: str) -> list[str]:
    """Roles that count as similar to ``role`` (itself included)."""
    table = affinity_table("peer")
    i = ROLES.index(role)
    return [r for j, r in enumerate(ROLES) if table[i, j] >= SIMILAR_ROLE_THRESHOLD]


def _role_key(role) -> str:
    """A role label compared case- and space-insensitively ("prompt designer " == "Prompt Designer")."""
    text = " ".join(str(role).split()) if isinstance(role, str) else ""
    return text.casefold() or "other"


def role_affinity(roles: Sequence[str], mode: str = "peer", default: float = 0.2) -> np.ndarray:
    """Affinity between every two people's roles, for an open role vocabulary.

    Parameters
    ----------
    roles : sequence of str
        Each person's role label: one of :data:`ROLES`, or the organizer's own free-text label
        (blank counts as "Other").
    mode : {"peer", "complement"}
        Which table to use for the known roles (see :func:`affinity_table`).
    default : float
        Affinity of pairs nothing else relates.

    Returns
    -------
    (N, N) ndarray
        Known roles: the table. The same label (case and spacing aside): the same role, 1.0 in peer
        mode (0.5 in complement mode, as the table's diagonal). A label outside :data:`ROLES` against
        any other label, in peer mode: the cosine of the two names' character n-gram TF-IDF vectors
        ("Prompt Designer" ~ "Prompt Engineer"), at least ``default``; in complement mode ``default``
        (similar names say nothing about complementing each other).
    """
    table = affinity_table(mode, default)
    known = {r.casefold(): i for i, r in enumerate(ROLES)}
    keys = [_role_key(r) for r in roles]
    labels = sorted(set(keys))
    inverse = np.array([labels.index(k) for k in keys], dtype=np.intp) if keys else np.zeros(0, dtype=np.intp)
    code = np.array([known.get(lab, -1) for lab in labels])
    A = np.full((len(labels), len(labels)), float(default))
    both = np.flatnonzero(code >= 0)
    A[np.ix_(both, both)] = table[np.ix_(code[both], code[both])]
    unknown = code < 0
    if unknown.any() and mode == "peer":
        from sklearn.feature_extraction.text import TfidfVectorizer

        names = [ROLES[c] if c >= 0 else lab for c, lab in zip(code, labels)]
        X = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True).fit_transform(names)
        cos = (X @ X.T).toarray()
        touch = unknown[:, None] | unknown[None, :]
        A[touch] = np.maximum(cos[touch], default)
    A[np.flatnonzero(unknown), np.flatnonzero(unknown)] = 1.0 if mode == "peer" else 0.5
    return A[np.ix_(inverse, inverse)]
