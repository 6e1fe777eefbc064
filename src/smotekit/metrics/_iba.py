"""Index balanced accuracy (García, Sánchez and Mollineda 2012): a score weighted by how
evenly it is earned across the positive and the negative class."""

from __future__ import annotations

import functools
from inspect import signature

import numpy as np

from ._classification import sensitivity_specificity_support

# Scorers of scores or probabilities have no confusion matrix, so no dominance.
_SCORE_ARGUMENTS = {"y_score", "y_prob", "y2"}
# Scorers whose `average` has no meaning for sensitivity/specificity: use the binary one.
_BINARY_ONLY = {"accuracy_score", "jaccard_score"}


def make_index_balanced_accuracy(*, alpha=0.1, squared=True):
    """Decorator turning a scoring function ``f(y_true, y_pred, ...)`` into its IBA.

    ``IBA = (1 + alpha * dominance) * score``, where ``dominance`` is sensitivity minus
    specificity computed with the same ``labels``, ``pos_label``, ``average`` and
    ``sample_weight`` as the score, and ``score`` is squared first when ``squared=True``.
    Dominance favours a score earned mostly on the positive class.

    Parameters
    ----------
    alpha : float, default=0.1
        Weight of the dominance.
    squared : bool, default=True
        Square the score before weighting it.

    Returns
    -------
    callable
        A decorator: ``make_index_balanced_accuracy(alpha=0.1)(geometric_mean_score)`` is the
        IBA of the G-mean, with the same parameters as ``geometric_mean_score``.

    Examples
    --------
    >>> from smotekit.metrics import geometric_mean_score, make_index_balanced_accuracy
    >>> iba_gmean = make_index_balanced_accuracy(alpha=0.1, squared=True)(geometric_mean_score)
    >>> y_true = [1, 0, 0, 1, 0, 1]
    >>> y_pred = [0, 0, 1, 1, 0, 1]
    >>> iba_gmean(y_true, y_pred, average=None).round(4).tolist()
    [0.4444, 0.4444]
    """

    def decorate(scoring_func):
        parameters = signature(scoring_func).parameters
        shared = set(signature(sensitivity_specificity_support).parameters) & set(parameters)

        @functools.wraps(scoring_func)
        def compute_score(*args, **kwargs):
            given = _SCORE_ARGUMENTS & set(parameters)
            if given:
                raise AttributeError(
                    f"The index balanced accuracy needs predicted labels (y_pred); "
                    f"{scoring_func.__name__} takes {', '.join(sorted(given))}."
                )
            bound = signature(scoring_func).bind(*args, **kwargs)
            bound.apply_defaults()
            score = scoring_func(*bound.args, **bound.kwargs)
            if squared:
                score = np.power(score, 2)
            options = {name: bound.arguments[name] for name in shared if name in bound.arguments}
            if scoring_func.__name__ in _BINARY_ONLY:
                options["average"] = "binary"
            elif options.get("average") == "multiclass":  # geometric_mean_score's default
                options["average"] = "macro"
            sensitivity, specificity, _ = sensitivity_specificity_support(**options)
            return (1 + alpha * (sensitivity - specificity)) * score

        return compute_score

    return decorate
