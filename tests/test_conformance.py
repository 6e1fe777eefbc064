"""imbalanced-learn's own conformance checks, called (not copied) on every smotekit sampler.

The samplers come from :func:`smotekit._discovery.all_samplers`, which walks the package,
so a new sampler is checked without being listed here. No check is skipped or marked as
expected to fail: ``parametrize_with_checks`` marks nothing unless told to.
"""

from __future__ import annotations

import inspect

from imblearn.utils.estimator_checks import parametrize_with_checks
from sklearn.ensemble import RandomForestClassifier

from smotekit._discovery import all_samplers

#: Values for constructor parameters without a default (imbalanced-learn's own test
#: instances use the same: the first column is the categorical one).
REQUIRED = {"categorical_features": [0]}
#: Samplers with several behaviours get one instance per behaviour. ClusterCentroids is
#: checked with soft voting, as imbalanced-learn checks its own ("auto" picks hard voting
#: for sparse X and soft for dense, so the sparse and dense results differ by design).
VARIANTS = {
    "NearMiss": [{"version": 1}, {"version": 2}, {"version": 3}],
    "ClusterCentroids": [{"voting": "soft"}],
    # A forest of 10 trees, not the default 100, keeps the run short (imbalanced-learn
    # shrinks ensembles in its own checks too).
    "InstanceHardnessThreshold": [
        {"estimator": RandomForestClassifier(n_estimators=10, random_state=0)}
    ],
}


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
    """Every registered sampler (the CLI's list) gets checked, and the discovery finds
    them by walking the package, not through the registry."""
    from smotekit._registry import SAMPLERS

    names = {type(sampler).__name__ for sampler in instances()}
    assert names == set(SAMPLERS)
