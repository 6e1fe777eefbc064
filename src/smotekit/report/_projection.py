"""The 2-D view of a resampling: the original rows' principal axes, every row in them.

Numbers only: the report's projection (:func:`projection`) and the scatter plot both take
their coordinates from :func:`project_2d`.
"""

from __future__ import annotations

import numpy as np

MAX_POINTS = 4000  # points kept in the projection (a random subset beyond this)


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


def projection(X, y, X_res, y_res, synthetic, random_state=None) -> dict:
    """2-D PCA of the standardised original rows; resampled rows in the same axes.

    At most :data:`MAX_POINTS` resampled rows are kept (a random subset, every class and
    the synthetic rows in proportion), so large tables still make a readable plot.
    """
    (coords,) = project_2d(X, X_res)
    keep = np.arange(len(X_res))
    if keep.size > MAX_POINTS:
        rng = np.random.default_rng(random_state)
        keep = np.sort(rng.choice(keep, size=MAX_POINTS, replace=False))
    explained = _explained_variance(X)
    return {
        "x": coords[keep, 0].round(5).tolist(),
        "y": coords[keep, 1].round(5).tolist(),
        "label": [v.item() if isinstance(v, np.generic) else v for v in y_res[keep]],
        "synthetic": synthetic[keep].tolist(),
        "row": keep.tolist(),
        "n_original": len(X),
        "explained_variance": explained,
    }


def _explained_variance(X) -> list:
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler

    n_components = min(2, X.shape[1])
    pca = PCA(n_components=n_components, random_state=0).fit(StandardScaler().fit_transform(X))
    return [round(float(v), 5) for v in pca.explained_variance_ratio_]
