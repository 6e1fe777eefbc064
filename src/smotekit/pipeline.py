"""A scikit-learn Pipeline whose steps may be samplers, which act only while fitting.

Resampling must touch training data only: a sampler step changes ``X`` and ``y`` on the
way to the final estimator during ``fit``, and is skipped by ``predict``, ``transform``,
``score`` and the rest, so cross-validation scores are computed on untouched test folds.
Everything else (parameters, ``set_params``, slicing, ``named_steps``, ``memory``) is
scikit-learn's own Pipeline, from which this class inherits.
"""

from __future__ import annotations

import functools
import time
import warnings

from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline as _SklearnPipeline
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted, check_memory

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
    if hasattr(transformer, "fit_transform"):
        return transformer.fit_transform(X, y, **params), transformer
    return transformer.fit(X, y, **params).transform(X), transformer


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
    ``stepname__parameter``. Works with ``GridSearchCV``, ``cross_val_score`` and
    ``clone`` like any estimator.

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

    # ------------------------------------------------------------------ fitting

    def _fit_steps(self, X, y, params):
        """Fit every step but the last on the data as resampled so far; return the data,
        the final step's parameters (with the resampled ``sample_weight`` when one was
        routed) and the started time of the final step."""
        self._check_steps()
        self.steps = list(self.steps)
        params = dict(params)
        weights = self._routed_weights(params)
        by_step = self._split_params(params)
        memory = check_memory(self.memory)
        resample = memory.cache(_fit_resample_one)
        transform = memory.cache(_fit_transform_one)
        caching = getattr(memory, "location", None) is not None
        for index, (name, step) in enumerate(self.steps[:-1]):
            started = time.perf_counter()
            if _skipped(step):
                self._log(index, started)
                continue
            step = clone(step) if caching else step
            if _is_sampler(step):
                X, y, weights, fitted = resample(step, X, y, weights, by_step[name])
            else:
                X, fitted = transform(step, X, y, by_step[name])
            self.steps[index] = (name, fitted)
            self._log(index, started)
        last = by_step[self.steps[-1][0]]
        if weights is not None:
            last = {**last, "sample_weight": weights}
        return X, y, last

    def fit(self, X, y=None, **params):
        """Fit the transformers and samplers in turn, then the final estimator.

        Parameters
        ----------
        X, y
            The training data.
        **params
            ``stepname__parameter=value`` goes to that step's ``fit`` (or
            ``fit_resample``). ``sample_weight=w`` is routed: every sampler resamples the
            weights with the rows, and the final step's ``fit`` gets the result.

        Returns
        -------
        self
        """
        Xt, yt, last = self._fit_steps(X, y, params)
        final = self.steps[-1][1]
        started = time.perf_counter()
        if not _skipped(final):
            if _is_sampler(final):
                final.fit_resample(Xt, yt, **last)
            else:
                final.fit(Xt, yt, **last)
        self._log(len(self.steps) - 1, started)
        return self

    @available_if(_can_fit_transform)
    def fit_transform(self, X, y=None, **params):
        """Fit, and return the (resampled) training data transformed by every step."""
        Xt, yt, last = self._fit_steps(X, y, params)
        final = self.steps[-1][1]
        started = time.perf_counter()
        if _skipped(final):
            out = Xt
        elif hasattr(final, "fit_transform"):
            out = final.fit_transform(Xt, yt, **last)
        else:
            out = final.fit(Xt, yt, **last).transform(Xt)
        self._log(len(self.steps) - 1, started)
        return out

    @available_if(_final_has("fit_predict"))
    def fit_predict(self, X, y=None, **params):
        """Fit, and return the final estimator's ``fit_predict`` on the resampled data."""
        Xt, yt, last = self._fit_steps(X, y, params)
        started = time.perf_counter()
        out = self.steps[-1][1].fit_predict(Xt, yt, **last)
        self._log(len(self.steps) - 1, started)
        return out

    @available_if(_can_fit_resample)
    def fit_resample(self, X, y, **params):
        """Fit, and return the last step's resampling of the data the earlier steps made
        (and the resampled weights when ``sample_weight`` is given)."""
        Xt, yt, last = self._fit_steps(X, y, params)
        started = time.perf_counter()
        out = self.steps[-1][1].fit_resample(Xt, yt, **last)
        self._log(len(self.steps) - 1, started)
        return out

    # ------------------------------------------------------------------ using the fit

    def _transformed(self, X, with_final: bool = False):
        """X through every transformer (samplers skipped), the final step too on request."""
        steps = self.steps if with_final else self.steps[:-1]
        for _, step in steps:
            if not (_skipped(step) or _is_sampler(step)):
                X = step.transform(X)
        return X

    @available_if(_final_has("predict"))
    @_checks_fitted
    def predict(self, X, **params):
        """Predict with the final estimator on X transformed (never resampled)."""
        return self.steps[-1][1].predict(self._transformed(X), **params)

    @available_if(_final_has("predict_proba"))
    @_checks_fitted
    def predict_proba(self, X, **params):
        """``predict_proba`` of the final estimator on X transformed (never resampled)."""
        return self.steps[-1][1].predict_proba(self._transformed(X), **params)

    @available_if(_final_has("predict_log_proba"))
    @_checks_fitted
    def predict_log_proba(self, X, **params):
        """``predict_log_proba`` of the final estimator on X transformed."""
        return self.steps[-1][1].predict_log_proba(self._transformed(X), **params)

    @available_if(_final_has("decision_function"))
    @_checks_fitted
    def decision_function(self, X, **params):
        """``decision_function`` of the final estimator on X transformed."""
        return self.steps[-1][1].decision_function(self._transformed(X), **params)

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
        return self.steps[-1][1].score(self._transformed(X), y, **params)

    @available_if(_final_has("transform"))
    @_checks_fitted
    def transform(self, X, **params):
        """X through every transformer, the last included; samplers are skipped."""
        return self._transformed(X, with_final=True)

    @available_if(_can_inverse_transform)
    @_checks_fitted
    def inverse_transform(self, X, **params):
        """The transformers' ``inverse_transform`` in reverse order; samplers are skipped."""
        for _, step in reversed(self.steps):
            if not (_skipped(step) or _is_sampler(step)):
                X = step.inverse_transform(X)
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
