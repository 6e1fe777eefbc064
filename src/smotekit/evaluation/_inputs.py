"""Checks and defaults of ``evaluate``'s inputs: features, samplers, labels and folds."""

from __future__ import annotations

import sys

import numpy as np

from .._take import n_rows

NONE = "none"  # the name of "no resampling", the baseline every sampler is compared with


def check_features(X, preprocessor=None) -> None:
    """Without a preprocessor, samplers and classifiers get X as is: it must be numeric
    and complete. Name the offending columns.

    Examples
    --------
    >>> import pandas as pd
    >>> from smotekit.evaluation import check_features
    >>> check_features(pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]}))
    Traceback (most recent call last):
    ...
    ValueError: X has non-numeric columns: 'b'. ...
    """
    if preprocessor is not None:
        return
    from .._containers import SMOTENC_HINT

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


def resolve_samplers(samplers, random_state) -> dict:
    """``{name: sampler}`` with the baseline ``"none": None`` first (names made by name)."""
    from .._registry import make_sampler

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


def positive_label(labels: np.ndarray, pos_label):
    """``pos_label`` checked against the classes; default the least frequent class."""
    classes, counts = np.unique(labels, return_counts=True)
    if pos_label is None:
        label = classes[int(np.argmin(counts))]
        return label.item() if isinstance(label, np.generic) else label
    if pos_label not in classes:
        raise ValueError(
            f"pos_label={pos_label!r} is not a class of y; its classes are {classes.tolist()}."
        )
    return pos_label


def split_view(X):
    """What the splitter sees: only the row count matters for the splitters we use."""
    return np.zeros((n_rows(X), 1))


def splitter(cv, random_state, labels=None):
    """The folds: ``cv`` checked (an int is stratified k-fold when ``labels`` are given, and
    checked against them), default stratified 5-fold repeated twice."""
    from sklearn.model_selection import RepeatedStratifiedKFold, check_cv

    if cv is None:
        cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=random_state)
    else:
        cv = check_cv(cv, labels, classifier=True)
    if labels is not None:
        check_folds(cv, labels)
    return cv


def check_folds(cv, labels) -> None:
    """Refuse k-fold splitters with more folds than the smallest class has rows.

    Some test folds would then hold no row of that class: its recall, precision and curves
    are undefined there (scikit-learn warns once per fold and metric), and a summary over
    such folds misleads. Checked before any fold runs.

    Examples
    --------
    >>> from sklearn.model_selection import StratifiedKFold
    >>> check_folds(StratifiedKFold(n_splits=4), np.array([0] * 20 + [1] * 3))
    Traceback (most recent call last):
    ...
    ValueError: cv has 4 folds, but class 1 has only 3 rows, so some test folds would hold ...
    """
    from sklearn.model_selection import (
        GroupKFold,
        KFold,
        RepeatedKFold,
        RepeatedStratifiedKFold,
        StratifiedGroupKFold,
        StratifiedKFold,
    )

    if isinstance(cv, (RepeatedKFold, RepeatedStratifiedKFold)):
        folds = cv.cvargs.get("n_splits", 5)
    elif isinstance(cv, (KFold, StratifiedKFold, GroupKFold, StratifiedGroupKFold)):
        folds = cv.n_splits
    else:
        return  # shuffle splits, predefined folds, ...: a fold count does not decide it
    classes, counts = np.unique(labels, return_counts=True)
    smallest = int(np.argmin(counts))
    if folds > counts[smallest]:
        label = classes[smallest]
        label = label.item() if isinstance(label, np.generic) else label
        raise ValueError(
            f"cv has {folds} folds, but class {label!r} has only {counts[smallest]} rows, so "
            f"some test folds would hold none of it and its scores there are undefined; use "
            f"at most {counts[smallest]} folds."
        )
