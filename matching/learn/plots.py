"""Plotly figures for the Learn screen (no Streamlit here): comparison, calibration, importances, weights."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .evaluate import MODEL_LABELS

_COLORS = {"logistic": "#2563eb", "boosting": "#16a34a"}


def _layout(fig: go.Figure, title: str, height: int = 340) -> go.Figure:
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=50, b=10), template="plotly_white",
                      legend=dict(orientation="h", y=-0.2))
    return fig


def comparison_figure(table: pd.DataFrame) -> go.Figure:
    """Fold-mean ROC-AUC (with its spread) of each model and baseline; 0.5 is a coin toss."""
    t = table.sort_values("roc_auc")
    fig = go.Figure(go.Bar(x=t["roc_auc"], y=t["model"], orientation="h", marker_color="#64748b",
                           error_x=dict(type="data", array=t["roc_auc_std"]),
                           hovertemplate="%{y}: ROC-AUC %{x:.3f}<extra></extra>"))
    fig.add_vline(x=0.5, line_dash="dot", annotation_text="coin toss")
    fig.update_xaxes(title="ROC-AUC on held-out rounds", range=[0.3, 1.0])
    return _layout(fig, "How well each model tells good meetings from bad ones")


def calibration_figure(calibration: pd.DataFrame) -> go.Figure:
    """Predicted probability vs observed share of good meetings per bin; the diagonal is perfect."""
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line=dict(dash="dot", color="#94a3b8"),
                               name="perfectly calibrated"))
    for kind, part in calibration.groupby("model"):
        fig.add_trace(go.Scatter(x=part["predicted"], y=part["observed"], mode="lines+markers",
                                 name=MODEL_LABELS.get(kind, kind), line=dict(color=_COLORS.get(kind))))
    fig.update_xaxes(title="predicted chance of a good meeting", range=[0, 1])
    fig.update_yaxes(title="share that went well", range=[0, 1])
    return _layout(fig, "Calibration on held-out rounds")


def importance_figure(importances: pd.DataFrame, kind: str) -> go.Figure:
    """Drop in held-out ROC-AUC when each feature is shuffled (permutation importance)."""
    t = importances.sort_values("importance")
    fig = go.Figure(go.Bar(x=t["importance"], y=t["feature"], orientation="h", marker_color=_COLORS.get(kind),
                           error_x=dict(type="data", array=t["std"]),
                           hovertemplate="%{y}: %{x:.3f}<extra></extra>"))
    fig.update_xaxes(title="ROC-AUC lost when shuffled")
    return _layout(fig, f"What the {MODEL_LABELS.get(kind, kind)} relies on", height=max(300, 24 * len(t) + 80))


def weights_figure(current: dict[str, float], suggested: dict[str, float]) -> go.Figure:
    """Current slider weights next to the weights the feedback suggests."""
    names = list(suggested)
    fig = go.Figure([go.Bar(name="current", x=names, y=[current.get(n, 0.0) for n in names], marker_color="#94a3b8"),
                     go.Bar(name="suggested by feedback", x=names, y=[suggested[n] for n in names],
                            marker_color="#2563eb")])
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="slider weight", range=[0, 1])
    return _layout(fig, "Slider weights: now and suggested")
