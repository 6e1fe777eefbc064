"""Paired comparison of cross-validated scores with the reference (no resampling) and with
the best alternative that does not resample (no resampling, class weights, a tuned threshold)."""

from __future__ import annotations

import math

import numpy as np

from ._inputs import NONE

ALPHA = 0.05  # significance level of the win / tie / loss labels (after Holm's adjustment)
OUTCOMES = ("win", "tie", "loss")


def summarize(results, *, baseline: str = NONE, test_train_ratio=None, alpha: float = ALPHA):
    """Mean and spread of each strategy x classifier x metric, compared with the reference
    (no resampling) and with the best strategy that does not resample.

    The comparison pairs scores fold by fold (every strategy saw the same folds) and tests
    the mean difference with the corrected resampled t-test of Nadeau and Bengio (2003):
    the variance of the differences is inflated by ``n_test / n_train`` because
    cross-validation folds share training rows, which makes the ordinary paired t-test
    far too confident. The 95% interval uses the same corrected variance. The p-values of
    both comparisons, over the whole table, are adjusted together by Holm's step-down
    method, and a difference is a ``"win"`` or ``"loss"`` when its adjusted p-value is
    below ``alpha`` (in the metric's good direction or not), else a ``"tie"``. For the
    calibration gap, whose best value is 0, a win is a gap closer to 0 (tested on the
    paired differences of its absolute value).

    The best alternative per classifier x metric is, among ``none``, ``class_weight`` and
    ``threshold`` (those present), the one with the best mean on that metric.

    Parameters
    ----------
    results : pandas DataFrame
        The output of :func:`evaluate`.
    baseline : str, default="none"
        The strategy every other one is compared with.
    test_train_ratio : float, default=None
        ``n_test / n_train`` of the folds; default ``results.attrs["test_train_ratio"]``,
        else 0 (the uncorrected paired t-test).
    alpha : float, default=0.05
        Significance level of the win / loss labels.

    Returns
    -------
    pandas DataFrame
        Columns ``sampler``, ``classifier``, ``metric``, ``mean``, ``std``, ``n_folds``;
        against the baseline: ``diff`` (mean paired difference), ``ci_low``, ``ci_high``
        (its 95% interval), ``p_value`` (two-sided; NaN for the baseline itself),
        ``p_holm`` and ``outcome`` (win / tie / loss); against the best alternative that
        does not resample: ``best_alternative`` and the same six columns suffixed
        ``_best``. ``attrs["alpha"]`` is set.

    Examples
    --------
    >>> from smotekit import evaluate
    >>> from smotekit.evaluation import summarize
    >>> from smotekit.datasets import make_demo
    >>> X, y = make_demo()
    >>> results = evaluate(X, y, samplers=["SMOTE"], classifiers=["logreg"],
    ...                    scoring=["f1"], random_state=0)
    >>> table = summarize(results).round(3)
    >>> print(table[["sampler", "metric", "mean", "diff", "p_value", "outcome"]].to_string(
    ...     index=False))  # doctest: +NORMALIZE_WHITESPACE
    sampler metric  mean   diff  p_value outcome
       none     f1 0.983  0.000      NaN
      SMOTE     f1 0.952 -0.031    0.142     tie
    """
    import pandas as pd
    from scipy import stats

    from ._metrics import metric_info
    from ._strategies import BASELINES

    if test_train_ratio is None:
        test_train_ratio = float(results.attrs.get("test_train_ratio", 0.0))
    if baseline not in set(results["sampler"]):
        raise ValueError(
            f"baseline {baseline!r} is not a sampler of results; samplers: "
            f"{list(dict.fromkeys(results['sampler']))}."
        )
    wide = results.pivot_table(
        index=["classifier", "metric", "fold"], columns="sampler", values="score", dropna=False
    )
    strategies = list(dict.fromkeys(results["sampler"]))
    alternatives = [s for s in strategies if s in BASELINES]
    rows = []
    for (sampler, classifier, metric), group in results.groupby(
        ["sampler", "classifier", "metric"], sort=False
    ):
        info = metric_info(metric)
        folds = wide.loc[(classifier, metric)]
        scores = group["score"].to_numpy(dtype=float)
        finite = np.isfinite(scores)
        row = {
            "sampler": sampler,
            "classifier": classifier,
            "metric": metric,
            "mean": float(np.mean(scores[finite])) if finite.any() else math.nan,
            "std": float(np.std(scores[finite], ddof=1)) if finite.sum() > 1 else 0.0,
            "n_folds": int(finite.sum()),
        }
        best = _best(folds, alternatives, info)
        for suffix, reference in (("", baseline), ("_best", best)):
            compared = _compare(
                folds, sampler, reference, info, test_train_ratio, stats, skip=sampler == reference
            )
            row.update({key + suffix: value for key, value in compared.items()})
            if suffix:
                row["best_alternative"] = reference
        rows.append(row)
    columns = ["diff", "ci_low", "ci_high", "p_value", "p_holm", "outcome"]
    order = [
        "sampler",
        "classifier",
        "metric",
        "mean",
        "std",
        "n_folds",
        *columns,
        "best_alternative",
        *(c + "_best" for c in columns),
    ]
    table = pd.DataFrame(rows)
    # One family: every distinct comparison of the table (a strategy whose best alternative
    # is the baseline is one test, not two).
    family: dict = {}
    for suffix, references in (("", [baseline] * len(table)), ("_best", table["best_alternative"])):
        for row, reference, p in zip(
            table.itertuples(), references, table["p_value" + suffix], strict=True
        ):
            if math.isfinite(p):
                family[(row.sampler, row.classifier, row.metric, reference)] = p
    adjusted = dict(zip(family, holm(list(family.values())), strict=True))
    for suffix, references in (("", [baseline] * len(table)), ("_best", table["best_alternative"])):
        table["p_holm" + suffix] = [
            adjusted.get((row.sampler, row.classifier, row.metric, reference), math.nan)
            for row, reference in zip(table.itertuples(), references, strict=True)
        ]
    for suffix in ("", "_best"):
        table["outcome" + suffix] = [
            _outcome(gain, p, alpha)
            for gain, p in zip(table["gain" + suffix], table["p_holm" + suffix], strict=True)
        ]
    table = table[order]
    table.attrs["alpha"] = alpha
    table.attrs["test_train_ratio"] = test_train_ratio
    return table


def format_p(p: float) -> str:
    """A p-value as people write it: ``"p = 0.042"``, ``"p < 0.001"`` (never ``"p 0.000"``).

    Examples
    --------
    >>> from smotekit.evaluation import format_p
    >>> format_p(0.0421), format_p(0.00002), format_p(float("nan"))
    ('p = 0.042', 'p < 0.001', 'p n/a')
    """
    if not math.isfinite(p):
        return "p n/a"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def holm(p_values) -> np.ndarray:
    """Holm's step-down adjustment of a family of p-values (NaN entries are left out).

    Examples
    --------
    >>> from smotekit.evaluation._summarize import holm
    >>> holm([0.01, 0.04, 0.03, float("nan")]).round(3).tolist()
    [0.03, 0.06, 0.06, nan]
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full_like(p, np.nan)
    present = np.flatnonzero(np.isfinite(p))
    m = present.size
    if not m:
        return out
    order = present[np.argsort(p[present], kind="stable")]
    scaled = p[order] * (m - np.arange(m))
    out[order] = np.minimum(np.maximum.accumulate(scaled), 1.0)
    return out


def _best(folds, alternatives, info):
    """The alternative with the best mean on this metric (None when none has a score)."""
    best, best_quality = None, -math.inf
    for name in alternatives:
        values = folds[name].to_numpy(dtype=float) if name in folds else np.empty(0)
        values = values[np.isfinite(values)]
        if not values.size:
            continue
        if info.best == "zero":
            quality = -np.mean(np.abs(values))
        else:
            quality = np.mean(values) if info.best == "high" else -np.mean(values)
        if quality > best_quality:
            best, best_quality = name, quality
    return best


def _compare(folds, sampler, reference, info, ratio, stats, skip) -> dict:
    """Paired difference of ``sampler`` from ``reference`` over the folds: mean, 95%
    interval, corrected t-test p-value (of the gain, the difference in the metric's good
    direction) and the mean gain."""
    empty = {"diff": math.nan, "ci_low": math.nan, "ci_high": math.nan, "p_value": math.nan}
    empty.update(p_holm=math.nan, outcome="", gain=math.nan)
    if reference is None or reference not in folds:
        return empty
    a = folds[sampler].to_numpy(dtype=float)
    b = folds[reference].to_numpy(dtype=float)
    keep = np.isfinite(a) & np.isfinite(b)
    a, b = a[keep], b[keep]
    if not a.size:
        return empty
    diffs = a - b
    gains = np.array([info.gain(before, after) for before, after in zip(b, a, strict=True)])
    out = dict(empty, diff=float(diffs.mean()), gain=float(gains.mean()))
    if skip:
        return out
    low, high = _interval(diffs, ratio, stats)
    out.update(ci_low=low, ci_high=high, p_value=_corrected_t_test(gains, ratio, stats))
    return out


def _interval(diffs: np.ndarray, ratio: float, stats, level: float = 0.95):
    """The corrected resampled t interval of mean(diffs)."""
    n = diffs.size
    if n < 2:
        return math.nan, math.nan
    half = stats.t.ppf(0.5 + level / 2, df=n - 1) * math.sqrt((1.0 / n + ratio) * diffs.var(ddof=1))
    return float(diffs.mean() - half), float(diffs.mean() + half)


def _outcome(gain: float, p: float, alpha: float) -> str:
    if not math.isfinite(p):
        return ""
    if p < alpha:
        return "win" if gain > 0 else "loss"
    return "tie"


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
