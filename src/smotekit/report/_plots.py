"""Figures of an :class:`~._compute.Analysis`, as PNG bytes (numbers in, pictures out)."""

from __future__ import annotations

import math

import numpy as np

from ._canvas import new_figure, png_bytes
from ._scatter import PALETTE, draw_before_after

MAX_FEATURE_PANELS = 12
RELIABILITY_COLOURS = ["#555555", "#D55E00", "#0072B2"]
SAMPLER_COLOURS = ["#555555", "#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]


def png(fig, dpi: int = 110) -> bytes:
    """The figure as PNG bytes, cropped to what is drawn."""
    return png_bytes(fig, dpi=dpi, bbox_inches="tight")


def all_figures(analysis) -> dict[str, bytes]:
    """Every figure of the report, by name."""
    figures = {
        "counts": counts_figure(analysis),
        "projection": projection_figure(analysis),
        "features": features_figure(analysis),
    }
    if analysis.curves:
        figures["curves"] = curves_figure(analysis)
    if analysis.reliability:
        figures["reliability"] = reliability_figure(analysis)
    return figures


def table_mean(analysis, sampler: str, classifier: str, metric: str) -> float:
    """The metric's mean over the test folds, as in the report's table (NaN if absent)."""
    table = analysis.comparison
    hit = table[
        (table["sampler"] == sampler)
        & (table["classifier"] == classifier)
        & (table["metric"] == metric)
    ]
    return float(hit["mean"].iloc[0]) if len(hit) else math.nan


def _legend(name: str, short: str, value: float) -> str:
    return name if math.isnan(value) else f"{name} ({short} {value:.3f})"


def reliability_figure(analysis) -> bytes:
    """Predicted against observed minority share, one panel per classifier: no resampling,
    the resampling shown, and the same corrected for the prior shift."""
    classifiers = list(dict.fromkeys(r["classifier"] for r in analysis.reliability))
    names = list(dict.fromkeys(r["sampler"] for r in analysis.reliability))
    styles = {
        name: {"color": RELIABILITY_COLOURS[i % len(RELIABILITY_COLOURS)], "marker": "o"}
        for i, name in enumerate(names)
    }
    if "none" in styles:
        styles["none"].update(linestyle="--")
    fig = new_figure(figsize=(3.9 * len(classifiers), 3.9))
    axes = fig.subplots(1, len(classifiers), squeeze=False)[0]
    for ax, classifier in zip(axes, classifiers, strict=True):
        top = 0.0
        for r in analysis.reliability:
            if r["classifier"] != classifier:
                continue
            gap = table_mean(analysis, r["sampler"], classifier, "calibration_gap")
            label = r["sampler"] if math.isnan(gap) else f"{r['sampler']} (gap {gap:+.3f})"
            ax.plot(
                r["predicted"],
                r["observed"],
                linewidth=1.5,
                markersize=3.5,
                label=label,
                **styles[r["sampler"]],
            )
            top = max(top, max(r["predicted"]), max(r["observed"]))
        top = min(1.0, top * 1.05 + 0.02)
        ax.plot([0, top], [0, top], color="#bbbbbb", linewidth=0.8, linestyle=":")
        ax.set_xlim(0, top)
        ax.set_ylim(0, top)
        ax.set_aspect("equal")
        ax.set_title(f"{classifier}: reliability", fontsize=10)
        ax.set_xlabel("mean predicted minority probability", fontsize=8)
        ax.set_ylabel("observed minority share", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=7, loc="upper left", frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return png(fig)


def counts_figure(analysis) -> bytes:
    """Rows per class before and after resampling, side by side."""
    classes = list(analysis.counts_before)
    before = [analysis.counts_before[c] for c in classes]
    after = [analysis.counts_after[c] for c in classes]
    fig = new_figure(figsize=(5.2, 2.6 + 0.1 * len(classes)))
    ax = fig.subplots()
    x = np.arange(len(classes))
    width = 0.38
    bars_before = ax.bar(x - width / 2, before, width, color="#9aa5b1", label="before")
    bars_after = ax.bar(
        x + width / 2, after, width, color=PALETTE[1], label=f"after {analysis.sampler}"
    )
    ax.bar_label(bars_before, fontsize=8, padding=2)
    ax.bar_label(bars_after, fontsize=8, padding=2)
    ax.set_xticks(x, [f"class {c}" for c in classes])
    ax.set_ylabel("rows")
    ax.set_ylim(0, max(before + after) * 1.18)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    return png(fig)


def projection_figure(analysis) -> bytes:
    """The two-panel PCA scatter: original rows, then with the synthetic rows."""
    p = analysis.projection
    points = np.column_stack([p["x"], p["y"]])
    fig = new_figure(figsize=(11, 4.6))
    axes = fig.subplots(1, 2, sharex=True, sharey=True)
    labels = np.asarray(p["label"], dtype=object)
    draw_before_after(axes, points, labels, p["synthetic"], analysis.classes, analysis.sampler)
    variance = p["explained_variance"]
    if len(variance) == 2:
        axes[0].set_xlabel(f"principal component 1 ({variance[0]:.0%} of variance)")
        axes[1].set_xlabel(f"principal component 1 ({variance[0]:.0%} of variance)")
        axes[0].set_ylabel(f"principal component 2 ({variance[1]:.0%})")
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return png(fig)


def chosen_features(analysis) -> list[dict]:
    """The features drawn: all of them, or the most changed (by KS distance) beyond 12."""
    features = analysis.features
    if len(features) <= MAX_FEATURE_PANELS:
        return features
    ranked = sorted(features, key=lambda f: -f.get("ks_statistic", 0.0))
    return ranked[:MAX_FEATURE_PANELS]


def features_figure(analysis) -> bytes:
    """Histograms of each feature: real minority rows against synthetic ones."""
    features = chosen_features(analysis)
    columns = min(4, len(features))
    rows = math.ceil(len(features) / columns)
    fig = new_figure(figsize=(3.0 * columns, 2.3 * rows))
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax, feature in zip(axes.ravel(), features, strict=False):
        edges = np.asarray(feature["bins"])
        widths = np.diff(edges)
        for key, colour, label in (
            ("real_counts", "#56B4E9", "real minority"),
            ("synthetic_counts", PALETTE[5], "synthetic"),
        ):
            counts = np.asarray(feature[key], dtype=float)
            if counts.size == 0 or counts.sum() == 0:
                continue
            density = counts / counts.sum() / widths
            ax.stairs(
                density,
                edges,
                fill=key == "real_counts",
                color=colour,
                alpha=0.55 if key == "real_counts" else 1.0,
                linewidth=1.6,
                label=label,
            )
        title = feature["feature"]
        if "ks_statistic" in feature:
            title += f"  (KS {feature['ks_statistic']:.2f})"
        ax.set_title(title, fontsize=9)
        ax.set_yticks([])
        ax.tick_params(labelsize=7)
        ax.spines[["top", "right", "left"]].set_visible(False)
    for ax in axes.ravel()[len(features) :]:
        ax.set_visible(False)
    axes.ravel()[0].legend(fontsize=7, frameon=False)
    fig.tight_layout()
    return png(fig)


def curves_figure(analysis) -> bytes:
    """ROC (top) and precision-recall (bottom) curves, one column per classifier."""
    classifiers = list(dict.fromkeys(c["classifier"] for c in analysis.curves))
    samplers = list(dict.fromkeys(c["sampler"] for c in analysis.curves))
    colour = {s: SAMPLER_COLOURS[i % len(SAMPLER_COLOURS)] for i, s in enumerate(samplers)}
    columns = len(classifiers)
    fig = new_figure(figsize=(3.6 * columns, 7.0))
    axes = fig.subplots(2, columns, squeeze=False)
    for j, classifier in enumerate(classifiers):
        roc, pr = axes[0, j], axes[1, j]
        for curve in analysis.curves:
            if curve["classifier"] != classifier:
                continue
            style = {"color": colour[curve["sampler"]], "linewidth": 1.5}
            if curve["sampler"] == "none":
                style["linestyle"] = "--"
            roc.plot(
                curve["fpr"],
                curve["tpr"],
                label=_legend(
                    curve["sampler"],
                    "AUC",
                    table_mean(analysis, curve["sampler"], classifier, "roc_auc"),
                ),
                **style,
            )
            pr.step(  # recall ascending: a precision holds up to its recall ("pre")
                curve["recall"],
                curve["precision"],
                where="pre",
                label=_legend(
                    curve["sampler"],
                    "AP",
                    table_mean(analysis, curve["sampler"], classifier, "average_precision"),
                ),
                **style,
            )
            prevalence = curve["prevalence"]
        roc.plot([0, 1], [0, 1], color="#bbbbbb", linewidth=0.8, linestyle=":")
        pr.axhline(prevalence, color="#bbbbbb", linewidth=0.8, linestyle=":")
        roc.set_title(f"{classifier}: ROC", fontsize=10)
        pr.set_title(f"{classifier}: precision-recall", fontsize=10)
        roc.set_xlabel("false positive rate", fontsize=8)
        pr.set_xlabel("recall (minority)", fontsize=8)
        if j == 0:
            roc.set_ylabel("true positive rate", fontsize=8)
            pr.set_ylabel("precision (minority)", fontsize=8)
        for ax in (roc, pr):
            ax.set_xlim(-0.01, 1.01)
            ax.set_ylim(-0.01, 1.02)
            ax.tick_params(labelsize=7)
            ax.legend(fontsize=7, loc="lower right" if ax is roc else "lower left")
            ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return png(fig)
