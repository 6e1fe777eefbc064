"""Find every sampler smotekit defines by walking the package (like scikit-learn's
``all_estimators``), so the common and conformance tests cannot leave a new one out.

A *sampler* is a concrete scikit-learn estimator class defined in smotekit that has
``fit_resample`` and a public import path: it is a member (or in ``__all__``, which finds
the package's lazily loaded names) of a public module, one whose path has no ``_`` part.
Modules are imported by
name (``importlib``), so this unit depends on nothing above it; the command line, the
report and the engines are not walked: by the layer contract a sampler lives in layer 4
or below (``docs/architecture.md``).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

PACKAGE = "smotekit"

#: Top-level units that cannot define a sampler (layers 5 and above, and ``__main__``,
#: which would run the command line): not imported while walking.
NOT_WALKED = frozenset(
    {"__main__", "_cli", "report", "dask", "_dask", "_array_api", "datasets", "evaluation"}
)


def _modules():
    package = importlib.import_module(PACKAGE)
    yield package
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{PACKAGE}."):
        parts = info.name.split(".")
        if parts[1] in NOT_WALKED or "tests" in parts:
            continue
        yield importlib.import_module(info.name)


def _public(module) -> bool:
    return not any(part.startswith("_") for part in module.__name__.split("."))


def _members(module):
    yield from inspect.getmembers(module, inspect.isclass)
    for name in getattr(module, "__all__", ()):
        value = getattr(module, name)
        if inspect.isclass(value):
            yield name, value


def _is_sampler(cls) -> bool:
    from sklearn.base import BaseEstimator

    return (
        issubclass(cls, BaseEstimator)
        and callable(getattr(cls, "fit_resample", None))
        and not inspect.isabstract(cls)
        and not cls.__name__.startswith("_")
        and cls.__module__.split(".")[0] == PACKAGE
        # A pipeline resamples only through its steps: it is a meta-estimator, not a sampler.
        and not hasattr(cls, "steps")
        and "steps" not in inspect.signature(cls).parameters
    )


def all_samplers() -> list[tuple[str, type]]:
    """Every sampler class smotekit defines, as ``(name, class)`` sorted by name.

    Returns
    -------
    list of (str, type)

    Examples
    --------
    >>> from smotekit._discovery import all_samplers
    >>> names = [name for name, _ in all_samplers()]
    >>> "SMOTE" in names and "TomekLinks" in names
    True
    """
    found = {}
    for module in list(_modules()):
        if not _public(module):
            continue
        for _, cls in _members(module):
            if _is_sampler(cls):
                found[cls] = cls.__name__
    return sorted(((name, cls) for cls, name in found.items()), key=lambda item: item[0])
