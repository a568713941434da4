"""Plotly figures of a program (no Streamlit): who met whom, distinct partners per person."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go


def _layout(nodes: list[int], edges: list[tuple[int, int]], seed: int = 0) -> dict[int, tuple[float, float]]:
    """Node positions: a spring layout when networkx is available, else a circle."""
    try:
        import networkx as nx
    except ImportError:  # pragma: no cover - networkx ships with the app's dependencies
        n = max(len(nodes), 1)
        return {v: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)) for i, v in enumerate(nodes)}
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return {k: (float(x), float(y)) for k, (x, y) in nx.spring_layout(g, seed=seed, k=1.5 / math.sqrt(max(len(nodes), 1))).items()}


def network_figure(meetings: pd.DataFrame, names: dict[int, str], highlight: int | None = None) -> go.Figure:
    """Who met whom: people as dots, one line per meeting coloured by round (repeats drawn thicker).

    Parameters
    ----------
    meetings : DataFrame
        ``round, a, b`` (person ids), as :meth:`Store.meetings` returns.
    names : dict
        Person id -> display name (hover only).
    highlight : int, optional
        A person whose meetings are drawn on top.
    """
    nodes = sorted(set(names))
    pairs = meetings.groupby(["a", "b"]).agg(times=("round", "size"), last=("round", "max")).reset_index()
    pos = _layout(nodes, list(zip(pairs["a"], pairs["b"])))
    fig = go.Figure()
    rounds = sorted(meetings["round"].unique())
    palette = ["#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#FF9DA6", "#9D755D"]
    for k, r in enumerate(rounds):
        sub = pairs[pairs["last"] == r]
        xs, ys = [], []
        for a, b in zip(sub["a"], sub["b"]):
            xs += [pos[a][0], pos[b][0], None]
            ys += [pos[a][1], pos[b][1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=f"round {r}", hoverinfo="skip",
                                 line=dict(width=1, color=palette[k % len(palette)])))
    rep = pairs[pairs["times"] > 1]
    if len(rep):
        xs, ys = [], []
        for a, b in zip(rep["a"], rep["b"]):
            xs += [pos[a][0], pos[b][0], None]
            ys += [pos[a][1], pos[b][1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="met more than once", hoverinfo="skip",
                                 line=dict(width=3.5, color="#333333")))
    degree = pd.concat([pairs["a"], pairs["b"]]).value_counts()
    fig.add_trace(go.Scatter(
        x=[pos[v][0] for v in nodes], y=[pos[v][1] for v in nodes], mode="markers", name="people",
        text=[f"{names[v]} — {int(degree.get(v, 0))} distinct partners" for v in nodes], hoverinfo="text",
        marker=dict(size=[14 if v == highlight else 8 for v in nodes], color=[int(degree.get(v, 0)) for v in nodes],
                    colorscale="Viridis", showscale=True, colorbar=dict(title="partners"),
                    line=dict(width=[2 if v == highlight else 0 for v in nodes], color="#000"))))
    fig.update_layout(title="Who met whom", showlegend=True, height=560, margin=dict(l=10, r=10, t=40, b=10),
                      xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"),
                      legend=dict(orientation="h", yanchor="bottom", y=-0.08))
    return fig


def partners_figure(people: pd.DataFrame) -> go.Figure:
    """Histogram of distinct partners per person, with sit-outs stacked beside it."""
    counts = people["distinct_partners"].value_counts().sort_index()
    fig = go.Figure(go.Bar(x=counts.index.astype(int), y=counts.values, text=counts.values, textposition="outside",
                           marker_color="#4C78A8", name="people"))
    fig.update_layout(title="Distinct partners per person", xaxis_title="distinct partners so far",
                      yaxis_title="people", height=320, margin=dict(l=10, r=10, t=40, b=10))
    fig.update_xaxes(dtick=1)
    return fig


def sit_out_figure(people: pd.DataFrame) -> go.Figure:
    """How many people sat out 0, 1, 2 ... times (byes, unmatched, triad thirds)."""
    total = (people["byes"] + people["unmatched"] + people["triad_third"]).value_counts().sort_index()
    fig = go.Figure(go.Bar(x=np.asarray(total.index, dtype=int), y=total.values, text=total.values,
                           textposition="outside", marker_color="#F58518"))
    fig.update_layout(title="Times sat out (bye, unmatched or third of a triad)", xaxis_title="times",
                      yaxis_title="people", height=320, margin=dict(l=10, r=10, t=40, b=10))
    fig.update_xaxes(dtick=1)
    return fig
