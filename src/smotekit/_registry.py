"""Sampler names the CLI and the analysis know, mapped to their classes.

Classes are imported on first use, so listing names costs nothing. Add a sampler here once
it exists; ``make_sampler`` is what the CLI and ``evaluate`` call.
"""

from __future__ import annotations

import importlib

# name -> "module:Class"
SAMPLERS = {
    "SMOTE": "smotekit.over_sampling:SMOTE",
    "ADASYN": "smotekit.over_sampling:ADASYN",
    "BorderlineSMOTE": "smotekit.over_sampling:BorderlineSMOTE",
    "SVMSMOTE": "smotekit.over_sampling:SVMSMOTE",
    "KMeansSMOTE": "smotekit.over_sampling:KMeansSMOTE",
    "RandomOverSampler": "smotekit.over_sampling:RandomOverSampler",
    "SMOTENC": "smotekit.over_sampling:SMOTENC",
    "SMOTEN": "smotekit.over_sampling:SMOTEN",
    "SMOTETomek": "smotekit.combine:SMOTETomek",
    "SMOTEENN": "smotekit.combine:SMOTEENN",
    "RandomUnderSampler": "smotekit.under_sampling:RandomUnderSampler",
    "TomekLinks": "smotekit.under_sampling:TomekLinks",
    "EditedNearestNeighbours": "smotekit.under_sampling:EditedNearestNeighbours",
    "FunctionSampler": "smotekit._function_sampler:FunctionSampler",
}


# Values for constructor parameters without a default, when the caller gives none.
REQUIRED_DEFAULTS = {"categorical_features": "auto"}


def sampler_names() -> list[str]:
    return list(SAMPLERS)


def sampler_class(name: str):
    """The class registered under ``name`` (case-insensitive)."""
    by_lower = {key.lower(): key for key in SAMPLERS}
    key = by_lower.get(str(name).lower())
    if key is None:
        raise ValueError(f"unknown sampler {name!r}; known samplers: {', '.join(SAMPLERS)}.")
    module, _, attribute = SAMPLERS[key].partition(":")
    return getattr(importlib.import_module(module), attribute)


def make_sampler(name: str, **params):
    """An instance of the sampler ``name`` with ``params`` (only those it accepts).

    A sampler whose neighbours to interpolate towards go by another name (ADASYN's
    ``n_neighbors``) says so in ``_k_neighbors_alias``; ``k_neighbors`` sets that one.
    A combination (SMOTETomek, SMOTEENN) gets ``k_neighbors`` through its inner SMOTE.
    A required parameter not given takes its value from ``REQUIRED_DEFAULTS`` (SMOTENC
    finds its categorical columns by dtype).
    """
    import inspect

    cls = sampler_class(name)
    signature = inspect.signature(cls).parameters
    alias = getattr(cls, "_k_neighbors_alias", None)
    if alias and "k_neighbors" in params:
        params = {alias: params["k_neighbors"], **params}
    if "smote" in signature and "k_neighbors" in params and params.get("smote") is None:
        # A combination interpolates through its inner SMOTE: k_neighbors belongs there.
        inner = {k: params[k] for k in ("k_neighbors", "random_state") if k in params}
        params = {**params, "smote": make_sampler("SMOTE", **inner)}
    required = {
        k: REQUIRED_DEFAULTS[k]
        for k, p in signature.items()
        if p.default is inspect.Parameter.empty and k in REQUIRED_DEFAULTS
    }
    return cls(**{**required, **{k: v for k, v in params.items() if k in signature}})
