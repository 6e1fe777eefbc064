"""Error of ordinal class predictions, averaged so every class counts the same."""

from __future__ import annotations

import numpy as np

from .._validation import describe


def macro_averaged_mean_absolute_error(y_true, y_pred, *, sample_weight=None):
    """Mean absolute error computed per true class, then averaged over the classes.

    For ordinal labels (grades, severities): a plain MAE is dominated by the majority class,
    so predicting it everywhere looks good; here each class of ``y_true`` and ``y_pred``
    contributes one per-class MAE (Baccianella, Esuli and Sebastiani 2009).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted ordinal labels (numbers).
    sample_weight : array-like of shape (n_samples,), default=None
        Row weights within each class.

    Returns
    -------
    float
        0 is perfect; larger is worse.

    Examples
    --------
    >>> from smotekit.metrics import macro_averaged_mean_absolute_error
    >>> y_true = [1, 1, 1, 1, 1, 2]
    >>> y_pred = [1, 1, 1, 1, 1, 1]
    >>> macro_averaged_mean_absolute_error(y_true, y_pred)
    0.5
    """
    from sklearn.metrics import mean_absolute_error
    from sklearn.utils.multiclass import type_of_target, unique_labels
    from sklearn.utils.validation import check_consistent_length, column_or_1d

    y_true, y_pred = column_or_1d(y_true), column_or_1d(y_pred)
    weight = np.ones(y_true.shape) if sample_weight is None else column_or_1d(sample_weight)
    check_consistent_length(y_true, y_pred, weight)
    for name, values in (("y_true", y_true), ("y_pred", y_pred)):
        kind = type_of_target(values)
        if kind not in ("binary", "multiclass"):
            raise ValueError(
                f"{name} must hold class labels (binary or multiclass); its type is {kind!r}."
            )
    per_class = []
    for label in unique_labels(y_true, y_pred):
        rows = np.flatnonzero(y_true == label)
        if rows.size == 0:  # imbalanced-learn fails here too, with a less telling error
            raise ValueError(
                f"label {describe(label)} is in y_pred but not in y_true; the error of a class "
                "with no true rows is undefined."
            )
        per_class.append(
            mean_absolute_error(y_true[rows], y_pred[rows], sample_weight=weight[rows])
        )
    return float(np.sum(per_class) / len(per_class))
