"""Figures and sheets for groups of 3-4 and mentoring rounds (pure: no streamlit)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

HOW_TO_READ = {
    "load": "One bar per mentor: the filled part is how many mentees they got, the outline their capacity. "
            "Red names got nobody; grey outlines are places still free.",
    "spread": "Each point is the best total fit when at least that many mentors get a mentee (every point an "
              "exact solve). Moving right spreads mentees over more mentors; the drop is the fit it costs. "
              "The ring marks the current assignment.",
}


def _layout(fig: go.Figure, title: str, height: int = 360) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0, font=dict(size=16)), height=height,
                      margin=dict(l=10, r=10, t=50, b=10), template="plotly_white",
                      legend=dict(orientation="h", y=-0.15))
    return fig


def mentor_load(mentors: pd.DataFrame) -> go.Figure:
    """Mentor load against capacity, busiest first (one horizontal bar per mentor)."""
    m = mentors.sort_values(["load", "capacity", "mentor"], ascending=[False, False, True])
    names = m["mentor"].astype(str).tolist()
    height = max(260, min(1600, 22 * len(m) + 120))
    fig = go.Figure()
    fig.add_bar(y=names, x=m["capacity"], orientation="h", name="capacity", marker_color="rgba(0,0,0,0)",
                marker_line=dict(color="#868E96", width=1.5), hovertemplate="%{y}: capacity %{x}<extra></extra>")
    colors = ["#FA5252" if v == 0 else "#4C6EF5" for v in m["load"]]
    fig.add_bar(y=names, x=m["load"], orientation="h", name="mentees", marker_color=colors,
                hovertemplate="%{y}: %{x} mentees<extra></extra>")
    fig.update_layout(barmode="overlay", showlegend=True)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="mentees", dtick=1)
    used = int((m["load"] > 0).sum())
    return _layout(fig, f"Mentor load vs capacity ({used} of {len(m)} mentors have a mentee)", height=height)


def spread_curve(curve: pd.DataFrame, mentors_used: int, total_fit: float) -> go.Figure:
    """Total fit against mentors with at least one mentee (the price of spreading the load)."""
    fig = go.Figure(go.Scatter(x=curve["mentors_used"], y=curve["total_fit"], mode="lines+markers",
                               line=dict(color="#4C6EF5"),
                               hovertemplate="%{x} mentors used<br>total fit %{y:.3f}<extra></extra>"))
    fig.add_scatter(x=[mentors_used], y=[total_fit], mode="markers", name="current",
                    marker=dict(size=18, color="rgba(0,0,0,0)", line=dict(color="#FA5252", width=3)))
    fig.update_xaxes(title="mentors with at least one mentee", dtick=1 if len(curve) < 15 else None)
    fig.update_yaxes(title="total fit")
    fig.update_layout(showlegend=False)
    return _layout(fig, "Spreading the load: total fit vs mentors used")


def mentor_sheet(mentors: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """One row per mentor and mentee (mentors without mentees get one row): the per-mentor export sheet."""
    a = assignments.set_index(assignments["id"].astype(str))
    rows = []
    for _, m in mentors.iterrows():
        ids = [x for x in str(m["mentee_ids"]).split("; ") if x]
        fits = [float(x) for x in str(m.get("mentee_fits", "")).split("; ") if x]
        if not ids:
            rows.append({"mentor_id": m["mentor_id"], "mentor": m["mentor"], "capacity": m["capacity"],
                         "load": m["load"], "mentee_id": "", "mentee": "", "fit": math.nan, "why": ""})
        for k, pid in enumerate(ids):
            r = a.loc[pid] if pid in a.index else None
            rows.append({"mentor_id": m["mentor_id"], "mentor": m["mentor"], "capacity": m["capacity"],
                         "load": m["load"], "mentee_id": pid, "mentee": "" if r is None else r["name"],
                         "fit": fits[k] if k < len(fits) else math.nan,
                         "why": "" if r is None else r["explanation"]})
    return pd.DataFrame(rows, columns=["mentor_id", "mentor", "capacity", "load", "mentee_id", "mentee", "fit", "why"])


def groups_table(groups: pd.DataFrame, shared: dict[str, list[str]]) -> pd.DataFrame:
    """The round's groups with what every member shares (for groups of 3-4)."""
    out = groups[["group_id", "members", "size", "score"]].copy()
    out["shared_by_all"] = [", ".join(shared.get(str(g), [])[:6]) for g in out["group_id"]]
    return out
