"""Before/after scatter plot of a resampling, in a 2-D PCA projection."""

from __future__ import annotations

from pathlib import Path

import numpy as np

# Colour-blind-safe (Okabe-Ito): majority first, minority in the warm orange.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]


def draw_before_after(axes, points, labels, synthetic, classes, title: str = "SMOTE") -> None:
    """Draw on two axes: the original rows (left) and all rows after resampling (right).

    ``points`` are 2-D coordinates of the resampled rows, ``synthetic`` marks the new ones
    (drawn as crosses); the left panel shows the others. Majority classes are drawn first
    so the minority stays visible on top, and on the right the real rows of a resampled class
    are drawn outlined above its synthetic crosses, so they never hide under them.
    """
    labels = np.asarray(labels)
    synthetic = np.asarray(synthetic, dtype=bool)
    counts = {label: int((labels == label).sum()) for label in classes}
    originals = {label: int(((labels == label) & ~synthetic).sum()) for label in classes}
    order = sorted(classes, key=lambda label: -originals[label])
    colour = {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(order)}
    for ax, name in ((axes[0], "before"), (axes[1], "after")):
        shown = ~synthetic if name == "before" else np.ones_like(synthetic)
        for label in order:
            real = (labels == label) & ~synthetic
            added = counts[label] - originals[label]
            text = f"class {label} ({originals[label]})"
            if name == "after" and added:
                text = f"class {label}: original ({originals[label]})"
            on_top = name == "after" and added > 0
            ax.scatter(
                *points[real].T,
                s=14 if on_top else 9,
                alpha=0.9 if on_top else 0.5,
                color=colour[label],
                # real rows of a resampled class sit above its synthetic crosses, outlined
                edgecolors="#1f2933" if on_top else "none",
                linewidths=0.5 if on_top else 0,
                zorder=3 if on_top else 1,
                label=text,
            )
        if name == "after":
            for label in order:
                new = (labels == label) & synthetic
                if new.any():
                    ax.scatter(
                        *points[new].T,
                        s=16,
                        marker="x",
                        linewidths=0.8,
                        color=colour[label],
                        alpha=0.6,
                        zorder=2,
                        label=f"class {label}: synthetic ({int(new.sum())})",
                    )
        ax.set_title(f"{name} {title}: {int(shown.sum())} rows")
        ax.set_xlabel("principal component 1")
        ax.legend(loc="best", fontsize=8, framealpha=0.85)
    axes[0].set_ylabel("principal component 2")


def before_after_scatter(X, y, X_res, y_res, path, title: str = "SMOTE") -> Path:
    """Write a PNG with two panels: the data before and after resampling.

    Rows of ``X_res`` past ``len(X)`` are the synthetic ones and are drawn with crosses.
    Both panels share the projection fitted on the original data, so they are comparable.
    """
    from .._atomic import write_atomically

    target = Path(path)
    write_atomically(target, before_after_png(X, y, X_res, y_res, title))
    return target


def before_after_png(X, y, X_res, y_res, title: str = "SMOTE"):
    """The figure of :func:`before_after_scatter`, drawn now; returns ``write(path)``."""
    from ._canvas import new_figure
    from ._projection import project_2d

    X, X_res = np.asarray(X, dtype=float), np.asarray(X_res, dtype=float)
    y_res = np.asarray(y_res)
    (points,) = project_2d(X, X_res)
    synthetic = np.arange(len(X_res)) >= len(X)
    fig = new_figure(figsize=(11, 4.8))
    axes = fig.subplots(1, 2, sharex=True, sharey=True)
    draw_before_after(axes, points, y_res, synthetic, list(np.unique(y_res)), title)
    fig.tight_layout()
    return lambda tmp: fig.savefig(tmp, format="png", dpi=110)
