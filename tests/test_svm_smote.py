"""SVMSMOTE: seeds are non-noise support vectors; danger interpolates, safe extrapolates."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from sklearn.svm import SVC

from sampler_checks import class_pairs, nearest_others
from smotekit import SVMSMOTE, ResamplingWarning


def overlapping(seed=0, n=(150, 40)):
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], n)
    X = rng.normal(size=(y.size, 2)) + 1.5 * y[:, None]
    return X, y


def test_seeds_are_support_vectors_and_steps_follow_their_danger():
    X, y = overlapping()
    m, k, out_step = 8, 4, 0.4
    sampler = SVMSMOTE(m_neighbors=m, k_neighbors=k, out_step=out_step, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert Counter(y_res.tolist()) == {0: 150, 1: 150}
    support = sampler.svm_estimator_.support_
    other = (y[nearest_others(X, m)] != y[:, None]).sum(axis=1)
    usable = {i for i in support if y[i] == 1 and other[i] < m}
    base, nb = sampler.synthetic_parents_.T
    assert set(base) == usable  # every usable support vector seeds a row here
    t = sampler.synthetic_steps_
    danger = other[base] * 2 >= m
    assert danger.any() and (~danger).any()
    assert ((t[danger] >= 0) & (t[danger] < 1)).all()
    assert ((t[~danger] <= 0) & (t[~danger] > -out_step)).all()
    assert set(map(tuple, sampler.synthetic_parents_.tolist())) <= class_pairs(X, y, 1, k)
    np.testing.assert_allclose(X_res[len(y) :], X[base] + t[:, None] * (X[nb] - X[base]))


def test_a_given_svm_is_cloned_and_used():
    X, y = overlapping(1)
    svm = SVC(kernel="linear", C=0.5)
    sampler = SVMSMOTE(svm_estimator=svm, random_state=0)
    sampler.fit_resample(X, y)
    assert not hasattr(svm, "support_")
    assert sampler.svm_estimator_.kernel == "linear"
    assert set(sampler.synthetic_parents_[:, 0]) <= set(sampler.svm_estimator_.support_)


class NoMinoritySupport:
    """A stand-in SVM whose support vectors are all of class 0."""

    def fit(self, X, y):
        self.support_ = np.flatnonzero(y == 0)
        return self

    def get_params(self, deep=True):
        return {}

    def set_params(self, **params):
        return self


def test_no_usable_support_vector_warns_and_adds_nothing():
    X, y = overlapping(2)
    sampler = SVMSMOTE(svm_estimator=NoMinoritySupport(), random_state=0)
    with pytest.warns(ResamplingWarning, match="no support vector"):
        _, y_res = sampler.fit_resample(X, y)
    assert Counter(y_res.tolist()) == {0: 150, 1: 40}
    assert list(sampler.skipped_classes_) == [1]
