"""Paired comparison of cross-validated scores with the baseline (no resampling)."""

from __future__ import annotations

import math

import numpy as np

from ._inputs import NONE


def summarize(results, *, baseline: str = NONE, test_train_ratio=None):
    """Mean and spread of each sampler x classifier x metric, compared with the baseline.

    The comparison pairs scores fold by fold (every sampler saw the same folds) and tests
    the mean difference with the corrected resampled t-test of Nadeau and Bengio (2003):
    the variance of the differences is inflated by ``n_test / n_train`` because
    cross-validation folds share training rows, which makes the ordinary paired t-test
    far too confident.

    Parameters
    ----------
    results : pandas DataFrame
        The output of :func:`evaluate`.
    baseline : str, default="none"
        The sampler every other one is compared with.
    test_train_ratio : float, default=None
        ``n_test / n_train`` of the folds; default ``results.attrs["test_train_ratio"]``,
        else 0 (the uncorrected paired t-test).

    Returns
    -------
    pandas DataFrame
        Columns ``sampler``, ``classifier``, ``metric``, ``mean``, ``std``, ``n_folds``,
        ``diff`` (mean paired difference from the baseline), ``p_value`` (two-sided; NaN
        for the baseline itself).

    Examples
    --------
    >>> from smotekit import evaluate
    >>> from smotekit.evaluation import summarize
    >>> from smotekit.datasets import make_demo
    >>> X, y = make_demo()
    >>> results = evaluate(X, y, samplers=["SMOTE"], classifiers=["logreg"],
    ...                    scoring=["f1"], random_state=0)
    >>> table = summarize(results).round(3)
    >>> print(table[["sampler", "metric", "mean", "diff", "p_value"]].to_string(index=False))
    sampler metric  mean   diff  p_value
       none     f1 0.983  0.000      NaN
      SMOTE     f1 0.952 -0.031    0.142
    """
    import pandas as pd
    from scipy import stats

    if test_train_ratio is None:
        test_train_ratio = float(results.attrs.get("test_train_ratio", 0.0))
    keys = ["sampler", "classifier", "metric"]
    if baseline not in set(results["sampler"]):
        raise ValueError(
            f"baseline {baseline!r} is not a sampler of results; samplers: "
            f"{list(dict.fromkeys(results['sampler']))}."
        )
    base = results[results["sampler"] == baseline].set_index(["classifier", "metric", "fold"])
    base = base["score"]
    rows = []
    for (sampler, classifier, metric), group in results.groupby(keys, sort=False):
        scores = group["score"].to_numpy(dtype=float)
        row = {
            "sampler": sampler,
            "classifier": classifier,
            "metric": metric,
            "mean": float(np.nanmean(scores)) if np.isfinite(scores).any() else math.nan,
            "std": float(np.nanstd(scores, ddof=1)) if np.isfinite(scores).sum() > 1 else 0.0,
            "n_folds": int(np.isfinite(scores).sum()),
        }
        paired = base.reindex(
            pd.MultiIndex.from_arrays(
                [[classifier] * len(group), [metric] * len(group), group["fold"]]
            )
        ).to_numpy(dtype=float)
        diffs = scores - paired
        diffs = diffs[np.isfinite(diffs)]
        row["diff"] = float(diffs.mean()) if diffs.size else math.nan
        if sampler == baseline:
            row["p_value"] = math.nan
        else:
            row["p_value"] = _corrected_t_test(diffs, test_train_ratio, stats)
        rows.append(row)
    return pd.DataFrame(rows)


def _corrected_t_test(diffs: np.ndarray, ratio: float, stats) -> float:
    """Two-sided p-value of mean(diffs) == 0 with Nadeau and Bengio's variance correction."""
    n = diffs.size
    if n < 2:
        return math.nan
    mean = diffs.mean()
    variance = diffs.var(ddof=1)
    if variance == 0:
        return 1.0 if mean == 0 else 0.0
    t = mean / math.sqrt((1.0 / n + ratio) * variance)
    return float(2 * stats.t.sf(abs(t), df=n - 1))
