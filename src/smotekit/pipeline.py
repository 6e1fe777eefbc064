"""A scikit-learn Pipeline whose steps may be samplers, which act only while fitting.

Resampling must touch training data only: a sampler step changes ``X`` and ``y`` on the
way to the final estimator during ``fit``, and is skipped by ``predict``, ``transform``,
``score`` and the rest, so cross-validation scores are computed on untouched test folds.
Everything else (parameters, ``set_params``, slicing, ``named_steps``, ``memory``) is
scikit-learn's own Pipeline, from which this class inherits.

Metadata: without scikit-learn's metadata routing, fit parameters go to a step as
``stepname__parameter`` and a pipeline-level ``sample_weight`` is resampled by every sampler
on its way to the final ``fit``. With ``sklearn.set_config(enable_metadata_routing=True)``
every method routes what the steps requested (``set_fit_request``, ``set_score_request``,
...), as imbalanced-learn's Pipeline does, and ``sample_weight`` is still resampled by the
samplers before any later step receives it.
"""

from __future__ import annotations

import functools
import time
import warnings

from sklearn import get_config
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline as _SklearnPipeline
from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping, process_routing
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted, check_memory

from ._base import BaseSampler
from ._validation import describe

__all__ = ["Pipeline", "make_pipeline"]


def _is_sampler(step) -> bool:
    return hasattr(step, "fit_resample")


def _skipped(step) -> bool:
    return step is None or (isinstance(step, str) and step == "passthrough")


def _fit_resample_one(sampler, X, y, weights, params):
    """``(X, y, weights)`` resampled by ``sampler`` (weights None when none are routed)."""
    if weights is None:
        X_res, y_res = sampler.fit_resample(X, y, **params)
        return X_res, y_res, None, sampler
    try:
        X_res, y_res, w_res = sampler.fit_resample(X, y, sample_weight=weights, **params)
    except TypeError as error:
        if "sample_weight" not in str(error):
            raise
        raise TypeError(
            f"{type(sampler).__name__} cannot resample sample_weight (its fit_resample takes "
            "none); use a smotekit sampler, or pass the weights to a step as "
            "stepname__sample_weight."
        ) from error
    return X_res, y_res, w_res, sampler


def _contains_sampler(step) -> bool:
    """A pipeline (scikit-learn's or ours) with a sampler among its steps, at any depth."""
    inner = getattr(step, "steps", None)
    if not isinstance(inner, list | tuple):
        return False
    return any(_is_sampler(s) or _contains_sampler(s) for _, s in inner if not _skipped(s))


def _checks_fitted(method):
    """Use of a fitted pipeline: a step's NotFittedError says the pipeline is not fitted;
    a pipeline whose last step was never fitted warns (as imbalanced-learn does)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
        except NotFittedError as error:
            raise NotFittedError(f"Pipeline is not fitted yet. Call fit first ({error})") from error
        try:
            check_is_fitted(self)
        except NotFittedError:
            warnings.warn(
                "This Pipeline instance is not fitted yet. Call 'fit' with appropriate "
                "arguments before using other methods such as transform, predict, etc.",
                FutureWarning,
                stacklevel=2,
            )
        return result

    return wrapper


def _fit_transform_one(transformer, X, y, params):
    """Fit ``transformer`` and transform ``X``; ``params`` holds the metadata of each of its
    methods (``fit_transform``, or ``fit`` then ``transform``)."""
    if hasattr(transformer, "fit_transform"):
        return transformer.fit_transform(X, y, **params.get("fit_transform", {})), transformer
    fitted = transformer.fit(X, y, **params.get("fit", {}))
    return fitted.transform(X, **params.get("transform", {})), transformer


def _routing_enabled() -> bool:
    """scikit-learn's metadata routing is on (``sklearn.set_config``)."""
    return bool(get_config().get("enable_metadata_routing", False))


def _can_route(method: str) -> bool:
    """Whether scikit-learn's routing knows ``method``. It knows ``fit_resample`` only once
    imbalanced-learn has added it to scikit-learn's method list (on import); smotekit never
    changes that list, so without imbalanced-learn no metadata is routed to samplers."""
    try:
        MethodMapping().add(caller=method, callee=method)
    except ValueError:
        return False
    return True


def _refuse_params(params: dict, owner: str, method: str) -> None:
    """Metadata given to a method that only routes it when routing is on."""
    if params:
        raise ValueError(
            f"{owner}.{method} got {sorted(params)}; extra arguments to {method} are routed "
            "to the steps only with metadata routing on: "
            "sklearn.set_config(enable_metadata_routing=True)."
        )


def _swap(params: dict, original, current) -> dict:
    """``{method: {name: value}}`` with every value that is ``original`` (the pipeline's
    ``sample_weight``, under whatever name a step asked for it) replaced by ``current``."""
    return {
        method: {k: current if v is original else v for k, v in values.items()}
        for method, values in params.items()
    }


_FITS = ("fit", "fit_transform", "fit_predict")
_USES = ("predict", "predict_proba", "decision_function", "predict_log_proba", "score")


def _final_has(attribute: str):
    """For ``available_if``: the final step has ``attribute`` (else AttributeError)."""

    def check(self) -> bool:
        final = self.steps[-1][1]
        if _skipped(final):
            return attribute in ("transform", "fit_transform", "inverse_transform")
        getattr(final, attribute)
        return True

    return check


def _can_fit_transform(self) -> bool:
    """The final step transforms: ``fit_transform``, or ``fit`` and ``transform``."""
    final = self.steps[-1][1]
    return _skipped(final) or hasattr(final, "fit_transform") or hasattr(final, "transform")


def _can_inverse_transform(self) -> bool:
    """Every transforming step can be inverted (samplers are skipped on the way back)."""
    return all(
        hasattr(step, "inverse_transform")
        for _, step in self.steps
        if not (_skipped(step) or _is_sampler(step))
    )


def _can_fit_resample(self) -> bool:
    return _is_sampler(self.steps[-1][1])


class Pipeline(_SklearnPipeline):
    """scikit-learn's Pipeline, with samplers allowed as steps.

    A step with ``fit_resample`` (any smotekit sampler, or imbalanced-learn's) resamples
    ``X, y`` during ``fit`` (and ``fit_transform``, ``fit_predict``, ``fit_resample``) and
    is skipped when predicting, transforming or scoring. A step may not have both
    ``fit_resample`` and ``transform``. Fit parameters go to a step as
    ``stepname__parameter``; with scikit-learn's metadata routing on, each step gets the
    metadata it requested, ``sample_weight`` resampled by the samplers. Works with
    ``GridSearchCV``, ``cross_val_score`` and ``clone`` like any estimator.

    Parameters
    ----------
    steps : list of (str, estimator) tuples
        Transformers and samplers in order, then the final estimator. A step may be
        ``"passthrough"`` or None.
    transform_input : None
        scikit-learn's metadata-routing option; not supported here (must be None).
    memory : None, str or joblib.Memory, default=None
        Cache fitted transformers and samplers (they are then cloned before fitting).
    verbose : bool, default=False
        Print the time each step takes to fit.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.model_selection import cross_val_score
    >>> from smotekit import SMOTE
    >>> from smotekit.pipeline import Pipeline
    >>> X, y = make_classification(n_samples=300, weights=[0.9, 0.1], random_state=0)
    >>> model = Pipeline([("smote", SMOTE(random_state=0)), ("clf", LogisticRegression())])
    >>> scores = cross_val_score(model, X, y, scoring="balanced_accuracy", cv=3)
    >>> len(scores)
    3
    >>> model.fit(X, y).predict(X[:5]).shape  # the sampler is skipped when predicting
    (5,)
    """

    # ------------------------------------------------------------------ checks and routing

    def _check_steps(self) -> None:
        if getattr(self, "transform_input", None) is not None:
            raise ValueError(
                "transform_input is not supported by smotekit's Pipeline (it belongs to "
                f"scikit-learn's metadata routing); got {describe(self.transform_input)}."
            )
        if not isinstance(self.steps, list | tuple) or not self.steps:
            raise ValueError(
                f"steps must be a non-empty list of (name, estimator) tuples; got "
                f"{describe(self.steps)}."
            )
        if not all(isinstance(s, tuple) and len(s) == 2 for s in self.steps):
            raise ValueError(
                f"steps must be a list of (name, estimator) tuples; got {describe(self.steps)}."
            )
        names = [name for name, _ in self.steps]
        if len(set(names)) != len(names):
            raise ValueError(f"step names must be unique; got {names}.")
        bad = [n for n in names if not isinstance(n, str) or "__" in n]
        if bad:
            raise ValueError(f"step names must be strings without '__'; got {bad}.")
        for name, step in self.steps:
            if _contains_sampler(step):
                raise TypeError(
                    f"step {name!r} is a pipeline that contains a sampler; a sampler inside a "
                    "nested pipeline would resample outside this one's control (and be "
                    "skipped wrongly when predicting). Put its steps in this pipeline "
                    "directly."
                )
        for name, step in self.steps[:-1]:
            if _skipped(step):
                continue
            transforms = hasattr(step, "transform")
            if _is_sampler(step) and transforms:
                raise TypeError(
                    f"step {name!r} has both fit_resample and transform; a step must either "
                    "resample (during fit only) or transform, not both."
                )
            if not (_is_sampler(step) or (transforms and hasattr(step, "fit"))):
                raise TypeError(
                    f"step {name!r} ({type(step).__name__}) must be a transformer (fit and "
                    "transform), a sampler (fit_resample), 'passthrough' or None; only the "
                    "last step may be a plain estimator."
                )
        final = self.steps[-1][1]
        if not (_skipped(final) or hasattr(final, "fit")):
            raise TypeError(
                f"the last step {self.steps[-1][0]!r} must have fit, or be 'passthrough' or "
                f"None; got {describe(final)}."
            )

    def _split_params(self, params: dict) -> dict:
        """``{step name: {parameter: value}}`` from ``stepname__parameter`` keys."""
        by_step = {name: {} for name, _ in self.steps}
        for key, value in params.items():
            name, sep, parameter = key.partition("__")
            if not sep or name not in by_step:
                raise ValueError(
                    f"Pipeline got the fit parameter {key!r}; pass parameters to a step as "
                    f"stepname__parameter, with stepname one of {list(by_step)}."
                )
            by_step[name][parameter] = value
        return by_step

    def _log(self, index: int, started: float) -> None:
        """With ``verbose``, one line per step, as scikit-learn prints it."""
        if not self.verbose:
            return
        elapsed = time.perf_counter() - started
        total = f"{elapsed / 60:4.1f}min" if elapsed > 60 else f" {elapsed:5.1f}s"
        step = f"(step {index + 1} of {len(self.steps)}) Processing {self.steps[index][0]}"
        end = f" {step}, total={total}"
        print(f"[Pipeline] {'.' * max(70 - len('[Pipeline] ') - len(end), 0)}{end}")

    def _routed_weights(self, params: dict):
        """Pop a pipeline-level ``sample_weight``: the samplers resample it with the rows
        and the final step's ``fit`` gets it (metadata routing of the weights)."""
        weights = params.pop("sample_weight", None)
        final = self.steps[-1][0]
        if weights is not None and f"{final}__sample_weight" in params:
            raise ValueError(
                f"sample_weight was given twice: to the pipeline and as {final}__sample_weight."
            )
        return weights

    def get_metadata_routing(self):
        """How this pipeline routes metadata when routing is on (scikit-learn's API).

        A transformer's ``fit`` (or ``fit_transform``) receives what it requested in every
        fitting method, its ``transform`` what it requested in every method that uses the
        fit; another library's sampler's ``fit_resample`` what it requested while fitting
        (only where scikit-learn knows ``fit_resample``, see ``_can_route``); the final
        step what it requested in the method of the same name. smotekit's samplers are
        not asked: they take no metadata but ``sample_weight``, which the pipeline
        resamples with the rows itself.

        Returns
        -------
        MetadataRouter
        """
        router = MetadataRouter(owner=type(self).__name__)
        resample = _can_route("fit_resample")
        fits = (*_FITS, "fit_resample") if resample else _FITS
        for name, step in self.steps[:-1]:
            if _skipped(step):
                continue
            mapping = MethodMapping()
            if _is_sampler(step):
                # smotekit's samplers take no metadata but sample_weight, which the
                # pipeline resamples itself (it never asks them for a request).
                if resample and not isinstance(step, BaseSampler):
                    for caller in fits:
                        mapping.add(caller=caller, callee="fit_resample")
            else:
                for caller in fits:
                    if hasattr(step, "fit_transform"):
                        mapping.add(caller=caller, callee="fit_transform")
                    else:
                        mapping.add(caller=caller, callee="fit").add(
                            caller=caller, callee="transform"
                        )
                for caller in (*_USES, "transform"):
                    mapping.add(caller=caller, callee="transform")
                mapping.add(caller="inverse_transform", callee="inverse_transform")
            router.add(method_mapping=mapping, **{name: step})
        name, final = self.steps[-1]
        if _skipped(final):
            return router
        mapping = MethodMapping()
        if hasattr(final, "fit_transform"):
            mapping.add(caller="fit_transform", callee="fit_transform")
        else:
            mapping.add(caller="fit_transform", callee="fit")
            mapping.add(caller="fit_transform", callee="transform")
        for method in ("fit", "fit_predict", *_USES, "transform", "inverse_transform"):
            mapping.add(caller=method, callee=method)
        if resample:
            mapping.add(caller="fit_resample", callee="fit_resample")
        router.add(method_mapping=mapping, **{name: final})
        return router

    # ------------------------------------------------------------------ fitting

    def _fit_steps(self, X, y, params, method="fit"):
        """Fit every step but the last on the data as resampled so far (``method``: the
        pipeline method fitting, for routing); return the data and the final step's
        metadata by method, with the resampled ``sample_weight`` where it goes."""
        self._check_steps()
        self.steps = list(self.steps)
        if _routing_enabled():
            routed, weights, last_weights = self._route(dict(params), method)
        else:
            routed, weights, last_weights = self._split(dict(params))
        # The steps after a sampler get the resampled weights: every sampler up to the
        # last step that receives them resamples them.
        names = [name for name, _ in self.steps]
        users = [
            i
            for i, name in enumerate(names)
            if weights is not None
            and any(v is weights for values in routed[name].values() for v in values.values())
        ]
        last_user = len(names) - 1 if last_weights else max(users, default=-1)
        memory = check_memory(self.memory)
        resample = memory.cache(_fit_resample_one)
        transform = memory.cache(_fit_transform_one)
        caching = getattr(memory, "location", None) is not None
        current = weights
        for index, (name, step) in enumerate(self.steps[:-1]):
            started = time.perf_counter()
            if _skipped(step):
                self._log(index, started)
                continue
            step = clone(step) if caching else step
            step_params = _swap(routed[name], weights, current)
            if _is_sampler(step):
                carry = current if index < last_user else None
                X, y, w_res, fitted = resample(
                    step, X, y, carry, step_params.get("fit_resample", {})
                )
                current = w_res if carry is not None else current
            else:
                X, fitted = transform(step, X, y, step_params)
            self.steps[index] = (name, fitted)
            self._log(index, started)
        last = _swap(routed[names[-1]], weights, current)
        if last_weights:
            last["fit_resample"] = {**last.get("fit_resample", {}), "sample_weight": current}
        return X, y, last

    def _split(self, params: dict):
        """Without metadata routing: ``stepname__parameter`` keys go to that step's fitting
        methods; a pipeline-level ``sample_weight`` goes to the final step's."""
        weights = self._routed_weights(params)
        routed = {
            name: {m: dict(values) for m in (*_FITS, "fit_resample")}
            for name, values in self._split_params(params).items()
        }
        if weights is not None:
            final = routed[self.steps[-1][0]]
            for values in final.values():
                values["sample_weight"] = weights
        return routed, weights, False

    def _route(self, params: dict, method: str):
        """With metadata routing: scikit-learn's routing of ``params`` for ``method``, and
        the weights the samplers must resample: the one value routed as ``sample_weight``
        (under any alias) to a step after a sampler.

        ``Pipeline.fit_resample(..., sample_weight=w)`` whose steps request no weights
        gives them to the last sampler (which returns them resampled), as without routing.
        """
        last_weights = (
            method == "fit_resample"
            and params.get("sample_weight") is not None
            and not (
                _can_route(method)
                and self.get_metadata_routing().consumes(method, ["sample_weight"])
            )
        )
        weights = params.pop("sample_weight") if last_weights else None
        routed = process_routing(self, method, **params) if params else {}
        by_name = {
            name: {m: dict(v) for m, v in routed.get(name, {}).items()} for name, _ in self.steps
        }
        first = next((i for i, (_, s) in enumerate(self.steps) if _is_sampler(s)), None)
        after = [] if first is None else [name for name, _ in self.steps[first + 1 :]]
        given = {
            id(v): (name, v)
            for name in after
            for values in by_name[name].values()
            for k, v in values.items()
            if k == "sample_weight" and v is not None
        }
        if len(given) > 1 or (given and weights is not None):
            raise ValueError(
                "different sample_weight values are routed to the steps after a sampler "
                f"({sorted({name for name, _ in given.values()})}); a pipeline resamples one "
                "weight vector with the rows: request the same one everywhere."
            )
        if given:
            weights = next(iter(given.values()))[1]
        return by_name, weights, last_weights

    def fit(self, X, y=None, **params):
        """Fit the transformers and samplers in turn, then the final estimator.

        Parameters
        ----------
        X, y
            The training data.
        **params
            Without metadata routing, ``stepname__parameter=value`` goes to that step's
            ``fit`` (or ``fit_resample``) and ``sample_weight=w`` to the final step's
            ``fit``. With metadata routing on, each step gets what it requested. Either
            way every sampler resamples ``sample_weight`` with the rows before a later
            step receives it.

        Returns
        -------
        self
        """
        Xt, yt, last = self._fit_steps(X, y, params)
        final = self.steps[-1][1]
        started = time.perf_counter()
        if not _skipped(final):
            if _is_sampler(final):
                final.fit_resample(Xt, yt, **last.get("fit_resample", {}))
            else:
                final.fit(Xt, yt, **last.get("fit", {}))
        self._log(len(self.steps) - 1, started)
        return self

    @available_if(_can_fit_transform)
    def fit_transform(self, X, y=None, **params):
        """Fit, and return the (resampled) training data transformed by every step."""
        Xt, yt, last = self._fit_steps(X, y, params, "fit_transform")
        final = self.steps[-1][1]
        started = time.perf_counter()
        if _skipped(final):
            out = Xt
        elif hasattr(final, "fit_transform"):
            out = final.fit_transform(Xt, yt, **last.get("fit_transform", {}))
        else:
            fitted = final.fit(Xt, yt, **last.get("fit", last.get("fit_transform", {})))
            out = fitted.transform(Xt, **last.get("transform", {}))
        self._log(len(self.steps) - 1, started)
        return out

    @available_if(_final_has("fit_predict"))
    def fit_predict(self, X, y=None, **params):
        """Fit, and return the final estimator's ``fit_predict`` on the resampled data."""
        Xt, yt, last = self._fit_steps(X, y, params, "fit_predict")
        started = time.perf_counter()
        out = self.steps[-1][1].fit_predict(Xt, yt, **last.get("fit_predict", {}))
        self._log(len(self.steps) - 1, started)
        return out

    @available_if(_can_fit_resample)
    def fit_resample(self, X, y, **params):
        """Fit, and return the last step's resampling of the data the earlier steps made
        (and the resampled weights when ``sample_weight`` is given)."""
        Xt, yt, last = self._fit_steps(X, y, params, "fit_resample")
        started = time.perf_counter()
        out = self.steps[-1][1].fit_resample(Xt, yt, **last.get("fit_resample", {}))
        self._log(len(self.steps) - 1, started)
        return out

    # ------------------------------------------------------------------ using the fit

    def _transformed(self, X, routed=None, with_final: bool = False):
        """X through every transformer (samplers skipped), the final step too on request;
        each ``transform`` gets its routed metadata (``routed``: process_routing's)."""
        steps = self.steps if with_final else self.steps[:-1]
        for name, step in steps:
            if not (_skipped(step) or _is_sampler(step)):
                X = step.transform(X, **(routed[name]["transform"] if routed else {}))
        return X

    def _use(self, method: str, X, params: dict, passes: bool):
        """``method`` of the final step on X transformed (samplers skipped). With metadata
        routing, each step gets what it requested; without it, ``params`` go to the final
        step when ``passes`` (``predict`` and the like) and are refused otherwise."""
        final_name, final = self.steps[-1]
        if not _routing_enabled():
            if not passes:
                _refuse_params(params, type(self).__name__, method)
            return getattr(final, method)(self._transformed(X), **params)
        routed = process_routing(self, method, **params) if params else None
        own = routed[final_name][method] if routed else {}
        return getattr(final, method)(self._transformed(X, routed), **own)

    @available_if(_final_has("predict"))
    @_checks_fitted
    def predict(self, X, **params):
        """Predict with the final estimator on X transformed (never resampled)."""
        return self._use("predict", X, params, passes=True)

    @available_if(_final_has("predict_proba"))
    @_checks_fitted
    def predict_proba(self, X, **params):
        """``predict_proba`` of the final estimator on X transformed (never resampled)."""
        return self._use("predict_proba", X, params, passes=True)

    @available_if(_final_has("predict_log_proba"))
    @_checks_fitted
    def predict_log_proba(self, X, **params):
        """``predict_log_proba`` of the final estimator on X transformed."""
        return self._use("predict_log_proba", X, params, passes=True)

    @available_if(_final_has("decision_function"))
    @_checks_fitted
    def decision_function(self, X, **params):
        """``decision_function`` of the final estimator on X transformed (metadata only
        with routing on)."""
        return self._use("decision_function", X, params, passes=False)

    @available_if(_final_has("score_samples"))
    @_checks_fitted
    def score_samples(self, X):
        """``score_samples`` of the final estimator on X transformed."""
        return self.steps[-1][1].score_samples(self._transformed(X))

    @available_if(_final_has("score"))
    @_checks_fitted
    def score(self, X, y=None, sample_weight=None, **params):
        """The final estimator's score on X transformed (never resampled) and y."""
        if sample_weight is not None:
            params["sample_weight"] = sample_weight
        final_name, final = self.steps[-1]
        if not _routing_enabled():
            return final.score(self._transformed(X), y, **params)
        routed = process_routing(self, "score", **params) if params else None
        own = routed[final_name]["score"] if routed else {}
        return final.score(self._transformed(X, routed), y, **own)

    @available_if(_final_has("transform"))
    @_checks_fitted
    def transform(self, X, **params):
        """X through every transformer, the last included; samplers are skipped (metadata
        only with routing on)."""
        if not _routing_enabled():
            _refuse_params(params, type(self).__name__, "transform")
            return self._transformed(X, with_final=True)
        routed = process_routing(self, "transform", **params) if params else None
        return self._transformed(X, routed, with_final=True)

    @available_if(_can_inverse_transform)
    @_checks_fitted
    def inverse_transform(self, X, **params):
        """The transformers' ``inverse_transform`` in reverse order; samplers are skipped
        (metadata only with routing on)."""
        routed = None
        if not _routing_enabled():
            _refuse_params(params, type(self).__name__, "inverse_transform")
        elif params:
            routed = process_routing(self, "inverse_transform", **params)
        for name, step in reversed(self.steps):
            if not (_skipped(step) or _is_sampler(step)):
                X = step.inverse_transform(
                    X, **(routed[name]["inverse_transform"] if routed else {})
                )
        return X

    def get_feature_names_out(self, input_features=None):
        """Output feature names: every transformer's, in turn (samplers keep the names)."""
        names = input_features
        for name, step in self.steps:
            if _skipped(step) or _is_sampler(step):
                continue
            if not hasattr(step, "get_feature_names_out"):
                raise AttributeError(f"step {name!r} does not provide get_feature_names_out.")
            names = step.get_feature_names_out(names)
        return names


def make_pipeline(*steps, memory=None, transform_input=None, verbose=False) -> Pipeline:
    """A :class:`Pipeline` whose step names are the steps' lowercased class names.

    Repeated names get ``-1``, ``-2``, ... suffixes, as in scikit-learn.

    Examples
    --------
    >>> from sklearn.preprocessing import StandardScaler
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from smotekit import SMOTE
    >>> from smotekit.pipeline import make_pipeline
    >>> model = make_pipeline(StandardScaler(), SMOTE(), DecisionTreeClassifier())
    >>> [name for name, _ in model.steps]
    ['standardscaler', 'smote', 'decisiontreeclassifier']
    """
    names = [type(step).__name__.lower() if not isinstance(step, str) else step for step in steps]
    repeated = {n for n in names if names.count(n) > 1}
    seen: dict = {}
    unique = []
    for name in names:
        if name in repeated:
            seen[name] = seen.get(name, 0) + 1
            name = f"{name}-{seen[name]}"
        unique.append(name)
    # Older scikit-learn Pipelines have no transform_input: pass it only when set.
    extra = {} if transform_input is None else {"transform_input": transform_input}
    return Pipeline(list(zip(unique, steps, strict=True)), memory=memory, verbose=verbose, **extra)
