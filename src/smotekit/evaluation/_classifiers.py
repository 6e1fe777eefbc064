"""The classifiers ``evaluate`` and the command line know by name."""

from __future__ import annotations

CLASSIFIERS = {
    "logreg": "standardise, then logistic regression (max_iter=1000)",
    "knn": "standardise, then 5-nearest-neighbours",
    "tree": "decision tree with at least 5 rows per leaf (an unpruned tree scores every row "
    "0 or 1, which makes its ROC-AUC its balanced accuracy)",
    "forest": "random forest of 100 trees",
    "hgb": "histogram gradient boosting (scikit-learn defaults)",
    "brf": "balanced random forest of 100 trees (each tree on a balanced bootstrap)",
}
TREE_LEAF_SIZE = 5  # leaves of 5+ rows give graded scores (shares of the minority in a leaf)
# Classifiers of smotekit's own, found by "module:attribute" when first used, so this layer
# names them without importing them.
_SMOTEKIT_CLASSIFIERS = {"brf": "smotekit.ensemble:BalancedRandomForestClassifier"}


def classifier_names() -> list[str]:
    """Names :func:`make_classifier` (and so ``evaluate`` and the CLI) know."""
    return list(CLASSIFIERS)


def make_classifier(name: str, random_state=None):
    """A fresh scikit-learn classifier for a name of :data:`CLASSIFIERS`.

    Examples
    --------
    >>> from smotekit.evaluation import make_classifier
    >>> make_classifier("knn")
    Pipeline(steps=[('standardscaler', StandardScaler()),
                    ('kneighborsclassifier', KNeighborsClassifier())])
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    key = str(name).lower()
    if key == "logreg":
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    if key == "knn":
        return make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5))
    if key == "tree":
        return DecisionTreeClassifier(min_samples_leaf=TREE_LEAF_SIZE, random_state=random_state)
    if key == "forest":
        return RandomForestClassifier(n_estimators=100, random_state=random_state)
    if key == "hgb":
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(random_state=random_state)
    if key in _SMOTEKIT_CLASSIFIERS:
        return _load(_SMOTEKIT_CLASSIFIERS[key], key)(n_estimators=100, random_state=random_state)
    raise ValueError(
        f"unknown classifier {name!r}; known classifiers: {', '.join(CLASSIFIERS)} "
        "(or pass scikit-learn estimators in a dict)."
    )


def resolve_classifiers(classifiers, random_state) -> dict:
    """``{name: estimator}`` from a dict of estimators or a list of names (checked).

    Examples
    --------
    >>> from smotekit.evaluation import resolve_classifiers
    >>> list(resolve_classifiers(["tree", "knn"], random_state=0))
    ['tree', 'knn']
    """
    if isinstance(classifiers, str):
        classifiers = [classifiers]
    if isinstance(classifiers, dict):
        items = list(classifiers.items())
    else:
        items = [(name, name) for name in classifiers]
    if not items:
        raise ValueError("classifiers is empty; name at least one classifier.")
    resolved = {}
    for name, classifier in items:
        if isinstance(classifier, str):
            classifier = make_classifier(classifier, random_state=random_state)
        elif not (hasattr(classifier, "fit") and hasattr(classifier, "predict")):
            raise ValueError(
                f"classifiers[{name!r}] must be a scikit-learn classifier (fit and predict); "
                f"got {type(classifier).__name__}."
            )
        resolved[str(name)] = classifier
    return resolved


def _load(entry: str, key: str):
    import importlib

    module, _, attribute = entry.partition(":")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError):
        raise ValueError(
            f"classifier {key!r} needs {module}.{attribute}, which this version of smotekit "
            "does not have yet."
        ) from None
