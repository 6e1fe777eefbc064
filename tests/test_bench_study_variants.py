"""benchmarks/study_variants.py (bench_study.py --suite variants): the nested grid choice
never sees the outer test fold and picks what an inner cross-validation picks; reused
baseline rows are the rows the suite would compute; the report's statistics on hand-made
scores. No timing here."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def variants():
    sys.path.insert(0, str(BENCHMARKS))  # sibling scripts, not a package
    try:
        import study_variants

        yield study_variants
    finally:
        sys.path.remove(str(BENCHMARKS))


LOG: list = []  # (what, row ids) of every call the recording estimators saw


class RecordingSampler(BaseEstimator):
    """Returns its rows unchanged and logs their ids (column 0)."""

    def __init__(self, shift=0.0):
        self.shift = shift

    def fit_resample(self, X, y):
        LOG.append(("resample", frozenset(X[:, 0].astype(int).tolist())))
        return X, y


class RecordingClassifier(ClassifierMixin, BaseEstimator):
    """Logistic regression on columns 1: that logs the ids of the rows it fits and scores."""

    def fit(self, X, y):
        LOG.append(("fit", frozenset(X[:, 0].astype(int).tolist())))
        self.model_ = LogisticRegression().fit(X[:, 1:], y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X):
        LOG.append(("score", frozenset(X[:, 0].astype(int).tolist())))
        return self.model_.predict_proba(X[:, 1:])

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


def id_data(n=60, minority=15, seed=0):
    rng = np.random.default_rng(seed)
    y = np.r_[np.zeros(n - minority, int), np.ones(minority, int)]
    X = np.column_stack([np.arange(n), rng.normal(size=(n, 2)) + y[:, None]])
    return X, y


def test_the_inner_choice_only_ever_sees_rows_of_the_outer_training_fold(variants):
    from sklearn.model_selection import StratifiedKFold

    from smotekit import evaluate

    X, y = id_data()
    splits = list(StratifiedKFold(5, shuffle=True, random_state=1).split(X, y))
    grid = [{}, {"shift": 1.0}]
    wrapper = variants.NestedGridSampler(RecordingSampler(), grid, RecordingClassifier())
    LOG.clear()
    evaluate(
        X, y, samplers={"rec+grid": wrapper}, classifiers=["logreg"], cv=splits,
        scoring=["roc_auc"], n_jobs=1, random_state=0,
    )  # fmt: skip
    trains = [frozenset(train.tolist()) for train, _ in splits]
    # Each outer fold's calls end with the refit on its whole training fold.
    chunks, current = [], []
    for what, ids in LOG:
        current.append((what, ids))
        if what == "resample" and ids in trains:
            chunks.append(current)
            current = []
    assert current == [] and len(chunks) == len(splits)
    for chunk, (train, test) in zip(chunks, splits, strict=True):
        train_ids, test_ids = frozenset(train.tolist()), frozenset(test.tolist())
        assert chunk[-1] == ("resample", train_ids)  # folds run in order with n_jobs=1
        inner = chunk[:-1]
        assert all(ids <= train_ids and not ids & test_ids for _, ids in inner)
        scored = [ids for what, ids in inner if what == "score"]
        fitted = [ids for what, ids in inner if what == "fit"]
        # 2 points x 3 inner folds; the 3 validation parts of a point cover the fold.
        assert len(scored) == len(fitted) == 6
        assert frozenset().union(*scored[:3]) == train_ids
        assert all(len(ids) < len(train_ids) for ids in fitted)


def test_the_chosen_point_is_the_best_mean_inner_roc_auc_then_refitted_on_the_fold(
    variants, tmp_path
):
    from sklearn.datasets import make_classification
    from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
    from sklearn.neighbors import KNeighborsClassifier

    from smotekit import SMOTE
    from smotekit.pipeline import Pipeline

    X, y = make_classification(
        n_samples=240, n_features=4, weights=[0.85], flip_y=0.05, random_state=3
    )
    grid = [{}, {"k_neighbors": 1}, {"sampling_strategy": 0.3}]
    wrapper = variants.NestedGridSampler(
        SMOTE(random_state=0), grid, KNeighborsClassifier(), random_state=0
    )
    X_res, y_res = wrapper.fit_resample(X, y)
    inner = StratifiedKFold(3, shuffle=True, random_state=0)
    expected = []
    for point in grid:
        model = Pipeline(
            [("sampler", SMOTE(random_state=0, **point)), ("clf", KNeighborsClassifier())]
        )
        expected.append(cross_val_score(model, X, y, cv=inner, scoring="roc_auc").mean())
    assert len(set(np.round(expected, 9))) == 3  # the points differ: the choice matters
    assert not wrapper.all_failed_
    np.testing.assert_allclose(wrapper.cv_scores_, expected)
    assert wrapper.best_index_ == int(np.argmax(expected))
    search = GridSearchCV(
        Pipeline([("sampler", SMOTE(random_state=0)), ("clf", KNeighborsClassifier())]),
        [{"sampler__k_neighbors": [5]}, {"sampler__k_neighbors": [1]},
         {"sampler__sampling_strategy": [0.3]}],
        cv=inner,
        scoring="roc_auc",
    ).fit(X, y)  # fmt: skip
    assert search.best_index_ == wrapper.best_index_
    chosen = SMOTE(random_state=0, **grid[wrapper.best_index_]).fit_resample(X, y)
    np.testing.assert_array_equal(X_res, chosen[0])
    np.testing.assert_array_equal(y_res, chosen[1])
    # Caching the inner resampled folds changes nothing.
    cached = variants.NestedGridSampler(
        SMOTE(random_state=0), grid, KNeighborsClassifier(), random_state=0, memory=str(tmp_path)
    )
    for _ in range(2):  # the second run reads the cache
        np.testing.assert_array_equal(cached.fit_resample(X, y)[0], X_res)
        np.testing.assert_array_equal(cached.cv_scores_, wrapper.cv_scores_)


def test_every_grid_starts_with_the_defaults_and_changes_real_parameters(variants):
    from smotekit._registry import make_sampler

    assert list(variants.GRIDS) == list(variants.VARIANTS)
    for name, points in variants.GRIDS.items():
        assert points[0] == {} and 2 <= len(points) <= 4, name
        defaults = make_sampler(name).get_params(deep=False)
        for point in points[1:]:
            assert point and all(defaults[k] != v for k, v in point.items()), (name, point)
            make_sampler(name).set_params(**point)  # an unknown name raises here


def frame_data(n=70, minority=12, seed=0):
    X, y = id_data(n, minority, seed)
    return pd.DataFrame(X[:, 1:], columns=["a", "b"]), y


def test_reused_main_suite_rows_are_the_rows_the_variants_suite_computes(variants, tmp_path):
    import bench_study

    X, y = frame_data()
    splits = bench_study.study_splits(y, 0)[:3]  # three of the study's folds: enough here
    k = bench_study.neighbours_for(y, splits)
    main = bench_study.cross_validate(
        X, y, bench_study.samplers_for(["RandomOverSampler", "SMOTE"], k, 0), ["logreg"],
        splits, 0, 1,
    )  # fmt: skip
    main.insert(0, "dataset", "toy")
    main["seconds"] = 1.0
    main.to_csv(tmp_path / "toy.seed0-RandomOverSampler-SMOTE-logreg.csv", index=False)
    reused = variants.main_suite_rows(tmp_path, "toy", 0, ["logreg"], len(splits))
    strategies = {s: s for s in ("class_weight", "threshold")}
    strategies.update({n: variants.default_sampler(n, k, 0) for n in ("SMOTE", "CCR")})
    own = bench_study.cross_validate(X, y, strategies, ["logreg"], splits, 0, 1)
    own = own[own["sampler"].isin(variants.REUSED)]
    key = ["sampler", "classifier", "metric", "fold"]
    pd.testing.assert_frame_equal(
        reused.sort_values(key).reset_index(drop=True),
        own[[*key, "score"]].sort_values(key).reset_index(drop=True),
    )
    # Another seed, or a file without every reused row, is not reused.
    assert variants.main_suite_rows(tmp_path, "toy", 1, ["logreg"], len(splits)) is None
    assert variants.main_suite_rows(tmp_path, "toy", 0, ["logreg", "tree"], len(splits)) is None


def scores_frame(table: dict, classifier="knn", metric="roc_auc") -> pd.DataFrame:
    """{strategy: [score per dataset]} -> study rows (one fold per dataset)."""
    rows = [
        (f"d{i}", strategy, classifier, metric, 0, value)
        for strategy, values in table.items()
        for i, value in enumerate(values)
    ]
    return pd.DataFrame(
        rows, columns=["dataset", "sampler", "classifier", "metric", "fold", "score"]
    )


def test_kovacs_agreement_is_spearmans_rho_of_his_order_and_our_mean_ranks(variants):
    order = variants.KOVACS_ORDER
    # Our order swaps his 1st and 2nd and his 9th and 10th on both datasets: sum d^2 = 4,
    # rho = 1 - 6 * 4 / (10 * 99) = 0.97576 (Spearman's formula without ties).
    ours = [order[1], order[0], *order[2:8], order[9], order[8]]
    table = {m: [0.9 - 0.01 * ours.index(m)] * 2 for m in order}
    found = variants.kovacs_agreement(scores_frame(table), "knn", grid=False)
    assert found["methods"] == 10
    assert found["rho"] == pytest.approx(1 - 6 * 4 / (10 * 99))
    assert found["p"] < 1e-4
    assert list(found["ranks"].sort_values().index) == ours
    # With the grids: each +grid stands for its method, SMOTETomek (no grid) for itself;
    # reversing the order gives rho = -1.
    grid = {m + variants.GRID if m != "SMOTETomek" else m: [0.9 - 0.01 * (9 - i)] * 2
            for i, m in enumerate(order)}  # fmt: skip
    found = variants.kovacs_agreement(scores_frame({**table, **grid}), "knn", grid=True)
    assert found["rho"] == pytest.approx(-1.0)
    assert found["ranks"].index[0] == order[0] + variants.GRID


def test_paired_table_gives_gains_over_the_reference_with_wilcoxon_and_holm(variants):
    up = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08]
    table = {
        "SMOTE": [0.8] * 8,
        "A": [0.8 + g for g in up],  # better on all 8 datasets
        "B": [0.8 + g * s for g, s in zip(up, [1, -1] * 4, strict=True)],  # mixed
    }
    result = variants.paired_table(
        scores_frame(table), ["knn"], [("A", "SMOTE"), ("B", "SMOTE")], ["roc_auc"]
    ).set_index("strategy")
    assert result.loc["A", "median"] == pytest.approx(0.045)
    assert result.loc["A", "better"] == 8 and result.loc["B", "better"] == 4
    # Exact Wilcoxon, n = 8 (256 sign patterns): A all positive, p = 2 / 256; B has
    # W+ = 1+3+5+7 = 16, and 108 of the 256 subsets of ranks sum to 16 or less: p = 216 / 256.
    assert result.loc["A", "p"] == pytest.approx(2 / 256)
    assert result.loc["B", "p"] == pytest.approx(216 / 256)
    assert result.loc["A", "p_holm"] == pytest.approx(2 * 2 / 256)
    assert result.loc["B", "p_holm"] == pytest.approx(216 / 256)
    # Brier: lower is better, so a lower Brier score is a positive gain.
    brier = variants.paired_table(
        scores_frame({"SMOTE": [0.2] * 8, "A": [0.2 - g for g in up]}, metric="brier"),
        ["knn"], [("A", "SMOTE")], ["brier"],
    )  # fmt: skip
    assert brier.loc[0, "median"] == pytest.approx(0.045)


def test_each_suite_rewrites_its_own_part_of_the_report(variants, tmp_path):
    import bench_study

    path = tmp_path / "study.md"
    bench_study.write_part(path, "# main 1\n", "main")
    bench_study.write_part(path, "## variants 1\n", "variants")
    bench_study.write_part(path, "# main 2\n", "main")
    text = path.read_text()
    assert text.startswith("# main 2\n") and text.endswith("## variants 1\n")
    bench_study.write_part(path, "## variants 2\n", "variants")
    text = path.read_text()
    assert text.startswith("# main 2\n") and "variants 1" not in text
    assert text.count(bench_study.VARIANTS_MARKER) == 1
