"""imbalanced-learn's own conformance checks, called (not copied) on every smotekit sampler.

The samplers come from :func:`smotekit._discovery.all_samplers`, which walks the package,
so a new sampler is checked without being listed here. No check is skipped or marked as
expected to fail: ``parametrize_with_checks`` marks nothing unless told to.
"""

from __future__ import annotations

import inspect

import pytest
from imblearn.utils.estimator_checks import parametrize_with_checks

from smotekit._discovery import all_samplers

#: Values for constructor parameters without a default (imbalanced-learn's own test
#: instances use the same: the first column is the categorical one).
REQUIRED = {"categorical_features": [0]}
#: Samplers with several behaviours get one instance per behaviour.
VARIANTS = {"NearMiss": [{"version": 1}, {"version": 2}, {"version": 3}]}


def instances():
    for name, cls in all_samplers():
        parameters = inspect.signature(cls).parameters
        base = {k: REQUIRED[k] for k, p in parameters.items() if p.default is p.empty}
        if "random_state" in parameters:
            base["random_state"] = 0
        for variant in VARIANTS.get(name, [{}]):
            yield cls(**base, **variant)


@parametrize_with_checks(list(instances()))
def test_imbalanced_learn_checks(estimator, check):
    check(estimator)


def test_every_sampler_is_checked():
    names = {type(sampler).__name__ for sampler in instances()}
    assert {"SMOTE", "SMOTENC", "TomekLinks", "SMOTEENN"} <= names
    assert pytest is not None
