"""imbalanced-learn's ``utils`` checks, answered by smotekit's strategy, target and neighbours."""

from __future__ import annotations

import numbers
from collections import OrderedDict

import numpy as np

from .. import _strategy, neighbors
from .._validation import describe

SAMPLING_KINDS = ("over-sampling", "under-sampling", "clean-sampling", "ensemble", "bypass")
_INTERNAL = {
    "over-sampling": _strategy.OVER,
    "under-sampling": _strategy.UNDER,
    "clean-sampling": _strategy.CLEAN,
}


def check_sampling_strategy(sampling_strategy, y, sampling_type, **kwargs):
    """Resolve ``sampling_strategy`` against ``y`` into ``{class label: number of rows}``.

    Parameters
    ----------
    sampling_strategy : float, str, dict, list or callable
        As for the samplers (a list only for ``"clean-sampling"``).
    y : array-like of shape (n_samples,)
        Class labels.
    sampling_type : {"over-sampling", "under-sampling", "clean-sampling", "ensemble", "bypass"}
        Over-sampling gives the rows to add per class, under-sampling the rows to keep;
        ``"ensemble"`` and ``"bypass"`` return ``sampling_strategy`` unchanged.
        Clean-sampling gives each class that may be cleaned with the minority's number of
        rows, as imbalanced-learn does.
    **kwargs
        Passed to a callable ``sampling_strategy`` with ``y``.

    Returns
    -------
    OrderedDict
        ``{label: n}`` sorted by label.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit.utils import check_sampling_strategy
    >>> y = np.array([0] * 8 + [1] * 3 + [2] * 2)
    >>> dict(check_sampling_strategy("auto", y, "over-sampling"))
    {1: 5, 2: 6}
    >>> dict(check_sampling_strategy({0: 4}, y, "under-sampling"))
    {0: 4}
    """
    if sampling_type not in SAMPLING_KINDS:
        raise ValueError(
            f"sampling_type must be one of {', '.join(map(repr, SAMPLING_KINDS))}; got "
            f"{describe(sampling_type)}."
        )
    y = np.asarray(y)
    n_classes = np.unique(y).size
    if n_classes <= 1:
        raise ValueError(f"The target 'y' needs to have more than 1 class; got {n_classes}.")
    if sampling_type in ("ensemble", "bypass"):
        return sampling_strategy
    kind = _INTERNAL[sampling_type]
    if isinstance(sampling_strategy, list) and kind != _strategy.CLEAN:
        raise ValueError(
            "sampling_strategy as a list of classes is only for cleaning samplers "
            f"(sampling_type='clean-sampling'); got {sampling_type!r}."
        )
    if kind == _strategy.CLEAN and not isinstance(sampling_strategy, str | list):
        raise ValueError(
            "A cleaning sampler decides itself how many rows to remove: sampling_strategy "
            "must be a name or a list of classes; got "
            f"{describe(sampling_strategy)}."
        )
    if callable(sampling_strategy) and kwargs:
        strategy = sampling_strategy

        def sampling_strategy(labels):
            return strategy(labels, **kwargs)

    if kind == _strategy.CLEAN and sampling_strategy == "minority":
        raise ValueError("sampling_strategy='minority' cannot be used with a cleaning sampler.")
    try:
        resolved = _strategy.resolve_sampling_strategy(sampling_strategy, y, kind)
    except TypeError as error:  # imbalanced-learn raises ValueError for every bad strategy
        raise ValueError(str(error)) from None
    if kind == _strategy.CLEAN:
        # As imbalanced-learn: each class a cleaner may clean, with the minority's size.
        minority = min(_strategy.class_counts(y).values())
        resolved = dict.fromkeys(resolved, minority)
    return OrderedDict(sorted(resolved.items()))


def check_target_type(y, indicate_one_vs_all=False):
    """Check ``y`` is a classification target; turn a one-hot (label-binarized) ``y`` to 1-D.

    Parameters
    ----------
    y : array-like
        Binary or multiclass labels, or a one-hot matrix (one 1 per row).
    indicate_one_vs_all : bool, default=False
        Also return whether ``y`` was one-hot.

    Returns
    -------
    y : ndarray or the input
        ``argmax`` of each row for one-hot input, else ``y`` unchanged.
    is_one_vs_all : bool
        Only when ``indicate_one_vs_all=True``.

    Examples
    --------
    >>> import numpy as np
    >>> from smotekit.utils import check_target_type
    >>> check_target_type(np.array([[1, 0, 0], [0, 0, 1]]), indicate_one_vs_all=True)
    (array([0, 2]), True)
    """
    from sklearn.utils.multiclass import type_of_target

    kind = type_of_target(y)
    if kind == "multilabel-indicator":
        values = np.asarray(y.toarray() if hasattr(y, "toarray") else y)
        if (values.sum(axis=1) != 1).any():
            raise ValueError(
                "y is a multilabel indicator with rows that do not hold exactly one 1; only "
                "binary, multiclass and one-hot (label-binarized) multiclass targets are "
                "supported."
            )
        y = values.argmax(axis=1)
    return (y, kind == "multilabel-indicator") if indicate_one_vs_all else y


def check_neighbors_object(nn_name, nn_object, additional_neighbor=0):
    """A neighbours estimator from an int or an estimator, as samplers' parameters take them.

    Parameters
    ----------
    nn_name : str
        The parameter's name, for error messages.
    nn_object : int or estimator with ``kneighbors``
        An int ``k`` gives smotekit's exact search with ``n_neighbors = k +
        additional_neighbor``; an estimator is cloned (``additional_neighbor`` does not apply).
    additional_neighbor : int, default=0
        Added to an int ``nn_object`` (1 when a row's own position is among its neighbours).

    Returns
    -------
    estimator
        Unfitted, with scikit-learn's ``fit`` / ``kneighbors`` interface.

    Examples
    --------
    >>> from smotekit.utils import check_neighbors_object
    >>> check_neighbors_object("n_neighbors", 3, additional_neighbor=1).n_neighbors
    4
    """
    if isinstance(nn_object, numbers.Integral) and not isinstance(nn_object, bool):
        total = int(nn_object) + int(additional_neighbor)
        if total < 1:
            raise ValueError(
                f"{nn_name} must give at least 1 neighbour; got {nn_object} (+ "
                f"{additional_neighbor} additional)."
            )
        # The facade's estimator counts the row itself; set the total the caller asked for.
        return neighbors.make_estimator(1, nn_name).set_params(n_neighbors=total)
    return neighbors.make_estimator(nn_object, nn_name)
