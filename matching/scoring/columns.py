"""The organizer's own form columns as signals and rules.

A column the mapping did not use can feed the pairing in one of these ways (``Settings.column_signals``):

- ``tags``      multi-choice answers ("NLP, Vision"): Jaccard overlap of the chosen options;
- ``same``      single choice: 1 when both gave the same answer, 0 otherwise;
- ``closeness`` ordinal scale (year of study, agree..disagree): 1 - distance on the scale;
- ``gap``       numbers: 1 - |a - b| / range;
- ``embed``     free text: similarity of the two answers' embeddings;
- ``profile`` / ``wants``: free text added to the profile or the "what I want" text (no own weight).

Each signal is a named N x N matrix in [0, 1] with its own weight (keyed by the column header).
``Settings.column_rules`` turns a column into a rule: ``only_same`` and ``never_same`` are hard
masks (added to ``Constraints.forbidden`` by ``solve.rules.build_constraints``), ``prefer_different``
is a bonus on the solver's objective for pairs who answered differently.

With ``column_signals=None`` (the default) the form's obvious topic/multi-select columns, as judged
by :func:`matching.intake.profile.profile_columns`, are used as ``tags`` signals with zero clicks.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from ..issues import Issue
from ..settings import COLUMN_SIGNAL_USES, DEFAULT_COLUMN_WEIGHT, Settings

PREFER_DIFFERENT_BONUS = 0.1  # objective bonus (score points) for a pair that answered a 'prefer different' column differently
RULE_LABELS = {"only_same": "only pair the same {c}", "never_same": "never pair the same {c}",
               "prefer_different": "prefer different {c}"}
TEXT_FIELD_PREFIX = "column:"  # vectors of an 'embed' column live under "column:<header>"


def _profile(values):
    from ..intake.profile import column_kind

    return column_kind(values)


def _cells(participants: pd.DataFrame, column: str) -> list[str]:
    return ["" if pd.isna(v) else str(v).strip() for v in participants[column].tolist()]


def resolve_column_signals(participants: pd.DataFrame, column_signals: Mapping[str, str] | None) -> dict[str, str]:
    """The column signals in force: the explicit ones, or (``None``) the form's obvious multi-select columns.

    Parameters
    ----------
    participants : DataFrame
        Participants table; the form's own columns follow the canonical ones.
    column_signals : mapping or None
        ``Settings.column_signals``.

    Returns
    -------
    dict
        Column header -> use, for the columns to use.
    """
    if column_signals is not None:
        return dict(column_signals)
    from ..intake.fields import PARTICIPANT_COLUMNS
    from ..intake.profile import profile_columns

    # Only a column with list separators can be an automatic (multi-select) signal: a cheap look at
    # the first cells keeps a form with thousands of columns from being profiled in full.
    canonical = set(PARTICIPANT_COLUMNS)
    positions = [j for j, c in enumerate(participants.columns) if c not in canonical]
    if not positions:
        return {}
    head = participants.iloc[:200, positions].to_numpy(dtype=object)  # one block, not one Series per column
    candidates = [participants.columns[j] for j, k in zip(positions, range(len(positions)))
                  if _has_separators(head[:, k])]
    if not candidates:
        return {}
    return {c: s.use for c, s in profile_columns(participants[candidates]).items() if s.default_on}


def _has_separators(cells) -> bool:
    """Whether at least one in ten of the (first) answers holds a list separator ("A, B", "A; B")."""
    cells = [v for v in cells if isinstance(v, str) and v.strip()]
    return bool(cells) and sum(any(s in v for s in ",;|\n") for v in cells) >= 0.1 * len(cells)


def text_columns(participants: pd.DataFrame, settings: Settings | None) -> dict[str, list[str]]:
    """Columns whose text is embedded: ``{"profile": [...], "wants": [...], "embed": [...]}`` (present ones only)."""
    out: dict[str, list[str]] = {"profile": [], "wants": [], "embed": []}
    if settings is None or settings.column_signals is None:
        return out  # automatic column signals are multi-selects (tags), never text
    for column, use in resolve_column_signals(participants, settings.column_signals).items():
        if use in out and column in participants:
            out[use].append(column)
    return out


def _jaccard(sets: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Jaccard overlap of option sets (sparse incidence) and who answered."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, options in enumerate(sets):
        for o in options:
            rows.append(i)
            cols.append(vocab.setdefault(o, len(vocab)))
    n = len(sets)
    answered = np.array([bool(s) for s in sets], bool)
    if not vocab:
        return np.zeros((n, n)), answered
    inc = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    inter = (inc @ inc.T).toarray()
    sizes = np.asarray(inc.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, inter / union, 0.0), answered


def answer_sets(cells: list[str], profile) -> list[frozenset[str]]:
    """Each person's chosen options, casefolded (one option for single-choice columns)."""
    return [frozenset(o.casefold() for o in profile.split(c)) for c in cells]


def _ranks(cells: list[str], profile) -> np.ndarray:
    return np.array([np.nan if (r := profile.rank(c)) is None else r for c in cells], float)


def column_signal(participants: pd.DataFrame, column: str, use: str,
                  vectors: Mapping[str, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """One column's signal and where it is defined.

    Parameters
    ----------
    participants : DataFrame
    column : str
        Header of the column.
    use : {"tags", "same", "closeness", "gap", "embed"}
    vectors : mapping, optional
        Needed for ``embed``: the vectors under ``"column:<header>"``.

    Returns
    -------
    matrix : ndarray
        N x N in [0, 1], diagonal 0.
    available : ndarray
        N x N bool: both people answered (pairs without an answer are skipped, not penalised).
    """
    cells = _cells(participants, column)
    profile = _profile(cells)
    if use in ("tags", "same"):
        sets = answer_sets(cells, profile) if use == "tags" else [frozenset([c.casefold()]) if c else frozenset()
                                                                  for c in cells]
        m, answered = _jaccard(sets)
        if use == "same":
            m = (m >= 1.0).astype(float)
    elif use in ("closeness", "gap"):
        ranks = _ranks(cells, profile)
        answered = ~np.isnan(ranks)
        m = 1.0 - np.abs(ranks[:, None] - ranks[None, :])
    elif use == "embed":
        vec = np.asarray((vectors or {})[TEXT_FIELD_PREFIX + column])
        answered = np.any(vec != 0, axis=1)
        m = np.clip(vec @ vec.T, 0.0, 1.0).astype(np.float64)
    else:
        raise ValueError(f"The use of column '{column}' must be one of {', '.join(COLUMN_SIGNAL_USES)}. "
                         f"Got {use!r} instead.")
    m = np.clip(np.nan_to_num(m, nan=0.0), 0.0, 1.0)
    np.fill_diagonal(m, 0.0)
    return m, answered[:, None] & answered[None, :]


def column_signals(participants: pd.DataFrame, settings: Settings, vectors: Mapping[str, np.ndarray] | None = None):
    """Every column signal in force for a survey.

    Returns
    -------
    matrices, available : dict
        Column header -> N x N matrix / N x N bool.
    weights : dict
        Column header -> weight (from ``settings.weights``, else the default column weight).
    issues : list of Issue
        Columns named in the settings that this survey does not have (skipped).
    """
    n = len(participants)
    matrices, available, weights, issues = {}, {}, {}, []
    for column, use in resolve_column_signals(participants, settings.column_signals).items():
        if use not in COLUMN_SIGNAL_USES:
            continue  # profile / wants text: part of the built-in text signals
        weights[column] = float(settings.weights.get(column, DEFAULT_COLUMN_WEIGHT))
        if column not in participants:
            issues.append(Issue("warning", f"The column signal '{column}' names a column this survey does not have; "
                                           "it was skipped.", "Check the column name, or remove the signal."))
            matrices[column], available[column] = np.zeros((n, n)), np.zeros((n, n), bool)
            continue
        matrices[column], available[column] = column_signal(participants, column, use, vectors)
    return matrices, available, weights, issues


def _same_answers(participants: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """N x N bool "answered the same" (multi-choice: share an option) and who answered."""
    cells = _cells(participants, column)
    sets = answer_sets(cells, _profile(cells))
    overlap, answered = _jaccard(sets)
    same = overlap > 0
    np.fill_diagonal(same, False)
    return same, answered


def column_rule_masks(participants: pd.DataFrame, settings: Settings,
                      issues: list[Issue] | None = None) -> dict[str, np.ndarray]:
    """Hard rules on form columns as named ``forbidden`` masks (True = these two must not meet).

    ``only_same`` forbids pairs who answered differently (someone who left the column blank is not
    restricted); ``never_same`` forbids pairs who gave the same answer (multi-choice: any shared
    option). Keys are ``"<rule>:<column>"``; :func:`rule_label` gives their words. Rules naming a
    column the survey does not have are skipped and reported in ``issues`` (when given).
    """
    if issues is not None:
        issues.extend(column_rule_issues(participants, settings))
    masks = {}
    for column, rule in settings.column_rules.items():
        if rule == "prefer_different" or column not in participants:
            continue
        same, answered = _same_answers(participants, column)
        both = answered[:, None] & answered[None, :]
        mask = both & ~same if rule == "only_same" else same
        np.fill_diagonal(mask, False)
        masks[f"{rule}:{column}"] = mask
    return masks


def column_rule_bonus(participants: pd.DataFrame, settings: Settings) -> np.ndarray | float:
    """Objective bonus for pairs who answered a ``prefer_different`` column differently (0 if none)."""
    bonus: np.ndarray | float = 0.0
    for column, rule in settings.column_rules.items():
        if rule != "prefer_different" or column not in participants:
            continue
        same, answered = _same_answers(participants, column)
        different = answered[:, None] & answered[None, :] & ~same
        np.fill_diagonal(different, False)
        bonus = bonus + PREFER_DIFFERENT_BONUS * different
    return bonus


def column_rule_issues(participants: pd.DataFrame, settings: Settings) -> list[Issue]:
    """Rules naming a column this survey does not have (they are skipped)."""
    return [Issue("warning", f"The rule '{rule_label(f'{r}:{c}')}' names a column this survey does not have; "
                             "it was skipped.", "Check the column name, or remove the rule.")
            for c, r in settings.column_rules.items() if c not in participants]


def rule_label(key: str) -> str | None:
    """Words for a column-rule mask key such as ``"never_same:Team"`` (None for other keys)."""
    rule, _, column = key.partition(":")
    if rule not in RULE_LABELS or not column:
        return None
    return RULE_LABELS[rule].format(c=column.strip())
