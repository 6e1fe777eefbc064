"""Over-sample, then clean: SMOTE + Tomek links, SMOTE + edited nearest neighbours.

Each combination is two samplers run one after the other through their public
``fit_resample``, so any smotekit over-sampler (SMOTE, BorderlineSMOTE, ADASYN,
SMOTENC, ...) can be the first, and every container round-trips.
"""

from __future__ import annotations

import warnings
from abc import abstractmethod
from collections import Counter

import numpy as np
from sklearn.base import clone

from . import _containers
from ._base import BaseSampler, ResamplingWarning
from ._validation import describe


def _check_sampler(name: str, value, example: str) -> None:
    if value is not None and not hasattr(value, "fit_resample"):
        raise ValueError(
            f"{name} must be None or a sampler (an object with fit_resample, such as "
            f"{example}); got {describe(value)}."
        )


class _OverThenClean(BaseSampler):
    """Shared by the combinations: ``smote`` over-samples, the cleaner then removes rows."""

    _cleaner_param: str
    _cleaner_example: str

    def _check_params(self) -> None:
        _check_sampler("smote", self.smote, "smotekit.ADASYN(random_state=0)")
        _check_sampler(self._cleaner_param, self._cleaner(), self._cleaner_example)

    def _cleaner(self):
        return getattr(self, self._cleaner_param)

    def _accepts_sparse(self) -> bool:
        # The default SMOTE and both default cleaners compute on sparse rows.
        steps = [s for s in (self.smote, self._cleaner()) if s is not None]
        return all(getattr(s, "_accepts_sparse", lambda: True)() for s in steps)

    @abstractmethod
    def _default_cleaner(self):
        """The cleaner used when none is given."""

    def _unpack_X(self, X):
        # The two samplers check X themselves (SMOTENC reads categories, SMOTE numbers).
        return _containers.unpack_rows(X)

    def _over_sampler(self):
        from .over_sampling import SMOTE

        if self.smote is None:
            return SMOTE(sampling_strategy=self.sampling_strategy, random_state=self.random_state)
        return clone(self.smote)

    def fit(self, X, y):
        """Check the input as ``fit_resample`` would, without resampling: the parameters,
        y, and X as the over-sampler reads it (finite numbers for SMOTE, categories for
        SMOTENC), through the over-sampler's own ``fit``.

        Returns
        -------
        self
        """
        super().fit(X, y)
        if _containers.is_dask(X) or _containers.is_dask(y):
            return self
        smote = self._over_sampler()
        if hasattr(smote, "fit"):
            smote.fit(X, y)
        return self

    def _resample(self, features, labels):
        self.smote_ = self._over_sampler()
        cleaner = self._cleaner()
        cleaner = self._default_cleaner() if cleaner is None else clone(cleaner)
        setattr(self, f"{self._cleaner_param}_", cleaner)
        X_over, y_over = self.smote_.fit_resample(features.source, labels.source)
        X_res, y_res = cleaner.fit_resample(X_over, y_over)
        self.sampling_strategy_ = getattr(self.smote_, "sampling_strategy_", {})
        self._record_cleaning(np.asarray(y_over), np.asarray(y_res))
        self._record_provenance(features.n_rows, cleaner)
        self._record_origin(len(y_res), cleaner)
        return X_res, labels.rebuild(y_res)

    def _record_cleaning(self, y_over: np.ndarray, y_res: np.ndarray) -> None:
        before, after = Counter(y_over.tolist()), Counter(y_res.tolist())
        self.n_removed_ = {label: before[label] - after[label] for label in sorted(before)}
        for label, removed in self.n_removed_.items():
            if removed * 2 > before[label]:
                warnings.warn(
                    f"{type(self).__name__}: cleaning removed {removed} of the "
                    f"{before[label]} rows of class {label!r} after over-sampling "
                    f"({removed / before[label]:.0%}); the classes overlap heavily. Check "
                    "n_removed_, or use the over-sampler alone.",
                    ResamplingWarning,
                    stacklevel=4,
                )

    def _record_provenance(self, n_rows: int, cleaner) -> None:
        """Parents and steps of the synthetic rows that survived cleaning, in output order."""
        kept = getattr(cleaner, "sample_indices_", None)
        parents = getattr(self.smote_, "synthetic_parents_", None)
        if kept is None or parents is None:
            return
        survivors = kept[kept >= n_rows] - n_rows
        self.synthetic_parents_ = parents[survivors]
        self.synthetic_steps_ = self.smote_.synthetic_steps_[survivors]

    def _record_origin(self, n_out: int, cleaner) -> None:
        """``sample_origin_`` through both samplers: the over-sampler's origin of each row
        the cleaner kept."""
        over = getattr(self.smote_, "sample_origin_", None)
        kept = getattr(cleaner, "sample_indices_", None)
        if over is None or kept is None:
            for name in ("sample_origin_", "synthetic_mask_"):
                if hasattr(self, name):
                    delattr(self, name)
            return
        self._set_origin(over[kept])


# The Parameters and Attributes both combinations share; {cleaner} and {default} differ.
_SHARED_DOC = """
    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Passed to the default ``SMOTE`` when ``smote`` is None (as in imbalanced-learn, a
        given ``smote`` keeps its own).
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of the default ``SMOTE``.
    smote : over-sampler, default=None
        Any sampler with ``fit_resample``: a smotekit over-sampler (SMOTE,
        BorderlineSMOTE, SVMSMOTE, KMeansSMOTE, ADASYN, SMOTENC, SMOTEN,
        RandomOverSampler) or another library's. It is cloned, never modified.
    {cleaner} : cleaner, default=None
        The cleaner, cloned; by default ``{default}(sampling_strategy="all")``.
    n_jobs : None or int, default=None
        Passed to the default ``{default}``.

    Attributes
    ----------
    smote_, {cleaner}_ : samplers
        The fitted over-sampler and cleaner.
    sampling_strategy_ : dict
        The over-sampler's ``{{label: rows added}}``.
    n_removed_ : dict
        ``{{label: rows the cleaning removed}}``. When cleaning removes more than half of a
        class, a :class:`~smotekit.ResamplingWarning` says so.
    synthetic_parents_, synthetic_steps_ : ndarray
        Provenance of the synthetic rows kept, in output order (when the over-sampler
        records it).
    classes_, n_features_in_, feature_names_in_
        As for :class:`~smotekit.SMOTE`.
"""


class SMOTETomek(_OverThenClean):
    """Over-sample, then remove the Tomek links (Batista, Prati and Monard, 2004).

    The default cleaner removes both rows of every link left after over-sampling.
    {shared}
    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import ADASYN, SMOTETomek
    >>> X, y = make_classification(n_samples=500, weights=[0.9, 0.1], random_state=0)
    >>> sampler = SMOTETomek(smote=ADASYN(random_state=0))
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> counts = Counter(y_res.tolist())
    >>> counts[0] + sampler.n_removed_[0] == counts[1] + sampler.n_removed_[1]
    True
    """

    _cleaner_param = "tomek"
    _cleaner_example = "smotekit.TomekLinks()"

    def __init__(
        self, *, sampling_strategy="auto", random_state=None, smote=None, tomek=None, n_jobs=None
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.tomek = tomek
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        from .over_sampling import BorderlineSMOTE

        return [{}, {"smote": BorderlineSMOTE(random_state=1)}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [({"smote": "SMOTE"}, "smote must be None or a sampler")]

    def _default_cleaner(self):
        from .under_sampling import TomekLinks

        return TomekLinks(sampling_strategy="all", n_jobs=self.n_jobs)


class SMOTEENN(_OverThenClean):
    """Over-sample, then clean with edited nearest neighbours (Batista, Prati and Monard,
    2004).

    The default cleaner removes every row, of any class, that its 3 nearest rows disagree
    with, which also removes synthetic rows made in the other classes' regions.
    {shared}
    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smotekit import BorderlineSMOTE, SMOTEENN
    >>> X, y = make_classification(n_samples=500, weights=[0.9, 0.1], random_state=0)
    >>> sampler = SMOTEENN(smote=BorderlineSMOTE(random_state=0))
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> len(y_res) + sum(sampler.n_removed_.values()) == 2 * int((y == 0).sum())
    True
    """

    _cleaner_param = "enn"
    _cleaner_example = "smotekit.EditedNearestNeighbours()"

    def __init__(
        self, *, sampling_strategy="auto", random_state=None, smote=None, enn=None, n_jobs=None
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.enn = enn
        self.n_jobs = n_jobs

    @classmethod
    def _test_params(cls) -> list[dict]:
        from .over_sampling import ADASYN

        return [{}, {"smote": ADASYN(random_state=1)}]

    @classmethod
    def _test_bad_params(cls) -> list[tuple[dict, str]]:
        return [({"enn": 3}, "enn must be None or a sampler")]

    def _default_cleaner(self):
        from .under_sampling import EditedNearestNeighbours

        return EditedNearestNeighbours(sampling_strategy="all", n_jobs=self.n_jobs)


for _cls, _default in ((SMOTETomek, "TomekLinks"), (SMOTEENN, "EditedNearestNeighbours")):
    _shared = _SHARED_DOC.format(cleaner=_cls._cleaner_param, default=_default)
    _cls.__doc__ = _cls.__doc__.replace("{shared}", _shared)
del _cls, _default, _shared
