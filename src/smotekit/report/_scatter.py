"""Before/after scatter plot of a resampling, in a 2-D PCA projection."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def project_2d(X_fit: np.ndarray, *arrays: np.ndarray) -> list[np.ndarray]:
    """Standardise and project onto the first two principal axes of ``X_fit``."""
    from sklearn.decomposition import PCA
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    n_components = min(2, X_fit.shape[1])
    projector = make_pipeline(StandardScaler(), PCA(n_components=n_components, random_state=0))
    projector.fit(X_fit)
    out = []
    for a in arrays:
        p = projector.transform(a)
        if p.shape[1] == 1:  # one feature: plot it against zero
            p = np.column_stack([p[:, 0], np.zeros(len(p))])
        out.append(p)
    return out


def before_after_scatter(X, y, X_res, y_res, path, title: str = "SMOTE") -> Path:
    """Write a PNG with two panels: the data before and after resampling.

    Rows of ``X_res`` past ``len(X)`` are the synthetic ones and are drawn with crosses.
    Both panels share the projection fitted on the original data, so they are comparable.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .._io import write_atomically

    X, X_res = np.asarray(X, dtype=float), np.asarray(X_res, dtype=float)
    y, y_res = np.asarray(y), np.asarray(y_res)
    n = X.shape[0]
    before, after = project_2d(X, X, X_res)
    classes = np.unique(y_res)
    colors = plt.get_cmap("tab10")
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.8), sharex=True, sharey=True)
    for ax, points, labels, name in (
        (axes[0], before, y, "before"),
        (axes[1], after, y_res, "after"),
    ):
        for i, label in enumerate(classes):
            real = np.flatnonzero(labels[:n] == label)
            count = int((labels == label).sum())
            ax.scatter(
                *points[real].T, s=10, alpha=0.55, color=colors(i), label=f"class {label} ({count})"
            )
            if name == "after":
                synthetic = n + np.flatnonzero(labels[n:] == label)
                if synthetic.size:
                    ax.scatter(
                        *points[synthetic].T,
                        s=14,
                        marker="x",
                        linewidths=0.8,
                        color=colors(i),
                        alpha=0.8,
                        label=f"class {label}: synthetic ({synthetic.size})",
                    )
        ax.set_title(f"{name} {title}: {len(labels)} rows")
        ax.set_xlabel("principal component 1")
        ax.legend(loc="best", fontsize=8, framealpha=0.8)
    axes[0].set_ylabel("principal component 2")
    fig.tight_layout()
    target = Path(path)
    write_atomically(target, lambda tmp: fig.savefig(tmp, format="png", dpi=110))
    plt.close(fig)
    return target
