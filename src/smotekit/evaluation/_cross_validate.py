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

from .._random import DEFAULT_SEED
from .._take import as_labels, n_rows, take_rows
from ._classifiers import resolve_classifiers
from ._inputs import check_features, positive_label, split_view, splitter
from ._metrics import resolve_scoring, score
from ._strategies import (
    DEFAULT_THRESHOLD_METRIC,
    RECALIBRATED_SUFFIX,
    Strategy,
    build_model,
    resolve_strategies,
    threshold_scorer,
)


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
    random_state=DEFAULT_SEED,
    error_score="raise",
    progress=None,
    threshold_metric=DEFAULT_THRESHOLD_METRIC,
    recalibrate=False,
):
    """Cross-validate classifiers under resampling strategies and their alternatives,
    fitting everything inside the training folds.

    Parameters
    ----------
    X : array-like or pandas DataFrame of shape (n_samples, n_features)
        Numeric features without missing values, unless ``preprocessor`` handles them.
    y : array-like of shape (n_samples,)
        Class labels.
    samplers : dict or list
        The strategies to compare: ``{name: sampler}`` (anything with ``fit_resample``),
        or names: a sampler known to smotekit (``smotekit._registry.sampler_names()``);
        ``"class_weight"`` (the classifier with balanced class weights; classifiers without
        a ``class_weight`` parameter are skipped, with the reason in
        ``attrs["skipped"]``); ``"threshold"`` (the classifier unresampled, its decision
        threshold tuned by scikit-learn's ``TunedThresholdClassifierCV`` on an inner 5-fold
        cross-validation of the training fold, for ``threshold_metric``); or
        ``"<sampler>+threshold"`` (e.g. ``"SMOTE+threshold"``: the sampler and classifier
        as one pipeline inside the tuner). No resampling, named ``"none"``, is always added
        first as the reference. An unknown name raises before any fold runs.
    classifiers : dict or list
        ``{name: estimator}``, or names of :func:`classifier_names`. A pipeline's scaler is
        fitted, like the rest of it, on each (resampled) training fold.
    cv : int, cross-validation splitter or iterable, default=None
        Default: stratified 5-fold repeated twice (10 folds), shuffled with ``random_state``.
        Every strategy and classifier is scored on the same folds.
    scoring : list of str, default=None
        Metric names of :data:`METRICS`. ``roc_auc``, ``average_precision``, ``f1``,
        ``recall``, ``precision`` and ``specificity`` score the minority class (or
        ``pos_label``) as the positive class; ``geometric_mean`` is the G-mean of the class
        recalls; ``balanced_accuracy`` the mean recall. The calibration metrics read the
        predicted minority probability: ``brier``, ``log_loss``, ``calibration_gap`` (mean
        predicted minority probability minus the fold's minority share) and ``ece`` (10
        equal-mass bins). Any other scikit-learn scorer name is passed to
        ``sklearn.metrics.get_scorer``. Default: ROC-AUC, average precision, minority F1
        and recall, G-mean, balanced accuracy, Brier score and calibration gap.
    n_jobs : int, default=None
        Folds run in parallel (joblib); ``None`` means 1, ``-1`` all cores.
    preprocessor : transformer, default=None
        Fitted on each training fold before resampling (e.g. imputation, one-hot encoding
        and scaling), so the sampler's neighbours are computed on its output.
    pos_label : label, default=None
        The class of interest; default the least frequent class.
    random_state : int or None, default=42
        Seeds the default folds, the inner folds of threshold tuning and the samplers and
        classifiers given by name. The default is smotekit's one default seed (the command
        line's too), so two runs give the same numbers; ``None`` draws fresh randomness.
    error_score : "raise" or float, default="raise"
        What a fold scores when resampling or fitting fails; a number (e.g. ``np.nan``)
        records it with a warning instead of stopping.
    progress : bool, default=None
        Draw a progress bar; default only when standard error is a terminal.
    threshold_metric : str, default="balanced_accuracy"
        What ``"threshold"`` strategies maximise: a label metric of the metric table or a
        scikit-learn scorer name.
    recalibrate : bool, default=False
        For every strategy that resamples (without threshold tuning), also score a row
        ``"<name>+recalibrated"``: the same fitted classifier with its probabilities
        corrected for the prior shift resampling caused (each class's odds rescaled by its
        training share before / after resampling), and its labels the most probable class.

    Returns
    -------
    pandas DataFrame
        One row per score, columns ``sampler`` (the strategy's name), ``classifier``,
        ``metric``, ``fold`` and ``score``. ``attrs["test_train_ratio"]`` (the mean test /
        train size, used by :func:`summarize`), ``attrs["pos_label"]``,
        ``attrs["resampling"]`` (which strategies resample) and ``attrs["skipped"]`` (one
        record per strategy x classifier that could not apply, with the reason; its scores
        are NaN) are set.

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
        threshold_metric=threshold_metric,
        recalibrate=recalibrate,
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
    y_proba: np.ndarray | None = None  # its predicted probability, None if unavailable


@dataclass
class CrossValidation:
    """Scores of :func:`evaluate`, plus (optionally) the test-fold predictions."""

    scores: object  # pandas DataFrame
    pos_label: object
    test_train_ratio: float
    predictions: list[FoldPrediction] = field(default_factory=list)
    skipped: list = field(default_factory=list)  # {"sampler", "classifier", "reason"}


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
    random_state=DEFAULT_SEED,
    error_score="raise",
    progress=None,
    keep_predictions=False,
    threshold_metric=DEFAULT_THRESHOLD_METRIC,
    recalibrate=False,
) -> CrossValidation:
    """:func:`evaluate`, returning a :class:`CrossValidation` (with the test-fold
    predictions when ``keep_predictions``, for PR and ROC curves)."""
    import pandas as pd
    from joblib import Parallel, delayed

    from .. import _validation
    from .._progress import Progress
    from ._preprocess import default_preprocessing, needs_preprocessing

    labels = as_labels(y)
    _validation.check_target(labels, n_rows(X))
    auto = preprocessor is None and needs_preprocessing(X)
    if not auto:
        check_features(X, preprocessor)
    strategies = resolve_strategies(samplers, random_state)
    classifier_map = resolve_classifiers(classifiers, random_state)
    metrics = resolve_scoring(scoring)
    positive = positive_label(labels, pos_label)
    scorer = threshold_scorer(threshold_metric, positive)
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
                strategy=strategy,
                classifiers=classifier_map,
                metrics=metrics,
                positive=positive,
                **_preprocessing(X, strategy, preprocessor, auto, default_preprocessing),
                error_score=error_score,
                keep_predictions=keep_predictions,
                threshold_scorer=scorer,
                recalibrate=recalibrate,
                random_state=random_state,
            ),
        )
        for fold, (train, test) in enumerate(splits)
        for strategy in strategies.values()
    ]
    names = []  # every row name, each recalibrated row after its strategy
    for strategy in strategies.values():
        names.append(strategy.name)
        if recalibrate and recalibrates(strategy):
            names.append(strategy.name + RECALIBRATED_SUFFIX)
    rows, predictions, skipped = [], [], {}
    label = (
        f"cross-validating {len(strategies)} strategies x {len(classifier_map)} classifiers "
        f"on {len(splits)} folds"
    )
    with Progress(len(tasks), label, enabled=progress) as bar:
        for fold_rows, fold_predictions, fold_skipped in Parallel(
            n_jobs=n_jobs, return_as="generator_unordered"
        )(tasks):
            rows.extend(fold_rows)
            predictions.extend(fold_predictions)
            for name, classifier, reason in fold_skipped:
                skipped.setdefault((name, classifier), reason)
            bar.update()

    scores = pd.DataFrame(rows, columns=["sampler", "classifier", "metric", "fold", "score"])
    order = {
        "sampler": names,
        "classifier": list(classifier_map),
        "metric": list(metrics),
    }
    keys = [scores[c].map({v: i for i, v in enumerate(order[c])}) for c in order]
    sort = np.lexsort((scores["fold"].to_numpy(), *(k.to_numpy() for k in reversed(keys))))
    scores = scores.iloc[sort].reset_index(drop=True)
    scores["score"] = scores["score"].astype(float)
    scores.attrs["test_train_ratio"] = ratio
    scores.attrs["pos_label"] = _plain(positive)
    scores.attrs["random_state"] = random_state if isinstance(random_state, int) else None
    resampling = {s.name: s.resamples for s in strategies.values()}
    resampling.update({n + RECALIBRATED_SUFFIX: True for n in resampling if resampling[n]})
    scores.attrs["resampling"] = {n: resampling[n] for n in names}
    skipped = [
        {"sampler": name, "classifier": classifier, "reason": reason}
        for (name, classifier), reason in sorted(
            skipped.items(),
            key=lambda item: (names.index(item[0][0]), list(classifier_map).index(item[0][1])),
        )
    ]
    scores.attrs["skipped"] = skipped
    predictions.sort(key=lambda p: (names.index(p.sampler), p.fold))
    return CrossValidation(scores, positive, ratio, predictions, skipped)


def _preprocessing(X, strategy, preprocessor, auto, default_preprocessing) -> dict:
    """The task's preprocessor (before resampling) and encoder (after it, for the classifier)."""
    if not auto:
        return {"preprocessor": preprocessor, "encoder": None}
    before, after = default_preprocessing(X, strategy.sampler)
    return {"preprocessor": before, "encoder": after}


def recalibrates(strategy: Strategy) -> bool:
    """Whether ``recalibrate=True`` adds a recalibrated row for ``strategy``: it resamples
    outside any threshold tuning (a tuned threshold was chosen for the uncorrected scores)."""
    return strategy.resamples and not strategy.threshold


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


@dataclass(frozen=True)
class FoldTask:
    """One unit of work of :func:`cross_validate_samplers`: a strategy on one fold.

    The data (``X`` and the labels) travel beside it, so the task itself stays small.
    """

    train: np.ndarray  # positions of the training rows
    test: np.ndarray  # positions of the test rows
    fold: int
    strategy: Strategy
    classifiers: dict  # {name: unfitted estimator}
    metrics: tuple  # metric names of the metric table or scikit-learn scorers
    positive: object  # the positive (minority) class
    preprocessor: object = None  # fitted on the training rows before resampling
    encoder: object = None  # fitted on the (resampled) training rows, for the classifier only
    error_score: object = "raise"  # "raise" or the float a failed fit scores
    keep_predictions: bool = False
    threshold_scorer: object = DEFAULT_THRESHOLD_METRIC  # what a tuned threshold maximises
    recalibrate: bool = False
    random_state: object = None  # seeds the inner folds of threshold tuning


def run_fold(X, y, task: FoldTask):
    """Fit on the training rows of one fold (preprocess, resample, classify); score the
    test rows. Nothing fitted here sees a test row.

    Returns the score rows, the predictions (when ``keep_predictions``) and the
    ``(strategy, classifier, reason)`` of every classifier the strategy could not apply to.
    """
    from sklearn.base import clone

    train, test, fold, strategy = task.train, task.test, task.fold, task.strategy
    name, classifiers, metrics = strategy.name, task.classifiers, task.metrics
    positive, error_score = task.positive, task.error_score
    recalibrated = (
        name + RECALIBRATED_SUFFIX if task.recalibrate and recalibrates(strategy) else None
    )
    row_names = [name] if recalibrated is None else [name, recalibrated]
    X_train, y_train = take_rows(X, train), y[train]
    X_test, y_test = take_rows(X, test), y[test]
    rows, predictions, skipped = [], [], []

    def failed(error: Exception, classifier_names) -> None:
        if isinstance(error_score, str):
            where = f"strategy {name!r} on fold {fold}"
            raise type(error)(f"{where}: {error}") from error
        warnings.warn(
            f"strategy {name!r} on fold {fold} failed ({error}); its scores are {error_score}.",
            UserWarning,
            stacklevel=2,
        )
        for classifier_name in classifier_names:
            rows.extend(
                (row, classifier_name, m, fold, error_score) for row in row_names for m in metrics
            )

    def skip(row, classifier_name, reason) -> None:
        skipped.append((row, classifier_name, reason))
        rows.extend((row, classifier_name, m, fold, np.nan) for m in metrics)

    try:
        if task.preprocessor is not None:
            fitted = clone(task.preprocessor).fit(X_train, y_train)
            X_train, X_test = fitted.transform(X_train), fitted.transform(X_test)
        shares_before = None
        if strategy.resamples and not strategy.threshold:
            shares_before = y_train
            X_train, y_train = clone(strategy.sampler).fit_resample(X_train, y_train)
            y_train = as_labels(y_train)
        if task.encoder is not None and not strategy.threshold:
            fitted = clone(task.encoder).fit(X_train, y_train)
            X_train, X_test = fitted.transform(X_train), fitted.transform(X_test)
    except (ValueError, TypeError, ArithmeticError) as error:
        failed(error, list(classifiers))
        return rows, predictions, skipped

    for classifier_name, classifier in classifiers.items():
        model, reason = build_model(
            strategy,
            classifier,
            scorer=task.threshold_scorer,
            n_classes=len(np.unique(y_train)),
            encoder=task.encoder,
            random_state=task.random_state,
        )
        if reason is not None:
            for row in row_names:
                skip(row, classifier_name, reason)
            continue
        try:
            model.fit(X_train, y_train)
            y_pred = np.asarray(model.predict(X_test))
            y_score, proba = _scores(model, X_test, positive)
        except (ValueError, TypeError, ArithmeticError) as error:
            if strategy.threshold:  # e.g. a model with constant scores on an inner fold
                for row in row_names:
                    skip(row, classifier_name, f"the threshold could not be tuned ({error})")
            else:
                failed(error, [classifier_name])
            continue
        outputs = [(name, y_pred, y_score, _column(model, proba, positive))]
        if recalibrated is not None:
            if proba is None:
                skip(recalibrated, classifier_name, "the classifier gives no probabilities")
            else:
                corrected = prior_shift(proba, model.classes_, shares_before, y_train)
                column = _column(model, corrected, positive)
                y_fixed = np.asarray(model.classes_)[np.argmax(corrected, axis=1)]
                outputs.append((recalibrated, y_fixed, column, column))
        for row, labels, row_score, row_proba in outputs:
            for metric in metrics:
                value = score(
                    metric, y_test, labels, row_score, positive, model, X_test, y_proba=row_proba
                )
                rows.append((row, classifier_name, metric, fold, value))
            if task.keep_predictions:
                predictions.append(
                    FoldPrediction(
                        row, classifier_name, fold, test, labels, row_score, y_proba=row_proba
                    )
                )
    return rows, predictions, skipped


def prior_shift(proba: np.ndarray, classes, labels_before, labels_after) -> np.ndarray:
    """Probabilities corrected for a change of class shares between training sets.

    A classifier fitted on rows whose class shares are ``labels_after``'s estimates
    ``p'(k | x)``, proportional to ``p(x | k) pi'_k``; under the shares ``pi_k`` of
    ``labels_before`` the same likelihood gives ``p(k | x)`` proportional to
    ``p'(k | x) pi_k / pi'_k`` (Saerens et al., 2002). For two classes this rescales the
    odds by ``(pi / (1 - pi)) / (pi' / (1 - pi'))``.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit.evaluation._cross_validate import prior_shift
    >>> before, after = np.array([0] * 9 + [1]), np.array([0] * 9 + [1] * 9)
    >>> prior_shift(np.array([[0.5, 0.5]]), [0, 1], before, after).round(3).tolist()
    [[0.9, 0.1]]
    """
    before = np.array([np.mean(labels_before == c) for c in classes])
    after = np.array([np.mean(labels_after == c) for c in classes])
    weights = np.divide(before, after, out=np.zeros_like(before), where=after > 0)
    corrected = np.asarray(proba, dtype=float) * weights
    total = corrected.sum(axis=1, keepdims=True)
    return np.divide(corrected, total, out=np.full_like(corrected, np.nan), where=total > 0)


def _scores(model, X, positive):
    """The model's score for ``positive`` (probability, else decision value; None if it has
    neither) and its full probability matrix (None without ``predict_proba``)."""
    classes = list(getattr(model, "classes_", []))
    if positive not in classes:
        return None, None
    column = classes.index(positive)
    if hasattr(model, "predict_proba"):
        proba = np.asarray(model.predict_proba(X), dtype=float)
        return proba[:, column], proba
    if hasattr(model, "decision_function"):
        decision = np.asarray(model.decision_function(X))
        if decision.ndim == 1:  # binary: positive values favour classes_[1]
            return (decision if column == 1 else -decision), None
        return decision[:, column], None
    return None, None


def _column(model, proba, positive):
    if proba is None:
        return None
    return proba[:, list(model.classes_).index(positive)]
