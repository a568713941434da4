"""Numbers that describe a round: score spread, preferences honoured, popularity exposure, mixes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .intake.taxonomy import ROLES, SIMILAR_ROLE_THRESHOLD, role_affinity

WANTS_FIT_THRESHOLD = 0.35  # directed wants fit (cosine) counted as "what they asked for was met"


def gini(values) -> float:
    """Gini index of non-negative counts (0 = perfectly even, ->1 = concentrated on one person)."""
    x = np.sort(np.asarray(values, dtype=float))
    if x.size == 0 or x.sum() == 0:
        return 0.0
    n = x.size
    return float((2 * np.arange(1, n + 1) - n - 1) @ x / (n * x.sum()))


def top_k_appearances(score: np.ndarray, k: int = 5) -> np.ndarray:
    """How often each person is in someone else's top-k candidate list."""
    s = score.copy()
    np.fill_diagonal(s, -np.inf)
    k = min(k, max(len(s) - 1, 0))
    if k == 0:
        return np.zeros(len(s), dtype=int)
    top = np.argpartition(-s, kth=k - 1, axis=1)[:, :k]
    return np.bincount(top.ravel(), minlength=len(s))


def meeting_pairs(result) -> list[tuple[int, int]]:
    """The pairs that actually meet (triads: all three pairs; mentoring pods: mentor-mentee)."""
    pairs = []
    cons = result.constraints
    for members in result.solution.groups:
        members = list(members)
        if cons.two_sided and len(members) > 2:
            mentor = next((m for m in members if cons.sides[m] == 1), members[0])
            pairs += [(mentor, m) for m in members if m != mentor]
        else:
            pairs += [(a, b) for ai, a in enumerate(members) for b in members[ai + 1:]]
    return pairs


@dataclass
class RoundMetrics:
    summary: dict
    exposure: pd.DataFrame      # per person: name, role, top5, in_groups, as_backup
    role_pairs: pd.DataFrame    # role x role counts of meeting pairs (symmetric)
    stage_mix: pd.DataFrame     # stage gap -> count of meeting pairs
    stage_pairs: pd.DataFrame   # stage x stage counts


def role_labels(participants: pd.DataFrame) -> list[str]:
    """Each person's role label: known roles as normalised, an organizer's own label as written."""
    roles = participants["role"] if "role" in participants else pd.Series(["Other"] * len(participants))
    return [str(r).strip() if isinstance(r, str) and r.strip() else "Other" for r in roles]


def _role_order(labels: list[str]) -> list[str]:
    """Known roles in the taxonomy's order, then the organizer's own labels alphabetically."""
    present = set(labels)
    return [r for r in ROLES if r in present] + sorted(present - set(ROLES))


def _partners(n: int, pairs: list[tuple[int, int]]) -> dict[int, list[int]]:
    partners: dict[int, list[int]] = {i: [] for i in range(n)}
    for a, b in pairs:
        partners[a].append(b)
        partners[b].append(a)
    return partners


def _preferences(result, partners: dict[int, list[int]], labels: list[str]) -> dict:
    """Who asked for a similar role / wrote what they want, and how many of them got it."""
    p = result.participants
    n = len(p)
    asked = p["similar_role_required"].fillna(False).astype(bool).to_numpy() if "similar_role_required" in p else np.zeros(n, bool)
    affinity = role_affinity(labels, "peer")
    similar_ok = [bool(partners[i]) and all(affinity[i, j] >= SIMILAR_ROLE_THRESHOLD for j in partners[i])
                  for i in np.flatnonzero(asked)]
    has_wants = p["wants"].fillna("").astype(str).str.strip().ne("").to_numpy() if "wants" in p else np.zeros(n, bool)
    wants_ok = [bool(partners[i]) and max(result.signals.wants_fit[i, j] for j in partners[i]) >= WANTS_FIT_THRESHOLD
                for i in np.flatnonzero(has_wants)]
    return {"similar_role_asked": int(asked.sum()),
            "similar_role_honoured": float(np.mean(similar_ok)) if similar_ok else float("nan"),
            "wants_stated": int(has_wants.sum()),
            "wants_honoured": float(np.mean(wants_ok)) if wants_ok else float("nan")}


def _mixes(p: pd.DataFrame, pairs: list[tuple[int, int]], labels: list[str]):
    """Role x role counts, stage gaps and stage x stage counts of the meeting pairs."""
    n = len(p)
    order = _role_order(labels)
    role_pairs = pd.DataFrame(0, index=order, columns=order)
    stages = p["career_stage"].fillna("Unknown").astype(str).tolist() if "career_stage" in p else ["Unknown"] * n
    ordinal = pd.to_numeric(p.get("stage_ordinal", pd.Series([-1] * n)), errors="coerce").fillna(-1).astype(int).to_numpy()
    gaps = []
    stage_pairs: dict[tuple[str, str], int] = {}
    for a, b in pairs:
        ra, rb = labels[a], labels[b]
        role_pairs.loc[ra, rb] += 1
        if ra != rb:
            role_pairs.loc[rb, ra] += 1
        sa, sb = sorted((stages[a], stages[b]))
        stage_pairs[(sa, sb)] = stage_pairs.get((sa, sb), 0) + 1
        gaps.append("unknown" if ordinal[a] < 0 or ordinal[b] < 0 else
                    ("same stage" if ordinal[a] == ordinal[b] else
                     "adjacent stages" if abs(ordinal[a] - ordinal[b]) == 1 else "2+ stages apart"))
    stage_mix = (pd.Series(gaps, dtype=str).value_counts()
                 .reindex(["same stage", "adjacent stages", "2+ stages apart", "unknown"], fill_value=0)
                 .rename_axis("stage_gap").reset_index(name="pairs"))
    stage_df = pd.DataFrame([{"stage_a": a, "stage_b": b, "pairs": c} for (a, b), c in stage_pairs.items()])
    return role_pairs, stage_mix, stage_df


def round_metrics(result, k_top: int = 5) -> RoundMetrics:
    """Compute the round's metrics from a :class:`matching.round.RoundResult`.

    Parameters
    ----------
    result : RoundResult
    k_top : int
        Length of the top-k candidate lists used for popularity exposure.

    Returns
    -------
    RoundMetrics
    """
    p = result.participants
    sol = result.solution
    n = len(p)
    scores = np.asarray(sol.group_scores, dtype=float)
    pairs = meeting_pairs(result)
    labels = role_labels(p)
    partners = _partners(n, pairs)

    # Popularity exposure: demand (top-k lists) vs what people actually got (groups and backup slots).
    top = top_k_appearances(result.score_matrix(), k_top)  # rebuilt from the signals for a slim result
    in_groups = np.array([len(partners[i]) for i in range(n)])
    as_backup = np.zeros(n, dtype=int)
    for b in (sol.backups or {}).values():
        for j in b:
            as_backup[j] += 1
    exposure = pd.DataFrame({"id": p["id"].astype(str), "name": p["name"].astype(str), "role": p["role"],
                             "top5": top, "in_groups": in_groups, "as_backup": as_backup})
    role_pairs, stage_mix, stage_df = _mixes(p, pairs, labels)

    backups = sol.backups or {}
    matched = result.assignments["status"].ne("unmatched").to_numpy()
    summary = {
        "participants": n,
        "groups": len(sol.groups),
        "pairs": int(sum(1 for g in sol.groups if len(g) == 2)),
        "triads": int(sum(1 for g in sol.groups if len(g) == 3 and not result.constraints.two_sided)),
        "unmatched": int((~matched).sum()),
        "median_score": float(np.median(scores)) if scores.size else float("nan"),
        "q1_score": float(np.quantile(scores, 0.25)) if scores.size else float("nan"),
        "q3_score": float(np.quantile(scores, 0.75)) if scores.size else float("nan"),
        "lowest_score": float(scores.min()) if scores.size else float("nan"),
        "mean_score": float(scores.mean()) if scores.size else float("nan"),
        "total_score": float(scores.sum()),
        **_preferences(result, partners, labels),
        "gini_top5": gini(top),
        "gini_final": gini(in_groups + as_backup),
        "backup_coverage_1": float(np.mean([len(backups.get(i, [])) >= 1 for i in range(n)])) if n else 0.0,
        "backup_coverage_2": float(np.mean([len(backups.get(i, [])) >= 2 for i in range(n)])) if n else 0.0,
        "objective": float(sol.objective),
        "gap": float(sol.gap),
        "solver": sol.solver,
        "status": sol.status,
        "solve_time_s": float(sol.time_s),
    }
    return RoundMetrics(summary, exposure, role_pairs, stage_mix, stage_df)
