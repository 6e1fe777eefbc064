"""Leak-free comparison of resampling strategies by cross-validation.

Resampling before splitting copies information about test rows into training (a synthetic
row is a blend of two real rows, one of which may land in the test fold) and inflates every
score. :func:`evaluate` therefore does everything that learns from data inside each
training fold: the optional ``preprocessor`` is fitted on the training rows, the sampler
resamples only them, the classifier (with any scaler of its own pipeline) is fitted on the
result, and the untouched test rows are scored. Every sampler sees the same folds, and "no
resampling" is always the baseline, so :func:`summarize` can compare paired scores.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np

NONE = "none"
DEFAULT_SCORING = (
    "roc_auc",
    "average_precision",
    "f1",
    "recall",
    "geometric_mean",
    "balanced_accuracy",
)
# Metrics computed here with the minority class (or pos_label) as the positive class;
# scikit-learn's scorers of the same names assume the positive label is 1.
OWN_METRICS = (
    "roc_auc",
    "average_precision",
    "f1",
    "recall",
    "precision",
    "specificity",
    "geometric_mean",
    "balanced_accuracy",
)
RANKING_METRICS = ("roc_auc", "average_precision")

CLASSIFIERS = {
    "logreg": "standardise, then logistic regression (max_iter=1000)",
    "knn": "standardise, then 5-nearest-neighbours",
    "tree": "decision tree (scikit-learn defaults)",
    "forest": "random forest of 100 trees",
}


def classifier_names() -> list[str]:
    """Names :func:`make_classifier` (and so ``evaluate`` and the CLI) know."""
    return list(CLASSIFIERS)


def make_classifier(name: str, random_state=None):
    """A fresh scikit-learn classifier for a name of :data:`CLASSIFIERS`.

    Examples
    --------
    >>> from smotekit.evaluation import make_classifier
    >>> make_classifier("knn")
    Pipeline(steps=[('standardscaler', StandardScaler()),
                    ('kneighborsclassifier', KNeighborsClassifier())])
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    key = str(name).lower()
    if key == "logreg":
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    if key == "knn":
        return make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5))
    if key == "tree":
        return DecisionTreeClassifier(random_state=random_state)
    if key == "forest":
        return RandomForestClassifier(n_estimators=100, random_state=random_state)
    raise ValueError(
        f"unknown classifier {name!r}; known classifiers: {', '.join(CLASSIFIERS)} "
        "(or pass scikit-learn estimators in a dict)."
    )


# --------------------------------------------------------------------------- evaluate


def evaluate(
    X,
    y,
    *,
    samplers,
    classifiers,
    cv=None,
    scoring=None,
    n_jobs=None,
    preprocessor=None,
    pos_label=None,
    random_state=None,
    error_score="raise",
    progress=None,
):
    """Cross-validate classifiers with and without resampling, fitting everything inside
    the training folds.

    Parameters
    ----------
    X : array-like or pandas DataFrame of shape (n_samples, n_features)
        Numeric features without missing values, unless ``preprocessor`` handles them.
    y : array-like of shape (n_samples,)
        Class labels.
    samplers : dict or list
        ``{name: sampler}`` (anything with ``fit_resample``), or sampler names known to
        smotekit (``smotekit._registry.sampler_names()``). No resampling, named ``"none"``,
        is always added first as the baseline.
    classifiers : dict or list
        ``{name: estimator}``, or names of :func:`classifier_names`. A pipeline's scaler is
        fitted, like the rest of it, on each (resampled) training fold.
    cv : int, cross-validation splitter or iterable, default=None
        Default: stratified 5-fold repeated twice (10 folds), shuffled with ``random_state``.
        Every sampler and classifier is scored on the same folds.
    scoring : list of str, default=None
        Metric names. ``roc_auc``, ``average_precision``, ``f1``, ``recall``,
        ``precision`` and ``specificity`` score the minority class (or ``pos_label``) as
        the positive class; ``geometric_mean`` is the G-mean of the class recalls;
        ``balanced_accuracy`` the mean recall. Any other scikit-learn scorer name is
        passed to ``sklearn.metrics.get_scorer``. Default: ROC-AUC, average precision,
        minority F1 and recall, G-mean and balanced accuracy.
    n_jobs : int, default=None
        Folds run in parallel (joblib); ``None`` means 1, ``-1`` all cores.
    preprocessor : transformer, default=None
        Fitted on each training fold before resampling (e.g. imputation, one-hot encoding
        and scaling), so the sampler's neighbours are computed on its output.
    pos_label : label, default=None
        The class of interest; default the least frequent class.
    random_state : int, default=None
        Seeds the default folds and the samplers and classifiers given by name.
    error_score : "raise" or float, default="raise"
        What a fold scores when resampling or fitting fails; a number (e.g. ``np.nan``)
        records it with a warning instead of stopping.
    progress : bool, default=None
        Draw a progress bar; default only when standard error is a terminal.

    Returns
    -------
    pandas DataFrame
        One row per score, columns ``sampler``, ``classifier``, ``metric``, ``fold`` and
        ``score``. ``attrs["test_train_ratio"]`` (the mean test / train size, used by
        :func:`summarize`) and ``attrs["pos_label"]`` are set.

    Examples
    --------
    >>> from smotekit import SMOTE, evaluate
    >>> from smotekit.datasets import make_demo
    >>> X, y = make_demo()
    >>> results = evaluate(
    ...     X, y, samplers={"SMOTE": SMOTE(random_state=0)}, classifiers=["logreg"],
    ...     scoring=["roc_auc", "recall"], random_state=0,
    ... )
    >>> results.columns.tolist()
    ['sampler', 'classifier', 'metric', 'fold', 'score']
    >>> means = results.groupby(["sampler", "metric"])["score"].mean().round(3)
    >>> means["none"].to_dict(), means["SMOTE"].to_dict()
    ({'recall': 0.971, 'roc_auc': 0.988}, {'recall': 0.971, 'roc_auc': 0.988})
    """
    return cross_validate_samplers(
        X,
        y,
        samplers=samplers,
        classifiers=classifiers,
        cv=cv,
        scoring=scoring,
        n_jobs=n_jobs,
        preprocessor=preprocessor,
        pos_label=pos_label,
        random_state=random_state,
        error_score=error_score,
        progress=progress,
    ).scores


@dataclass
class FoldPrediction:
    """What one fitted classifier said about one test fold."""

    sampler: str
    classifier: str
    fold: int
    test_index: np.ndarray
    y_pred: np.ndarray
    y_score: np.ndarray | None  # score of the positive (minority) class, None if unavailable


@dataclass
class CrossValidation:
    """Scores of :func:`evaluate`, plus (optionally) the test-fold predictions."""

    scores: object  # pandas DataFrame
    pos_label: object
    test_train_ratio: float
    predictions: list[FoldPrediction] = field(default_factory=list)


def cross_validate_samplers(
    X,
    y,
    *,
    samplers,
    classifiers,
    cv=None,
    scoring=None,
    n_jobs=None,
    preprocessor=None,
    pos_label=None,
    random_state=None,
    error_score="raise",
    progress=None,
    keep_predictions=False,
) -> CrossValidation:
    """:func:`evaluate`, returning a :class:`CrossValidation` (with the test-fold
    predictions when ``keep_predictions``, for PR and ROC curves)."""
    import pandas as pd
    from joblib import Parallel, delayed

    from . import _validation
    from ._progress import Progress

    labels = _labels(y)
    _validation.check_target(labels, _n_rows(X))
    _check_features(X, preprocessor)
    sampler_map = _resolve_samplers(samplers, random_state)
    classifier_map = _resolve_classifiers(classifiers, random_state)
    metrics = _resolve_scoring(scoring)
    positive = _positive_label(labels, pos_label)
    if not (isinstance(error_score, str) and error_score == "raise"):
        error_score = float(error_score)
    splits = list(_splitter(cv, random_state).split(_split_view(X), labels))
    ratio = float(np.mean([len(test) / len(train) for train, test in splits]))

    tasks = [
        delayed(_run_fold)(
            X,
            labels,
            train,
            test,
            fold,
            name,
            sampler,
            classifier_map,
            metrics,
            positive,
            preprocessor,
            error_score,
            keep_predictions,
        )
        for fold, (train, test) in enumerate(splits)
        for name, sampler in sampler_map.items()
    ]
    rows, predictions = [], []
    with Progress(len(tasks), "evaluate", enabled=progress) as bar:
        for fold_rows, fold_predictions in Parallel(n_jobs=n_jobs, return_as="generator_unordered")(
            tasks
        ):
            rows.extend(fold_rows)
            predictions.extend(fold_predictions)
            bar.update()

    scores = pd.DataFrame(rows, columns=["sampler", "classifier", "metric", "fold", "score"])
    order = {
        "sampler": list(sampler_map),
        "classifier": list(classifier_map),
        "metric": list(metrics),
    }
    keys = [scores[c].map({v: i for i, v in enumerate(order[c])}) for c in order]
    sort = np.lexsort((scores["fold"].to_numpy(), *(k.to_numpy() for k in reversed(keys))))
    scores = scores.iloc[sort].reset_index(drop=True)
    scores["score"] = scores["score"].astype(float)
    scores.attrs["test_train_ratio"] = ratio
    scores.attrs["pos_label"] = positive
    predictions.sort(key=lambda p: (order["sampler"].index(p.sampler), p.fold))
    return CrossValidation(scores, positive, ratio, predictions)


def _run_fold(
    X,
    y,
    train,
    test,
    fold,
    sampler_name,
    sampler,
    classifiers,
    metrics,
    positive,
    preprocessor,
    error_score,
    keep_predictions,
):
    """Fit on the training rows of one fold (preprocess, resample, classify); score the
    test rows. Nothing fitted here sees a test row."""
    from sklearn.base import clone

    from ._take import take_rows as _take

    X_train, y_train = _take(X, train), y[train]
    X_test, y_test = _take(X, test), y[test]
    rows, predictions = [], []

    def failed(error: Exception, classifier_names) -> None:
        if isinstance(error_score, str):
            where = f"sampler {sampler_name!r} on fold {fold}"
            raise type(error)(f"{where}: {error}") from error
        warnings.warn(
            f"sampler {sampler_name!r} on fold {fold} failed ({error}); its scores are "
            f"{error_score}.",
            UserWarning,
            stacklevel=2,
        )
        for classifier_name in classifier_names:
            rows.extend((sampler_name, classifier_name, m, fold, error_score) for m in metrics)

    try:
        if preprocessor is not None:
            fitted = clone(preprocessor).fit(X_train, y_train)
            X_train, X_test = fitted.transform(X_train), fitted.transform(X_test)
        if sampler is not None:
            X_train, y_train = clone(sampler).fit_resample(X_train, y_train)
            y_train = _labels(y_train)
    except (ValueError, TypeError, ArithmeticError) as error:
        failed(error, list(classifiers))
        return rows, predictions

    for classifier_name, classifier in classifiers.items():
        try:
            model = clone(classifier).fit(X_train, y_train)
            y_pred = np.asarray(model.predict(X_test))
            y_score = _positive_score(model, X_test, positive)
        except (ValueError, TypeError, ArithmeticError) as error:
            failed(error, [classifier_name])
            continue
        for metric in metrics:
            score = _score(metric, y_test, y_pred, y_score, positive, model, X_test)
            rows.append((sampler_name, classifier_name, metric, fold, score))
        if keep_predictions:
            predictions.append(
                FoldPrediction(sampler_name, classifier_name, fold, test, y_pred, y_score)
            )
    return rows, predictions


# --------------------------------------------------------------------------- scoring


def _positive_score(model, X, positive):
    """The model's score for ``positive`` (probability or decision value), or None."""
    classes = list(getattr(model, "classes_", []))
    if positive not in classes:
        return None
    column = classes.index(positive)
    if hasattr(model, "predict_proba"):
        return np.asarray(model.predict_proba(X))[:, column]
    if hasattr(model, "decision_function"):
        decision = np.asarray(model.decision_function(X))
        if decision.ndim == 1:  # binary: positive values favour classes_[1]
            return decision if column == 1 else -decision
        return decision[:, column]
    return None


def _score(metric, y_true, y_pred, y_score, positive, model, X_test) -> float:
    from sklearn import metrics as skm

    from .metrics import geometric_mean_score

    truth = y_true == positive
    guess = y_pred == positive
    if metric in RANKING_METRICS:
        if y_score is None or truth.all() or not truth.any():
            return math.nan  # undefined without both classes in the fold, or without scores
        if metric == "roc_auc":
            return float(skm.roc_auc_score(truth, y_score))
        return float(skm.average_precision_score(truth, y_score))
    if metric == "f1":
        return float(skm.f1_score(truth, guess, zero_division=0))
    if metric == "recall":
        return float(skm.recall_score(truth, guess, zero_division=0))
    if metric == "precision":
        return float(skm.precision_score(truth, guess, zero_division=0))
    if metric == "specificity":
        return float(skm.recall_score(~truth, ~guess, zero_division=0))
    if metric == "geometric_mean":
        # Recalls of the classes present in the fold (a class predicted but absent
        # from the fold has no recall and is not a reason to score 0).
        return float(geometric_mean_score(y_true, y_pred, labels=np.unique(y_true)))
    if metric == "balanced_accuracy":
        return float(skm.balanced_accuracy_score(y_true, y_pred))
    return float(skm.get_scorer(metric)(model, X_test, y_true))


def _resolve_scoring(scoring) -> tuple[str, ...]:
    from sklearn.metrics import get_scorer_names

    if scoring is None:
        return DEFAULT_SCORING
    names = (scoring,) if isinstance(scoring, str) else tuple(scoring)
    if not names:
        raise ValueError("scoring is empty; name at least one metric.")
    known = set(get_scorer_names())
    for name in names:
        if not isinstance(name, str) or (name not in OWN_METRICS and name not in known):
            raise ValueError(
                f"unknown metric {name!r} in scoring; use {', '.join(OWN_METRICS)} or a "
                "scikit-learn scorer name (sklearn.metrics.get_scorer_names())."
            )
    if len(set(names)) != len(names):
        raise ValueError(f"scoring names a metric twice: {list(names)}.")
    return names


# --------------------------------------------------------------------------- inputs


def _labels(y) -> np.ndarray:
    if hasattr(y, "to_numpy"):
        return y.to_numpy()
    return np.asarray(y)


def _n_rows(X) -> int:
    return int(X.shape[0]) if hasattr(X, "shape") else len(X)


def _split_view(X):
    """What the splitter sees: only the row count matters for the splitters we use."""
    return np.zeros((_n_rows(X), 1))


def _splitter(cv, random_state):
    from sklearn.model_selection import RepeatedStratifiedKFold, check_cv

    if cv is None:
        return RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=random_state)
    return check_cv(cv, classifier=True)


def _positive_label(labels: np.ndarray, pos_label):
    classes, counts = np.unique(labels, return_counts=True)
    if pos_label is None:
        label = classes[int(np.argmin(counts))]
        return label.item() if isinstance(label, np.generic) else label
    if pos_label not in classes:
        raise ValueError(
            f"pos_label={pos_label!r} is not a class of y; its classes are {classes.tolist()}."
        )
    return pos_label


def _check_features(X, preprocessor) -> None:
    """Without a preprocessor, samplers and classifiers get X as is: it must be numeric
    and complete. Name the offending columns."""
    if preprocessor is not None:
        return
    import sys

    from ._containers import SMOTENC_HINT

    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(X, pd.DataFrame):
        columns = list(X.columns)
        non_numeric = [
            c
            for c in columns
            if not (pd.api.types.is_numeric_dtype(X[c]) or pd.api.types.is_bool_dtype(X[c]))
        ]
        missing = X.isna().sum()
        missing = {c: int(n) for c, n in missing.items() if n}
    else:
        values = np.asarray(X)
        if values.ndim != 2:
            raise ValueError(f"X must be 2-D (rows x features); got shape {values.shape}.")
        columns = list(range(values.shape[1]))
        non_numeric = []
        if values.dtype.kind not in "biuf":
            try:
                values = values.astype(np.float64)
            except (TypeError, ValueError):
                non_numeric = ["(some columns)"]
        missing = {}
        if values.dtype.kind == "f":
            counts = np.isnan(values).sum(axis=0)
            missing = {j: int(n) for j, n in enumerate(counts) if n}
    if non_numeric:
        shown = ", ".join(repr(c) for c in non_numeric[:10])
        raise ValueError(
            f"X has non-numeric columns: {shown}. {SMOTENC_HINT} Classifiers need numbers "
            "too: pass a preprocessor that encodes them (fitted inside each training fold)."
        )
    if missing:
        shown = ", ".join(f"{c!r} ({n} rows)" for c, n in list(missing.items())[:10])
        raise ValueError(
            f"X has missing values in columns {shown}. Samplers interpolate between rows "
            "and need complete rows: drop or impute them first, or pass a preprocessor that "
            "imputes (fitted inside each training fold)."
        )


def _resolve_samplers(samplers, random_state) -> dict:
    from ._registry import make_sampler

    if isinstance(samplers, str):
        samplers = [samplers]
    resolved = {NONE: None}
    items = samplers.items() if isinstance(samplers, dict) else [(n, n) for n in samplers]
    for name, sampler in items:
        if str(name).lower() == NONE:
            continue  # the baseline is always there
        if isinstance(sampler, str):
            sampler = make_sampler(sampler, random_state=random_state)
        elif not hasattr(sampler, "fit_resample"):
            raise ValueError(
                f"samplers[{name!r}] must have fit_resample (a sampler); got "
                f"{type(sampler).__name__}."
            )
        resolved[str(name)] = sampler
    return resolved


def _resolve_classifiers(classifiers, random_state) -> dict:
    if isinstance(classifiers, str):
        classifiers = [classifiers]
    if isinstance(classifiers, dict):
        items = list(classifiers.items())
    else:
        items = [(name, name) for name in classifiers]
    if not items:
        raise ValueError("classifiers is empty; name at least one classifier.")
    resolved = {}
    for name, classifier in items:
        if isinstance(classifier, str):
            classifier = make_classifier(classifier, random_state=random_state)
        elif not (hasattr(classifier, "fit") and hasattr(classifier, "predict")):
            raise ValueError(
                f"classifiers[{name!r}] must be a scikit-learn classifier (fit and predict); "
                f"got {type(classifier).__name__}."
            )
        resolved[str(name)] = classifier
    return resolved


# --------------------------------------------------------------------------- summarize


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
