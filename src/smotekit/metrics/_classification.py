"""Metrics for imbalanced classification, with imbalanced-learn's semantics.

Sensitivity is a class's recall, ``tp / (tp + fn)``; specificity is the recall of everything
else, ``tn / (tn + fp)``; the geometric mean (G-mean) of the per-class recalls is high only
when every class is recognised. Counts come from scikit-learn's
``multilabel_confusion_matrix`` (one-vs-rest per label), so ``sample_weight`` and ``labels``
behave as they do there.
"""

from __future__ import annotations

import warnings

import numpy as np

AVERAGES = (None, "binary", "micro", "macro", "weighted")


def _divide(numerator, denominator, what: str, warn: bool) -> np.ndarray:
    """``numerator / denominator`` with 0 where the denominator is 0 (warned once)."""
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    empty = denominator == 0
    out = np.zeros_like(numerator)
    np.divide(numerator, denominator, out=out, where=~empty)
    if warn and empty.any():
        from sklearn.exceptions import UndefinedMetricWarning

        warnings.warn(
            f"{what} is ill-defined and set to 0.0 for labels with no {_NO[what]}.",
            UndefinedMetricWarning,
            stacklevel=3,
        )
    return out


_NO = {"Sensitivity": "true samples", "Specificity": "negative samples", "Recall": "true samples"}


def _check_average(average, allowed=AVERAGES) -> None:
    if average not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"average must be one of {options}; got {average!r}.")


def _labels_for(y_true, y_pred, labels, pos_label, average):
    """The labels to score, following scikit-learn's rules for ``average="binary"``."""
    from sklearn.utils.multiclass import type_of_target, unique_labels

    kinds = {type_of_target(y_true), type_of_target(y_pred)}
    if not kinds <= {"binary", "multiclass"}:
        raise ValueError(
            f"y_true and y_pred must hold class labels (binary or multiclass); got "
            f"{', '.join(sorted(kinds))}."
        )
    present = unique_labels(y_true, y_pred)
    if average != "binary":
        return present if labels is None else np.asarray(labels)
    if present.size > 2:
        raise ValueError(
            f"y has {present.size} classes but average='binary'; choose average=None, "
            "'micro', 'macro' or 'weighted'."
        )
    if pos_label not in present and present.size >= 2:
        raise ValueError(
            f"pos_label={pos_label!r} is not a label of y; its labels are {present.tolist()}."
        )
    return np.asarray([pos_label])


def _one_vs_rest_counts(y_true, y_pred, labels, sample_weight):
    """Per label: tp, fn, tn, fp (weighted), as four arrays."""
    from sklearn.metrics import multilabel_confusion_matrix

    matrices = multilabel_confusion_matrix(
        y_true, y_pred, sample_weight=sample_weight, labels=labels
    )
    tn, fp = matrices[:, 0, 0], matrices[:, 0, 1]
    fn, tp = matrices[:, 1, 0], matrices[:, 1, 1]
    return tp, fn, tn, fp


def sensitivity_specificity_support(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average=None,
    warn_for=("sensitivity", "specificity"),
    sample_weight=None,
):
    """Sensitivity, specificity and support of each class (or their average).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted class labels.
    labels : array-like, default=None
        Labels to include (and their order when ``average=None``); default: every label in
        ``y_true`` or ``y_pred``, sorted.
    pos_label : label, default=1
        The class scored when ``average="binary"``.
    average : {None, "binary", "micro", "macro", "weighted"}, default=None
        ``None``: one value per label. ``"binary"``: ``pos_label`` only (binary y).
        ``"micro"``: from counts pooled over labels. ``"macro"``: unweighted mean over
        labels. ``"weighted"``: mean weighted by each label's support.
    warn_for : tuple of str, default=("sensitivity", "specificity")
        Which ill-defined values (0 / 0, reported as 0) to warn about.
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    sensitivity, specificity : float or ndarray
    support : ndarray of int, or None when averaged
        Number of true samples of each label.

    Examples
    --------
    >>> from smotekit.metrics import sensitivity_specificity_support
    >>> y_true = [0, 0, 0, 0, 1, 1]
    >>> y_pred = [0, 0, 0, 1, 1, 0]
    >>> sens, spec, support = sensitivity_specificity_support(y_true, y_pred)
    >>> sens.tolist(), spec.tolist(), support.tolist()
    ([0.75, 0.5], [0.5, 0.75], [4, 2])
    """
    _check_average(average)
    chosen = _labels_for(y_true, y_pred, labels, pos_label, average)
    tp, fn, tn, fp = _one_vs_rest_counts(y_true, y_pred, chosen, sample_weight)
    if average == "micro":
        tp, fn, tn, fp = (np.array([a.sum()]) for a in (tp, fn, tn, fp))
    sensitivity = _divide(tp, tp + fn, "Sensitivity", "sensitivity" in warn_for)
    specificity = _divide(tn, tn + fp, "Specificity", "specificity" in warn_for)
    support = tp + fn
    if average is None:
        return sensitivity, specificity, support
    if average == "weighted":
        total = support.sum()
        if total == 0:
            return 0.0, 0.0, None
        weights = support / total
    else:
        weights = None
    return (
        float(np.average(sensitivity, weights=weights)),
        float(np.average(specificity, weights=weights)),
        None,
    )


def sensitivity_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary", sample_weight=None
):
    """Sensitivity (recall) ``tp / (tp + fn)``: the share of a class's rows found.

    Parameters are those of :func:`sensitivity_specificity_support`; the default
    ``average="binary"`` scores ``pos_label``.

    Examples
    --------
    >>> from smotekit.metrics import sensitivity_score
    >>> sensitivity_score([0, 0, 0, 0, 1, 1], [0, 0, 0, 1, 1, 0])
    0.5
    """
    sensitivity, _, _ = sensitivity_specificity_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        warn_for=("sensitivity",),
        sample_weight=sample_weight,
    )
    return sensitivity


def specificity_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary", sample_weight=None
):
    """Specificity ``tn / (tn + fp)``: the share of the other classes' rows not taken for
    the class.

    Parameters are those of :func:`sensitivity_specificity_support`; the default
    ``average="binary"`` scores ``pos_label``.

    Examples
    --------
    >>> from smotekit.metrics import specificity_score
    >>> specificity_score([0, 0, 0, 0, 1, 1], [0, 0, 0, 1, 1, 0])
    0.75
    """
    _, specificity, _ = sensitivity_specificity_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        warn_for=("specificity",),
        sample_weight=sample_weight,
    )
    return specificity


def geometric_mean_score(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average="multiclass",
    sample_weight=None,
    correction=0.0,
):
    """Geometric mean (G-mean) of class recalls: 1 when every class is found, 0 when a
    class is never found.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
    labels : array-like, default=None
        Labels to include; default every label of ``y_true`` or ``y_pred``.
    pos_label : label, default=1
        Used with ``average="binary"``.
    average : {"multiclass", None, "binary", "micro", "macro", "weighted"}, default="multiclass"
        ``"multiclass"``: the geometric mean of the recalls of all labels (for a binary
        problem, ``sqrt(sensitivity * specificity)``). Any other value: the square root of
        ``sensitivity * specificity`` from :func:`sensitivity_specificity_support` with that
        ``average`` (one value per label for ``None``).
    sample_weight : array-like of shape (n_samples,), default=None
    correction : float, default=0.0
        With ``average="multiclass"``, a recall of 0 is replaced by ``correction`` so that one
        missed class does not zero the score.

    Returns
    -------
    float, or ndarray when ``average=None``

    Examples
    --------
    >>> from smotekit.metrics import geometric_mean_score
    >>> y_true = [0, 0, 0, 0, 1, 1]
    >>> y_pred = [0, 0, 0, 1, 1, 0]
    >>> round(geometric_mean_score(y_true, y_pred), 4)  # sqrt(0.75 * 0.5)
    0.6124
    """
    if average != "multiclass":
        _check_average(average, (*AVERAGES, "multiclass"))
        sensitivity, specificity, _ = sensitivity_specificity_support(
            y_true,
            y_pred,
            labels=labels,
            pos_label=pos_label,
            average=average,
            warn_for=("specificity",),
            sample_weight=sample_weight,
        )
        return np.sqrt(np.multiply(sensitivity, specificity))
    chosen = _labels_for(y_true, y_pred, labels, pos_label, average)
    tp, fn, _, _ = _one_vs_rest_counts(y_true, y_pred, chosen, sample_weight)
    recall = _divide(tp, tp + fn, "Recall", True)
    recall[recall == 0] = correction
    if (recall == 0).any():
        return 0.0
    return float(np.exp(np.log(recall).mean()))


def classification_report_imbalanced(
    y_true,
    y_pred,
    *,
    labels=None,
    target_names=None,
    sample_weight=None,
    digits=2,
    alpha=0.1,
    output_dict=False,
    zero_division="warn",
):
    """Per-class precision, recall, specificity, F1, G-mean, IBA and support.

    Same layout as imbalanced-learn's report: columns ``pre rec spe f1 geo iba sup`` and an
    ``avg / total`` row of support-weighted means. ``geo`` is
    ``sqrt(recall * specificity)`` of the class against the rest, and ``iba`` the index of
    balanced accuracy ``(1 + alpha * (recall - specificity)) * recall * specificity``.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
    labels : array-like, default=None
        Labels to report, in order; default every label of ``y_true`` or ``y_pred``.
    target_names : list of str, default=None
        Display names of ``labels``.
    sample_weight : array-like of shape (n_samples,), default=None
    digits : int, default=2
        Decimals in the text report.
    alpha : float, default=0.1
        Weight of the dominance ``recall - specificity`` in IBA.
    output_dict : bool, default=False
        Return a dict ``{label: {"pre": ..., ..., "sup": ...}, "avg_pre": ..., ...,
        "total_support": ...}`` instead of text.
    zero_division : "warn", 0, 1 or nan, default="warn"
        Value of an ill-defined precision or F1 (as in scikit-learn).

    Returns
    -------
    str or dict

    Examples
    --------
    >>> from smotekit.metrics import classification_report_imbalanced
    >>> print(classification_report_imbalanced([0, 0, 0, 0, 1, 1], [0, 0, 0, 1, 1, 0]))
                       pre       rec       spe        f1       geo       iba       sup
    <BLANKLINE>
              0       0.75      0.75      0.50      0.75      0.61      0.38         4
              1       0.50      0.50      0.75      0.50      0.61      0.37         2
    <BLANKLINE>
    avg / total       0.67      0.67      0.58      0.67      0.61      0.38         6
    <BLANKLINE>
    """
    from sklearn.metrics import precision_recall_fscore_support
    from sklearn.utils.multiclass import unique_labels

    labels = unique_labels(y_true, y_pred) if labels is None else np.asarray(labels)
    if target_names is None:
        target_names = [str(label) for label in labels]
    elif len(target_names) != len(labels):
        raise ValueError(
            f"target_names has {len(target_names)} names but there are {len(labels)} labels "
            f"({labels.tolist()})."
        )
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        average=None,
        sample_weight=sample_weight,
        zero_division=zero_division,
    )
    _, specificity, _ = sensitivity_specificity_support(
        y_true,
        y_pred,
        labels=labels,
        average=None,
        warn_for=("specificity",),
        sample_weight=sample_weight,
    )
    squared_gmean = recall * specificity
    columns = {
        "pre": precision,
        "rec": recall,
        "spe": specificity,
        "f1": f1,
        "geo": np.sqrt(squared_gmean),
        "iba": (1 + alpha * (recall - specificity)) * squared_gmean,
    }
    total = support.sum()
    averages = {
        name: float(np.average(values, weights=support)) if total else 0.0
        for name, values in columns.items()
    }
    if output_dict:
        report = {
            name: {**{key: values[i] for key, values in columns.items()}, "sup": support[i]}
            for i, name in enumerate(target_names)
        }
        report.update({f"avg_{key}": value for key, value in averages.items()})
        report["total_support"] = total
        return report

    last = "avg / total"
    width = max(len(last), digits, *(len(name) for name in target_names))
    header = f"{'':>{width}} " + "".join(f" {key:>9}" for key in (*columns, "sup"))
    lines = [header, ""]
    for i, name in enumerate(target_names):
        cells = "".join(f" {values[i]:>9.{digits}f}" for values in columns.values())
        lines.append(f"{name:>{width}} {cells} {support[i]:>9}")
    lines.append("")
    cells = "".join(f" {value:>9.{digits}f}" for value in averages.values())
    lines.append(f"{last:>{width}} {cells} {total:>9}")
    return "\n".join(lines) + "\n"
