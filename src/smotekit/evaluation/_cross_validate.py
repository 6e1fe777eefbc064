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

import warnings
from dataclasses import dataclass, field

import numpy as np

from .._take import as_labels, n_rows, take_rows
from ._classifiers import resolve_classifiers
from ._inputs import check_features, positive_label, resolve_samplers, split_view, splitter
from ._metrics import resolve_scoring, score


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

    from .. import _validation
    from .._progress import Progress

    labels = as_labels(y)
    _validation.check_target(labels, n_rows(X))
    check_features(X, preprocessor)
    sampler_map = resolve_samplers(samplers, random_state)
    classifier_map = resolve_classifiers(classifiers, random_state)
    metrics = resolve_scoring(scoring)
    positive = positive_label(labels, pos_label)
    if not (isinstance(error_score, str) and error_score == "raise"):
        error_score = float(error_score)
    splits = list(splitter(cv, random_state, labels).split(split_view(X), labels))
    ratio = float(np.mean([len(test) / len(train) for train, test in splits]))

    tasks = [
        delayed(run_fold)(
            X,
            labels,
            FoldTask(
                train=train,
                test=test,
                fold=fold,
                sampler_name=name,
                sampler=sampler,
                classifiers=classifier_map,
                metrics=metrics,
                positive=positive,
                preprocessor=preprocessor,
                error_score=error_score,
                keep_predictions=keep_predictions,
            ),
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


@dataclass(frozen=True)
class FoldTask:
    """One unit of work of :func:`cross_validate_samplers`: a sampler on one fold.

    The data (``X`` and the labels) travel beside it, so the task itself stays small.
    """

    train: np.ndarray  # positions of the training rows
    test: np.ndarray  # positions of the test rows
    fold: int
    sampler_name: str
    sampler: object  # anything with fit_resample, or None for no resampling
    classifiers: dict  # {name: unfitted estimator}
    metrics: tuple  # metric names of the metric table or scikit-learn scorers
    positive: object  # the positive (minority) class
    preprocessor: object = None
    error_score: object = "raise"  # "raise" or the float a failed fit scores
    keep_predictions: bool = False


def run_fold(X, y, task: FoldTask):
    """Fit on the training rows of one fold (preprocess, resample, classify); score the
    test rows. Nothing fitted here sees a test row."""
    from sklearn.base import clone

    train, test, fold = task.train, task.test, task.fold
    sampler_name, sampler, classifiers = task.sampler_name, task.sampler, task.classifiers
    metrics, positive, error_score = task.metrics, task.positive, task.error_score
    preprocessor = task.preprocessor
    X_train, y_train = take_rows(X, train), y[train]
    X_test, y_test = take_rows(X, test), y[test]
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
            y_train = as_labels(y_train)
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
            value = score(metric, y_test, y_pred, y_score, positive, model, X_test)
            rows.append((sampler_name, classifier_name, metric, fold, value))
        if task.keep_predictions:
            predictions.append(
                FoldPrediction(sampler_name, classifier_name, fold, test, y_pred, y_score)
            )
    return rows, predictions


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
