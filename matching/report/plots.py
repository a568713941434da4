"""Plotly figures for a round (pure: no streamlit). Each has a one-line 'how to read it'."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ..metrics import RoundMetrics, meeting_pairs, role_labels
from ..intake.taxonomy import CAREER_STAGES, ROLES

PALETTE = ["#4C6EF5", "#12B886", "#F59F00", "#E64980", "#7950F2", "#15AABF", "#FA5252", "#82C91E", "#868E96", "#BE4BDB"]
ROLE_COLORS = dict(zip(ROLES, PALETTE))

HOW_TO_READ = {
    "scores": "Each bar counts groups by match score; dashed lines mark the quartiles and median, the red line the lowest group.",
    "exposure": "People sorted by how often they are in others' top-5 lists (grey) vs. how often they were actually placed or used as a backup (blue). A lower Gini means attention is spread more evenly.",
    "roles": "How many meeting pairs join each role with each other role; the diagonal is same-role pairs.",
    "stages": "How far apart in career stage the paired people are.",
    "preferences": "Share of people whose stated preference was honoured: a similar role when they asked, and a partner who fits what they wrote they want.",
    "fairness": "Each point is a full re-solve with a different λ: moving right protects the worst-off pair more, moving down costs total score. The ring marks the current setting.",
    "map": "Everyone's profile text projected to 2-D (PCA): close dots wrote similar things. Lines join the people who were paired.",
}


TEMPLATE = pio.templates["plotly_white"]


def _figure(*traces) -> go.Figure:
    """A new figure in the plotly_white template.

    The template is attached the way plotly attaches its default template (validation off for that one
    assignment): it is plotly's own, already validated object. Setting it by name re-validated its few
    hundred properties for every figure, about 7 ms of each figure's 10-30 ms on a slider step.
    """
    fig = go.Figure(list(traces))
    layout = fig.layout
    layout._validate = False  # what plotly itself does for pio.templates.default (BaseFigure.__init__)
    try:
        layout.template = TEMPLATE
    finally:
        layout._validate = True
    return fig


def _layout(fig: go.Figure, title: str, height: int = 360) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0, font=dict(size=16)), height=height, margin=dict(l=10, r=10, t=50, b=10),
                      legend=dict(orientation="h", y=-0.15))
    return fig


def score_distribution(metrics: RoundMetrics, group_scores) -> go.Figure:
    s = np.asarray(group_scores, dtype=float)
    fig = _figure(go.Histogram(x=s, nbinsx=min(30, max(5, len(s) // 3)), marker_color="#4C6EF5", opacity=0.85,
                                 name="groups", hovertemplate="score %{x}<br>%{y} groups<extra></extra>"))
    if s.size:
        q1, med, q3 = np.quantile(s, [0.25, 0.5, 0.75])
        # Q1 left of its line, Q3 right of it, the median above: close quartiles never overprint each other.
        for x, label, dash, pos in [(q1, "Q1", "dot", "top left"), (med, "median", "dash", "top"),
                                    (q3, "Q3", "dot", "top right")]:
            fig.add_vline(x=x, line_dash=dash, line_color="#495057", annotation_text=f"{label} {x:.2f}",
                          annotation_position=pos)
        fig.add_vline(x=s.min(), line_color="#FA5252", annotation_text=f"lowest {s.min():.2f}", annotation_position="top right",
                      annotation=dict(font=dict(color="#C92A2A", size=12), bgcolor="rgba(255,255,255,0.85)", yshift=-22))
    fig.update_xaxes(title="match score")
    fig.update_yaxes(title="groups")
    return _layout(fig, "Match score distribution")


def popularity_exposure(metrics: RoundMetrics) -> go.Figure:
    e = metrics.exposure.sort_values(["top5", "name"], ascending=[False, True]).reset_index(drop=True)
    fig = _figure()
    fig.add_bar(x=e.index, y=e["top5"], name="in others' top-5 lists", marker_color="#ADB5BD",
                customdata=e[["name", "role"]], hovertemplate="%{customdata[0]} (%{customdata[1]})<br>top-5 lists: %{y}<extra></extra>")
    fig.add_bar(x=e.index, y=e["in_groups"] + e["as_backup"], name="placed (partners + backup slots)", marker_color="#4C6EF5",
                customdata=e[["name"]], hovertemplate="%{customdata[0]}<br>placed: %{y}<extra></extra>")
    s = metrics.summary
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title="participants, most in demand first", showticklabels=False)
    fig.update_yaxes(title="appearances")
    return _layout(fig, f"Popularity exposure — Gini {s['gini_top5']:.2f} in top-5 lists → {s['gini_final']:.2f} placed")


def role_heatmap(metrics: RoundMetrics) -> go.Figure:
    m = metrics.role_pairs
    keep = [r for r in m.index if m.loc[r].sum() > 0]
    m = m.loc[keep, keep]
    fig = _figure(go.Heatmap(z=m.values, x=list(m.columns), y=list(m.index), colorscale="Blues", text=m.values,
                               texttemplate="%{text}", hovertemplate="%{y} × %{x}: %{z} pairs<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, "Role × role of meeting pairs", height=420)


def stage_mix(metrics: RoundMetrics) -> go.Figure:
    d = metrics.stage_mix
    fig = _figure(go.Bar(x=d["stage_gap"], y=d["pairs"], marker_color=["#12B886", "#4C6EF5", "#7950F2", "#ADB5BD"],
                           text=d["pairs"], textposition="auto"))
    fig.update_yaxes(title="pairs")
    return _layout(fig, "Career-stage mix of pairs")


def preferences(metrics: RoundMetrics) -> go.Figure:
    s = metrics.summary
    rows = [("Similar role (when asked)", s["similar_role_honoured"], s["similar_role_asked"]),
            ("Fits what they want", s["wants_honoured"], s["wants_stated"]),
            ("Has a backup", s["backup_coverage_1"], s["participants"])]
    labels = [f"{r[0]} — {r[2]} people" for r in rows]
    vals = [0.0 if (v is None or np.isnan(v)) else v for _, v, _ in rows]
    fig = _figure(go.Bar(x=vals, y=labels, orientation="h", marker_color="#12B886",
                           text=[f"{v:.0%}" for v in vals], textposition="auto"))
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    return _layout(fig, "Stated preferences honoured", height=260)


def fairness_curve(curve: pd.DataFrame, current: float) -> go.Figure:
    fig = _figure(go.Scatter(x=curve["lowest"], y=curve["total"], mode="lines+markers+text",
                               text=[f"λ={v:g}" for v in curve["fairness"]], textposition="top center",
                               line=dict(color="#4C6EF5"), hovertemplate="lowest %{x:.3f}<br>total %{y:.2f}<extra></extra>"))
    cur = curve.iloc[(curve["fairness"] - current).abs().argsort()[:1]]
    fig.add_scatter(x=cur["lowest"], y=cur["total"], mode="markers", name="current setting",
                    marker=dict(size=18, color="rgba(0,0,0,0)", line=dict(color="#FA5252", width=3)))
    fig.update_xaxes(title="lowest pair score (worst-off)")
    fig.update_yaxes(title="total score")
    fig.update_layout(showlegend=False)
    return _layout(fig, "Price of fairness")


def map_coordinates(vectors: np.ndarray) -> np.ndarray:
    """Each person's profile vector projected to 2-D (PCA; zeros when there is too little to project).

    It depends on the survey's texts only, never on the settings, so a caller may keep it per survey."""
    from sklearn.decomposition import PCA

    v = np.asarray(vectors, dtype=float)
    return PCA(n_components=2, random_state=0).fit_transform(v) if len(v) >= 3 and v.shape[1] >= 2 else np.zeros((len(v), 2))


def participant_map(result, vectors: np.ndarray | None = None, *, xy: np.ndarray | None = None) -> go.Figure:
    """Who wrote similar things, and who was paired: the people at ``xy`` (from :func:`map_coordinates`
    of ``vectors`` when not given), coloured by role, with a line per meeting pair."""
    p = result.participants
    if xy is None:
        xy = map_coordinates(vectors)
    fig = _figure()
    xs, ys = [], []
    for a, b in meeting_pairs(result):
        xs += [xy[a, 0], xy[b, 0], None]
        ys += [xy[a, 1], xy[b, 1], None]
    fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(color="rgba(120,120,120,0.35)", width=1), name="pairs", hoverinfo="skip")
    labels = np.array(role_labels(p), dtype=object)
    own = sorted(set(labels) - set(ROLES))  # organizers' own role labels follow the known roles
    for k, role in enumerate([r for r in ROLES if r in set(labels)] + own):
        idx = np.flatnonzero(labels == role)
        if idx.size:
            color = ROLE_COLORS.get(role, PALETTE[k % len(PALETTE)])
            fig.add_scatter(x=xy[idx, 0], y=xy[idx, 1], mode="markers", name=role,
                            marker=dict(size=9, color=color, line=dict(width=0.5, color="white")),
                            text=p["name"].iloc[idx], hovertemplate="%{text}<extra>" + role + "</extra>")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, "Who wrote similar things — and who was paired", height=480)


def stage_order() -> list[str]:
    return list(CAREER_STAGES)


def count_bars(counts: pd.Series, title: str) -> go.Figure:
    """Horizontal bars of counts, drawn top to bottom in the order given."""
    fig = _figure(go.Bar(x=counts.to_numpy(), y=[str(i) for i in counts.index], orientation="h",
                           marker_color="#4C6EF5", text=counts.to_numpy(), textposition="outside",
                           textangle=0, cliponaxis=False))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="people")
    return _layout(fig, title, height=300)
