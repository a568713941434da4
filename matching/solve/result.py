"""What a solve returns: the round's groups, the unmatched with reasons, bounds and how it was proven."""

from __future__ import annotations

import math

from dataclasses import dataclass, field

FLOOR = "floor"
UNMATCHED_CODES = ("no_allowed_partner", "partners_taken", "bye", "capacity", "locked_conflict")
SOLVERS = ("auto", "highs", "cbc", "rustworkx")
PEER, MENTOR, MENTEE = 0, 1, 2


@dataclass(frozen=True)
class Unmatched:
    """One person left without a group, and why.

    Attributes
    ----------
    index : int
        Row index of the person.
    code : str
        One of :data:`UNMATCHED_CODES`: ``no_allowed_partner`` (every potential partner is ruled
        out), ``partners_taken`` (allowed partners exist but are all in other groups), ``bye``
        (odd count, ``odd="bye"``), ``capacity`` (a mentee whose allowed mentors are all full) or
        ``locked_conflict`` (the locked pairs cannot all be honoured).
    ruled_out : dict
        Constraint name -> how many potential partners that constraint alone rules out for this
        person (names from ``forbidden`` plus ``"floor"``; zero counts are left out). For
        ``locked_conflict`` entries in ``Solution.diagnosis`` it names the constraints that block
        the locked pair (count 1 per blocked pair) or ``"capacity"`` for too many locks; it is
        empty when the person is simply in two locked pairs in peer mode.
    available : int
        How many partners every hard constraint allows for this person.
    """

    index: int
    code: str
    ruled_out: dict[str, int]
    available: int


@dataclass(frozen=True)
class Solution:
    """A solved round.

    Attributes
    ----------
    groups : list of tuple
        Pairs ``(i, j)`` with ``i < j``; in peer triad mode at most one sorted triad; in two-sided
        mode every group is a pod ``(mentor, mentee1, mentee2, ...)`` with mentees sorted.
    group_scores : list of float
        Per group, the mean quality of the pairs that meet (one pair; the three pairs of a
        triad; the mentor-mentee pairs of a pod).
    unmatched : list of Unmatched
        Everyone not in a group, sorted by index.
    backups : dict
        Person -> up to ``n_backups`` alternates (allowed, above the floor, never a group-mate),
        each person used as a backup at most ``backup_cap`` times. Every index is a key (the dict
        is empty when the round is infeasible).
    objective : float
        ``sum(weight) + fairness * lowest pair quality`` over the solved matching (locked pairs
        included, before a triad is formed); no cardinality bonus. NaN when infeasible.
    total_quality, lowest_quality : float
        Sum and minimum of ``group_scores`` (``lowest_quality`` is NaN without groups).
    upper_bound : float
        Proven upper bound on the objective of the dense problem (all allowed pairs, same
        constraints, same maximum cardinality).
    gap : float
        ``(upper_bound - objective) / max(|upper_bound|, 1e-9)``: how far the pairing can be from
        the best possible over all pairs.
    solver : str
        ``"HiGHS"`` (its ILP, or its LPs: the fairness scan, or pricing's integral optimum when ties
        hid better pairs from the candidates), ``"CBC"``, ``"rustworkx"`` or ``"trivial"`` (nothing
        to optimise).
    status, sol_status : str
        PuLP's ``LpStatus`` and ``LpSolution`` strings (the exact algorithms report
        ``"Optimal"`` / ``"Optimal Solution Found"``).
    time_s : float
        Wall time of the whole call.
    n_candidate_edges : int
        Pairs the final model considered (candidate edges plus locked pairs).
    optimal : bool
        True only when the pairing is proven the best over *all* allowed pairs (``proof`` is set and
        ``gap`` is 0 up to rounding). ``status`` alone ("Optimal") only speaks for the candidate graph.
    diagnosis : list of Unmatched or None
        The people whose locked pairs conflict, with the blocking constraint names.
    messages : tuple of str
        Plain notes for the organizer (solver overran its limit, fell back to the start pairing...).
    proof : str
        How the pairing was proven best over *all* allowed pairs, not just the candidates:
        ``"all_pairs"`` (the candidates were every allowed pair), ``"priced"`` (every pair that could
        improve on it was a candidate), ``"lp_bound"`` (the LP bound with odd-set cuts equals its
        objective, up to rounding: ``gap`` is that rounding, below 1e-9), ``"bound"`` (fairness or mentoring:
        the dense bound meets the objective) or ``""`` (not proven: the pairing may be up to ``gap``
        below the best possible). With fairness, ``"priced"`` means the threshold scan priced every
        allowed pair at every threshold it visited.
    pricing_rounds : int
        LP pricing passes (each may widen the candidates and re-solve); 0 when pricing did not run.
    graph_gap : float
        Pairing on a nearest-neighbour candidate graph (very large rounds, ``candidates="ann"``): the
        proven distance to the best pairing *on that graph*; ``gap`` is then infinite, since nothing
        bounds the pairs outside it. NaN otherwise.
    pairs : list of tuple
        The solved matching's pairs ``(i, j)``, locked pairs included, before the odd person joins
        a triad: the pairing ``objective`` scores.
    """

    groups: list[tuple[int, ...]]
    group_scores: list[float]
    unmatched: list[Unmatched]
    backups: dict[int, list[int]]
    objective: float
    total_quality: float
    lowest_quality: float
    upper_bound: float
    gap: float
    solver: str
    status: str
    sol_status: str
    time_s: float
    n_candidate_edges: int
    optimal: bool
    diagnosis: list[Unmatched] | None = None
    messages: tuple[str, ...] = ()
    proof: str = ""
    pricing_rounds: int = 0
    graph_gap: float = math.nan
    pairs: list[tuple[int, int]] = field(default_factory=list)

    @property
    def claim(self) -> str:
        """The solver's result in plain words: proven best, or how far from the best it may be."""
        if self.diagnosis is not None:
            return "No pairing: some locked pairs cannot all be honoured."
        if self.optimal:
            return f"{self.solver}: proven the best pairing over all allowed pairs."
        if not math.isnan(self.graph_gap):
            on_graph = "proven best" if self.graph_gap == 0 else f"at most {self.graph_gap:.2%} below the best (proven)"
            return (f"{self.solver}: {on_graph} on a nearest-neighbour candidate graph of {self.n_candidate_edges:,} "
                    "pairs; not proven over all pairs (pairs outside the graph are not bounded).")
        if self.status == "Optimal":
            return (f"{self.solver}: best on its candidate pairs, not proven over all pairs; at most "
                    f"{self.gap:.2%} below the best possible.")
        return f"{self.solver} stopped before proving the best pairing ({self.status}); at most {self.gap:.2%} below it."
