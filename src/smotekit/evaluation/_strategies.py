"""Strategies: what ``evaluate`` compares. A sampler is one strategy among the alternatives.

A strategy says how a classifier is trained on a training fold: as it is (``"none"``, the
reference), with balanced class weights (``"class_weight"``), with its decision threshold
tuned by an inner cross-validation of the training fold (``"threshold"``), on resampled
rows (a sampler), or resampled and then threshold-tuned (``"SMOTE+threshold"``).
:func:`resolve_strategies` turns the user's names and objects into :class:`Strategy`
records, checking every name before any fold runs; :func:`build_model` makes the estimator
a strategy fits, or says why the strategy cannot apply to that classifier.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._inputs import NONE

CLASS_WEIGHT = "class_weight"
THRESHOLD = "threshold"
THRESHOLD_SUFFIX = "+" + THRESHOLD
RECALIBRATED_SUFFIX = "+recalibrated"
BASELINES = (NONE, CLASS_WEIGHT, THRESHOLD)  # the strategies that do not resample
DEFAULT_THRESHOLD_METRIC = "balanced_accuracy"

DESCRIPTIONS = {
    NONE: "no resampling",
    CLASS_WEIGHT: "balanced class weights",
    THRESHOLD: "a tuned threshold",
}


@dataclass(frozen=True)
class Strategy:
    """How a classifier is trained on one training fold.

    ``sampler`` resamples the training rows (None: no resampling); ``class_weight`` sets the
    classifier's ``class_weight="balanced"``; ``threshold`` tunes its decision threshold on
    an inner cross-validation of the training fold (with the sampler inside that inner loop,
    so no synthetic row is built from an inner validation row).
    """

    name: str
    sampler: object = None
    class_weight: bool = False
    threshold: bool = False

    @property
    def resamples(self) -> bool:
        return self.sampler is not None


def strategy_names() -> list[str]:
    """The strategy names ``evaluate`` knows: the baselines, every sampler, ``<sampler>+threshold``.

    Examples
    --------
    >>> from smotekit.evaluation import strategy_names
    >>> strategy_names()[:3]
    ['none', 'class_weight', 'threshold']
    """
    from .._registry import sampler_names

    return [*BASELINES, *sampler_names(), "<sampler>+threshold"]


def resolve_strategies(samplers, random_state) -> dict:
    """``{name: Strategy}`` with ``"none"`` first; every name is checked before any fold runs.

    ``samplers`` is a list of names (baselines, sampler names, ``"<sampler>+threshold"``) or a
    dict ``{name: sampler object or name}``; a dict key ending in ``+threshold`` tunes the
    threshold of its sampler's classifiers.

    Examples
    --------
    >>> from smotekit.evaluation import resolve_strategies
    >>> list(resolve_strategies(["SMOTE", "threshold", "SMOTE+threshold"], random_state=0))
    ['none', 'SMOTE', 'threshold', 'SMOTE+threshold']
    >>> resolve_strategies(["SMOOTE"], random_state=0)
    Traceback (most recent call last):
    ...
    ValueError: unknown strategy 'SMOOTE' in samplers; known: none, class_weight, threshold, ...
    """
    from .._registry import make_sampler, sampler_class

    if isinstance(samplers, str):
        samplers = [samplers]
    items = samplers.items() if isinstance(samplers, dict) else [(n, n) for n in samplers]
    resolved = {NONE: Strategy(NONE)}
    for name, given in items:
        name = str(name)
        if name.lower() == NONE and (given is None or str(given).lower() == NONE):
            continue  # the reference is always there
        if name in resolved:
            raise ValueError(f"samplers names the strategy {name!r} twice.")
        if isinstance(given, str):
            key = given.lower()
            if key == CLASS_WEIGHT:
                resolved[name] = Strategy(name, class_weight=True)
                continue
            if key == THRESHOLD:
                resolved[name] = Strategy(name, threshold=True)
                continue
            threshold = key.endswith(THRESHOLD_SUFFIX)
            sampler_name = given[: -len(THRESHOLD_SUFFIX)] if threshold else given
            try:
                sampler_class(sampler_name)
            except ValueError:
                known = ", ".join(strategy_names())
                raise ValueError(
                    f"unknown strategy {given!r} in samplers; known: {known}."
                ) from None
            sampler = make_sampler(sampler_name, random_state=random_state)
            resolved[name] = Strategy(name, sampler=sampler, threshold=threshold)
        elif hasattr(given, "fit_resample"):
            resolved[name] = Strategy(
                name, sampler=given, threshold=name.endswith(THRESHOLD_SUFFIX)
            )
        else:
            raise ValueError(
                f"samplers[{name!r}] must be a sampler (with fit_resample) or a strategy name; "
                f"got {type(given).__name__}."
            )
    return resolved


def threshold_scorer(threshold_metric, positive):
    """The scorer ``TunedThresholdClassifierCV`` maximises: a label metric of the metric table
    (scoring ``positive`` as the positive class) or a scikit-learn scorer name."""
    from sklearn.metrics import get_scorer_names, make_scorer

    from ._metrics import METRICS

    entry = METRICS.get(threshold_metric)
    if entry is not None:
        if entry.kind != "label":
            raise ValueError(
                f"threshold_metric={threshold_metric!r} does not depend on the threshold; use a "
                f"metric of predicted labels: "
                f"{', '.join(m for m, e in METRICS.items() if e.kind == 'label')}."
            )
        return make_scorer(
            _LabelScore(threshold_metric, positive), greater_is_better=entry.higher_is_better
        )
    if threshold_metric in set(get_scorer_names()):
        return threshold_metric
    raise ValueError(
        f"unknown threshold_metric {threshold_metric!r}; use a label metric of "
        f"{', '.join(m for m, e in METRICS.items() if e.kind == 'label')} or a scikit-learn "
        "scorer name."
    )


class _LabelScore:
    """A label metric of the table as ``f(y_true, y_pred)`` (a class, so tasks pickle)."""

    def __init__(self, metric: str, positive):
        self.metric, self.positive = metric, positive

    def __call__(self, y_true, y_pred) -> float:
        from ._metrics import METRICS

        return METRICS[self.metric].score(y_true, y_pred, None, self.positive)


def build_model(
    strategy: Strategy,
    classifier,
    *,
    scorer,
    n_classes=2,
    inner_cv=5,
    random_state=None,
    encoder=None,
):
    """The unfitted estimator ``strategy`` trains from ``classifier``, or the reason it cannot.

    Returns ``(estimator, None)`` or ``(None, reason)``. The sampler itself is applied by the
    caller for plain resampling; for ``+threshold`` it becomes the first step of a sampler
    pipeline inside the tuner, so each inner fit resamples only its own inner training rows.
    """
    from sklearn.base import clone

    model = clone(classifier)
    if strategy.class_weight:
        key = class_weight_parameter(model)
        if key is None:
            return None, f"{type(_final_step(model)).__name__} takes no class_weight"
        model.set_params(**{key: "balanced"})
    if strategy.threshold:
        if n_classes != 2:
            return None, f"a decision threshold needs two classes, not {n_classes}"
        if not _has_scores(model):
            return None, (
                f"{type(_final_step(model)).__name__} gives no scores (predict_proba or "
                "decision_function) to threshold"
            )
        from sklearn.model_selection import StratifiedKFold, TunedThresholdClassifierCV

        if strategy.resamples:
            from ..pipeline import Pipeline

            steps = [("sampler", clone(strategy.sampler)), ("classifier", model)]
            if encoder is not None:  # categories resampled as they are, encoded after
                steps.insert(1, ("encoder", clone(encoder)))
            model = Pipeline(steps)
        model = TunedThresholdClassifierCV(
            model,
            scoring=scorer,
            cv=StratifiedKFold(n_splits=inner_cv, shuffle=True, random_state=random_state),
        )
    return model, None


def class_weight_parameter(estimator):
    """The name of the parameter that sets ``estimator``'s class weights (its own, else its
    final step's), or None when it has none."""
    params = estimator.get_params(deep=True)
    if "class_weight" in params:
        return "class_weight"
    steps = getattr(estimator, "steps", None)
    if steps:
        inner = class_weight_parameter(steps[-1][1])
        if inner is not None:
            return f"{steps[-1][0]}__{inner}"
    return None


def _final_step(estimator):
    steps = getattr(estimator, "steps", None)
    return _final_step(steps[-1][1]) if steps else estimator


def _has_scores(estimator) -> bool:
    final = _final_step(estimator)
    return hasattr(final, "predict_proba") or hasattr(final, "decision_function")
