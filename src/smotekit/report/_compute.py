"""The numbers of a SMOTE analysis (no plotting, no HTML).

:func:`analyze` resamples the whole table once with the primary sampler (to show what
resampling does to the data) and cross-validates every sampler with
:func:`smotekit.evaluation.cross_validate_samplers` (to show whether it helps on unseen
rows). Everything lands in an :class:`Analysis`, which :mod:`._plots` draws and
:mod:`._html` renders; :meth:`Analysis.to_dict` is the JSON file. The 2-D projection is
computed by :mod:`._projection`, the plain-language sentences by :mod:`._summary`.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from .._random import DEFAULT_SEED
from ..evaluation import DEFAULT_THRESHOLD_METRIC, NONE, RECALIBRATED_SUFFIX
from ._projection import projection
from ._summary import plain_summary

MAX_CURVE_POINTS = 200  # points kept per ROC / PR curve
HISTOGRAM_BINS = 20


@dataclass
class Analysis:
    """Every number of the report. ``to_dict()`` is JSON-ready."""

    source: str
    target: str
    feature_names: list
    classes: list
    minority: object
    sampler: str  # the primary sampler, whose resampling is shown
    sampler_params: dict
    counts_before: dict
    counts_after: dict
    projection: dict
    features: list  # per-feature real vs synthetic minority statistics
    scores: object  # tidy pandas DataFrame of evaluate
    comparison: object  # pandas DataFrame of summarize
    curves: list
    evaluation: dict  # folds, classifiers, samplers, metrics, seed, skipped
    summary: list = field(default_factory=list)
    seconds: float = 0.0
    verdict: list = field(default_factory=list)  # the plain-words verdict, one line each
    reliability: list = field(default_factory=list)  # reliability-diagram bins per strategy

    def to_dict(self) -> dict:
        out = {
            "source": self.source,
            "target": self.target,
            "feature_names": [str(c) for c in self.feature_names],
            "classes": [_plain(c) for c in self.classes],
            "minority_class": _plain(self.minority),
            "sampler": self.sampler,
            "sampler_params": {k: _value(v) for k, v in self.sampler_params.items()},
            "class_counts": {
                "before": {str(k): v for k, v in self.counts_before.items()},
                "after": {str(k): v for k, v in self.counts_after.items()},
            },
            "projection": self.projection,
            "features": self.features,
            "evaluation": {
                **self.evaluation,
                "summary": _records(self.comparison),
                "scores": _records(self.scores),
            },
            "verdict": self.verdict,
            "reliability": self.reliability,
            "curves": self.curves,
            "summary": self.summary,
            "seconds": round(self.seconds, 3),
        }
        return _json_safe(out)


def analyze(
    X,
    y,
    *,
    samplers,
    classifiers,
    source: str = "",
    target: str = "y",
    cv=None,
    random_state=DEFAULT_SEED,
    n_jobs=None,
    progress=None,
    recalibrate: bool = True,
    threshold_metric: str = DEFAULT_THRESHOLD_METRIC,
) -> Analysis:
    """Compute the whole analysis of ``X, y``.

    Parameters
    ----------
    X : numpy array or pandas DataFrame
        Numeric features without missing values.
    y : array-like
        Class labels.
    samplers : dict or list
        The strategies, as in :func:`smotekit.evaluate` (``{name: sampler}`` or names such
        as ``"class_weight"``, ``"threshold"``, ``"SMOTE"``); the first that resamples is
        the one whose resampling is shown. All are cross-validated against no resampling
        and against the best strategy that does not resample.
    classifiers : dict or list
        As in :func:`smotekit.evaluate`.
    source, target : str
        Where the data came from and the name of its label column (for the report).
    cv, random_state, n_jobs, progress, threshold_metric
        As in :func:`smotekit.evaluate`.
    recalibrate : bool, default=True
        Also score each resampling strategy with its probabilities corrected for the prior
        shift (the ``"<name>+recalibrated"`` rows and the reliability diagram).
    """
    import pandas as pd

    from .. import _validation
    from ..evaluation import (
        check_features,
        cross_validate_samplers,
        resolve_strategies,
        summarize,
        verdict_lines,
    )
    from ..evaluation._preprocess import encoded_view, needs_preprocessing

    start = time.monotonic()
    if not samplers:
        raise ValueError("samplers is empty; name at least one sampler to analyse.")
    frame = X if isinstance(X, pd.DataFrame) else _as_frame(X)
    labels = y.to_numpy() if hasattr(y, "to_numpy") else np.asarray(y)
    classes = _validation.check_target(labels, len(frame))
    strategies = resolve_strategies(samplers, random_state)
    resampling = [s for s in strategies.values() if s.resamples]
    if not resampling:
        raise ValueError(
            f"samplers {list(strategies)[1:]} has no sampler; name at least one (e.g. 'SMOTE') "
            "to analyse what resampling does."
        )
    name, sampler = resampling[0].name, resampling[0].sampler
    preprocessed = needs_preprocessing(frame)
    if preprocessed:  # categorical columns or missing values: the default preprocessing
        columns, values, X_res, y_res = encoded_view(frame, labels, sampler)
        values = np.asarray(values, dtype=float)
    else:
        check_features(frame)
        columns = list(frame.columns)
        X_res, y_res = sampler.fit_resample(frame, labels)
        values = frame.to_numpy(dtype=float)
    y_res = np.asarray(y_res)
    resampled = np.asarray(X_res, dtype=float)
    n = len(values)
    synthetic = np.zeros(len(resampled), dtype=bool)
    if len(resampled) > n:  # over-samplers append their rows after the originals
        synthetic[n:] = True

    run = cross_validate_samplers(
        frame,
        labels,
        samplers={s.name: _given(s) for s in strategies.values()},
        classifiers=classifiers,
        cv=cv,
        n_jobs=n_jobs,
        random_state=random_state,
        progress=progress,
        keep_predictions=True,
        recalibrate=recalibrate,
        threshold_metric=threshold_metric,
    )
    comparison = summarize(run.scores)
    minority = run.pos_label
    counts_before = _counts(labels, classes)
    counts_after = _counts(y_res, classes)
    features = feature_statistics(
        columns, values[labels == minority], resampled[synthetic & (y_res == minority)]
    )
    shown = [NONE, name, name + RECALIBRATED_SUFFIX]
    analysis = Analysis(
        source=source,
        target=target,
        feature_names=columns,
        classes=list(classes),
        minority=minority,
        sampler=name,
        sampler_params=_params(sampler),
        counts_before=counts_before,
        counts_after=counts_after,
        projection=projection(values, labels, resampled, y_res, synthetic, random_state),
        features=features,
        scores=run.scores,
        comparison=comparison,
        curves=curves(
            [p for p in run.predictions if _ranks_differently(p.sampler)], labels, minority
        ),
        evaluation={
            "folds": int(run.scores["fold"].nunique()),
            "test_train_ratio": run.test_train_ratio,
            "samplers": list(dict.fromkeys(run.scores["sampler"])),
            "resampling": dict(run.scores.attrs.get("resampling", {})),
            "classifiers": list(dict.fromkeys(run.scores["classifier"])),
            "metrics": list(dict.fromkeys(run.scores["metric"])),
            "random_state": random_state,
            "preprocessing": (
                "missing values imputed (median / most frequent category) and categories "
                "one-hot encoded, fitted inside each training fold"
                if preprocessed
                else None
            ),
            "threshold_metric": threshold_metric,
            "alpha": comparison.attrs.get("alpha"),
            "skipped": run.skipped,
            "classifier_params": {
                key: repr(value)
                for key, value in _classifier_reprs(classifiers, random_state).items()
            },
        },
        verdict=verdict_lines(run.scores, comparison),
        reliability=reliability(
            [p for p in run.predictions if p.sampler in shown], labels, minority
        ),
    )
    analysis.summary = plain_summary(analysis)
    analysis.seconds = time.monotonic() - start
    return analysis


def _given(strategy):
    """What ``evaluate`` is given for a resolved strategy: its sampler object, or its kind."""
    from ..evaluation import CLASS_WEIGHT, THRESHOLD

    if strategy.sampler is not None:
        return strategy.sampler
    if strategy.class_weight:
        return CLASS_WEIGHT
    return THRESHOLD if strategy.threshold else NONE


def _ranks_differently(name: str) -> bool:
    """Whether a strategy's scores can rank rows differently from another row's: a tuned
    threshold or a prior-shift correction keeps its base model's ranking (same curve)."""
    return not (name.endswith(RECALIBRATED_SUFFIX) or name.endswith("threshold"))


# --------------------------------------------------------------------------- pieces


def feature_statistics(columns, real, synthetic) -> list:
    """Per feature: real vs synthetic minority rows (summary, histogram, KS distance)."""
    from scipy import stats

    out = []
    for j, column in enumerate(columns):
        a = real[:, j]
        b = synthetic[:, j] if len(synthetic) else np.empty(0)
        lo, hi = float(np.min(a)), float(np.max(a))
        if b.size:
            lo, hi = min(lo, float(b.min())), max(hi, float(b.max()))
        if hi > lo:
            edges = np.linspace(lo, hi, HISTOGRAM_BINS + 1)
        else:  # a constant feature: one narrow bin around its value
            half = max(abs(lo) * 0.05, 0.05)
            edges = np.array([lo - half, lo + half])
        entry = {
            "feature": str(column),
            "real": _describe(a),
            "synthetic": _describe(b),
            "bins": edges.round(6).tolist(),
            "real_counts": np.histogram(a, bins=edges)[0].tolist(),
            "synthetic_counts": np.histogram(b, bins=edges)[0].tolist() if b.size else [],
        }
        if b.size:
            entry["ks_statistic"] = float(stats.ks_2samp(a, b).statistic)
            entry["outside_real_range"] = float(np.mean((b < a.min()) | (b > a.max())))
            spread = a.std(ddof=1) if a.size > 1 else 0.0
            entry["mean_shift_in_std"] = float((b.mean() - a.mean()) / spread) if spread else 0.0
            entry["std_ratio"] = float(b.std(ddof=1) / spread) if spread and b.size > 1 else None
        out.append(entry)
    return out


def _describe(values) -> dict:
    if values.size == 0:
        return {"n": 0}
    q = np.quantile(values, [0.25, 0.5, 0.75])
    return {
        "n": int(values.size),
        "mean": float(values.mean()),
        "std": float(values.std(ddof=1)) if values.size > 1 else 0.0,
        "min": float(values.min()),
        "q1": float(q[0]),
        "median": float(q[1]),
        "q3": float(q[2]),
        "max": float(values.max()),
    }


def curves(predictions, labels, positive) -> list:
    """ROC and precision-recall curves per sampler x classifier, from test-fold scores.

    Each row's score comes from the first fold that tested it (for repeated k-fold, the
    first repetition), so every row counts once and no score is from a model that saw
    the row.
    """
    from sklearn.metrics import (
        average_precision_score,
        precision_recall_curve,
        roc_auc_score,
        roc_curve,
    )

    out = []
    for (sampler, classifier), score in pooled(predictions, len(labels), "y_score").items():
        seen = ~np.isnan(score)
        truth = labels[seen] == positive
        if truth.all() or not truth.any():
            continue
        fpr, tpr, _ = roc_curve(truth, score[seen])
        precision, recall, _ = precision_recall_curve(truth, score[seen])
        fpr, tpr = _thin(fpr, tpr)
        recall, precision = _thin(recall[::-1], precision[::-1])
        out.append(
            {
                "sampler": sampler,
                "classifier": classifier,
                # the area of this pooled curve; the table (and the legends) report the
                # mean over folds of each fold's area
                "pooled_roc_auc": float(roc_auc_score(truth, score[seen])),
                "pooled_average_precision": float(average_precision_score(truth, score[seen])),
                "fpr": fpr,
                "tpr": tpr,
                "recall": recall,
                "precision": precision,
                "prevalence": float(truth.mean()),
            }
        )
    return out


RELIABILITY_BINS = 10


def pooled(predictions, n_rows: int, attribute: str) -> dict:
    """``{(strategy, classifier): one value per row}`` of a prediction attribute, each row's
    from the first fold that tested it (NaN where none did or the model has no such value)."""
    out: dict = {}
    for p in predictions:
        values = getattr(p, attribute)
        if values is None:
            continue
        row = out.setdefault((p.sampler, p.classifier), np.full(n_rows, np.nan))
        fresh = np.isnan(row[p.test_index])
        row[p.test_index[fresh]] = values[fresh]
    return out


def reliability(predictions, labels, positive, n_bins: int = RELIABILITY_BINS) -> list:
    """Reliability-diagram points per strategy x classifier: ``n_bins`` equal-mass bins of
    the predicted minority probability, each with its mean prediction and the observed
    minority share, from the test-fold probabilities (each row counted once, as in
    :func:`curves`)."""
    out = []
    for (sampler, classifier), proba in pooled(predictions, len(labels), "y_proba").items():
        seen = np.flatnonzero(~np.isnan(proba))
        order = seen[np.argsort(proba[seen], kind="stable")]
        bins = [b for b in np.array_split(order, min(n_bins, len(order))) if len(b)]
        out.append(
            {
                "sampler": sampler,
                "classifier": classifier,
                "predicted": [float(proba[b].mean()) for b in bins],
                "observed": [float(np.mean(labels[b] == positive)) for b in bins],
                "rows": [len(b) for b in bins],
            }
        )
    return out


def _thin(x, y) -> tuple[list, list]:
    """At most MAX_CURVE_POINTS points of a curve, keeping both ends."""
    if len(x) > MAX_CURVE_POINTS:
        keep = np.unique(np.linspace(0, len(x) - 1, MAX_CURVE_POINTS).round().astype(int))
        x, y = x[keep], y[keep]
    return np.round(x, 5).tolist(), np.round(y, 5).tolist()


# --------------------------------------------------------------------------- helpers


def _as_frame(X):
    import pandas as pd

    values = np.asarray(X)
    if values.ndim != 2:
        raise ValueError(f"X must be 2-D (rows x features); got shape {values.shape}.")
    return pd.DataFrame(values, columns=[f"x{j}" for j in range(values.shape[1])])


def _counts(labels, classes) -> dict:
    return {_plain(c): int((labels == c).sum()) for c in classes}


def _value(value):
    """A parameter as a JSON value: numbers, text, lists and dicts as they are; anything else
    (an estimator, say) by its repr."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _value(v) for k, v in value.items()}
    return repr(value)


def _params(estimator) -> dict:
    try:
        return dict(estimator.get_params(deep=False))
    except AttributeError:
        return {}


def _classifier_reprs(classifiers, random_state) -> dict:
    from ..evaluation import resolve_classifiers

    return resolve_classifiers(classifiers, random_state)


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def _records(frame) -> list:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _json_safe(value):
    """NaN and infinities become None (JSON has no such numbers); numpy scalars plain."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
