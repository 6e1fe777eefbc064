"""Estimator tags for samplers: scikit-learn's, plus the two imbalanced-learn reads.

imbalanced-learn's checks (``imblearn.utils.estimator_checks``) read
``tags.input_tags.dataframe`` and ``tags.sampler_tags.sample_indices``; scikit-learn's
dataclasses have neither, and imbalanced-learn is a test dependency only, so the two
fields are added here by subclassing scikit-learn's public tag classes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sklearn.utils import InputTags as _InputTags
from sklearn.utils import Tags as _Tags
from sklearn.utils import TargetTags


@dataclass(slots=True)
class InputTags(_InputTags):
    """scikit-learn's input tags, and whether X may be a DataFrame."""

    dataframe: bool = True


@dataclass(slots=True)
class SamplerTags:
    """What a sampler records: ``sample_indices`` says that ``sample_indices_`` is set
    (every output row is an input row, at that position)."""

    sample_indices: bool = False


@dataclass(slots=True)
class Tags(_Tags):
    """scikit-learn's tags with ``sampler_tags`` (None for estimators that do not sample)."""

    sampler_tags: SamplerTags | None = None


def sampler_tags(
    tags: _Tags, *, sparse: bool, allow_nan: bool, string: bool, sample_indices: bool
) -> Tags:
    """``tags`` (from ``BaseEstimator.__sklearn_tags__``) made a sampler's: estimator type
    ``"sampler"``, y required, 2-D arrays and DataFrames accepted, and what it declares."""
    inputs = InputTags(
        **{f.name: getattr(tags.input_tags, f.name) for f in fields(_InputTags)},
        dataframe=True,
    )
    inputs.two_d_array = True
    inputs.sparse = sparse
    inputs.allow_nan = allow_nan
    inputs.string = string
    copied = {f.name: getattr(tags, f.name) for f in fields(_Tags) if f.init}
    copied.update(
        estimator_type="sampler",
        target_tags=TargetTags(required=True),
        transformer_tags=None,
        classifier_tags=None,
        regressor_tags=None,
        input_tags=inputs,
    )
    return Tags(**copied, sampler_tags=SamplerTags(sample_indices=sample_indices))
