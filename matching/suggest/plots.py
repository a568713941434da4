"""Plotly figure for suggestions (pure: no streamlit): exposure before and after the cap."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .suggest import Suggestions

HOW_TO_READ = ("People sorted from least to most suggested; each curve shows the share of all list places that "
               "goes to the least-suggested share of people. The diagonal is perfectly even exposure; the lower a "
               "curve sags, the more a few popular profiles take up everyone's lists (Gini index in the legend).")


def lorenz(exposure) -> tuple[np.ndarray, np.ndarray]:
    """Lorenz curve points ``(share of people, share of list places)`` from (0, 0) to (1, 1)."""
    x = np.sort(np.asarray(exposure, dtype=float))
    total = x.sum()
    people = np.linspace(0.0, 1.0, x.size + 1)
    places = np.r_[0.0, np.cumsum(x) / total] if total > 0 else people
    return people, places


def exposure_figure(result: Suggestions) -> go.Figure:
    """Lorenz curves of how often each person is suggested: plain top-k vs the final lists.

    Parameters
    ----------
    result : Suggestions

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line=dict(color="#ADB5BD", dash="dot"),
                             name="perfectly even", hoverinfo="skip"))
    for exposure, label, color, g in [
        (result.exposure_before, "plain top-k", "#868E96", result.gini_before),
        (result.exposure_after, f"diversified, capped at {result.cap} lists", "#4C6EF5", result.gini_after),
    ]:
        x, y = lorenz(exposure)
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines", line=dict(color=color, width=3), name=f"{label} (Gini {g:.2f})",
                                 hovertemplate="least-suggested %{x:.0%} of people get %{y:.0%} of list places<extra></extra>"))
    fig.update_layout(title=dict(text="Who gets suggested: exposure before and after the cap", x=0, font=dict(size=16)),
                      height=380, margin=dict(l=10, r=10, t=50, b=10), template="plotly_white",
                      legend=dict(orientation="h", y=-0.2),
                      xaxis=dict(title="share of people (least suggested first)", tickformat=".0%", range=[0, 1]),
                      yaxis=dict(title="share of list places", tickformat=".0%", range=[0, 1]))
    return fig
