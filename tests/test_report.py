"""The SMOTE analysis report: numbers, figures, the HTML page and the analyze command."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification
from sklearn.model_selection import StratifiedKFold

from smotekit import SMOTE
from smotekit.report import analyze, before_after_scatter, write_report
from smotekit.report._html import render
from smotekit.report._plots import all_figures
from smotekit.report._summary import plain_summary

PNG = b"\x89PNG\r\n\x1a\n"


def small_problem(n=240, seed=0):
    X, y = make_classification(
        n_samples=n,
        n_features=4,
        n_informative=3,
        n_redundant=0,
        weights=[0.85],
        class_sep=1.0,
        random_state=seed,
    )
    frame = pd.DataFrame(X, columns=["alpha", "beta", "gamma", "delta"])
    return frame, pd.Series(np.where(y == 1, "rare", "common"), name="kind")


@pytest.fixture(scope="module")
def analysis():
    X, y = small_problem()
    return analyze(
        X,
        y,
        samplers={"SMOTE": SMOTE(random_state=0), "SMOTE-3": SMOTE(random_state=0, k_neighbors=3)},
        classifiers=["logreg", "tree"],
        source="a small test problem",
        target="kind",
        cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=0),
        random_state=0,
    )


def test_numbers_describe_the_resampling(analysis):
    n_rare = analysis.counts_before["rare"]
    assert analysis.minority == "rare"
    assert analysis.counts_after == {"common": 204, "rare": 204}
    p = analysis.projection
    assert len(p["x"]) == len(p["y"]) == len(p["label"]) == 408
    assert sum(p["synthetic"]) == 204 - n_rare
    assert all(label == "rare" for label, s in zip(p["label"], p["synthetic"], strict=True) if s)
    assert [f["feature"] for f in analysis.features] == ["alpha", "beta", "gamma", "delta"]
    for feature in analysis.features:
        # SMOTE interpolates between real minority rows: never outside their range
        assert feature["outside_real_range"] == 0.0
        assert feature["real"]["n"] == n_rare and feature["synthetic"]["n"] == 204 - n_rare
        assert sum(feature["real_counts"]) == n_rare
        assert 0.0 <= feature["ks_statistic"] <= 1.0


def test_evaluation_and_curves_are_consistent(analysis):
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    scores = analysis.scores
    assert list(dict.fromkeys(scores["sampler"])) == [
        "none",
        "SMOTE",
        "SMOTE+recalibrated",
        "SMOTE-3",
        "SMOTE-3+recalibrated",
    ]
    assert len(scores) == 5 * 2 * 8 * 3  # 5 rows x 2 classifiers x 8 metrics x 3 folds
    table = analysis.comparison
    assert len(table) == 5 * 2 * 8
    assert (table[table["sampler"] == "none"]["diff"] == 0).all()
    assert len(analysis.curves) == 3 * 2
    for curve in analysis.curves:
        assert curve["fpr"][0] == 0 and curve["fpr"][-1] == 1
        assert curve["tpr"][0] == 0 and curve["tpr"][-1] == 1
        assert np.all(np.diff(curve["fpr"]) >= 0)
        assert 0.5 < curve["pooled_roc_auc"] <= 1
        assert curve["prevalence"] == pytest.approx(36 / 240)
    # Without resampling, the pooled curves are those of the test-fold scores that
    # scikit-learn alone gives: the same folds and the classifiers "logreg" and "tree" are
    # documented to be (standardise + logistic regression, max_iter=1000; a tree with at
    # least 5 rows per leaf).
    X, y = small_problem()
    models = {
        "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
        "tree": DecisionTreeClassifier(min_samples_leaf=5, random_state=0),
    }
    cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    for name, model in models.items():
        pooled = np.empty(len(y))
        for train, test in cv.split(X, y):
            model.fit(X.iloc[train], y.iloc[train])
            rare = list(model.classes_).index("rare")
            pooled[test] = model.predict_proba(X.iloc[test])[:, rare]
        (curve,) = [
            c for c in analysis.curves if c["sampler"] == "none" and c["classifier"] == name
        ]
        assert curve["pooled_roc_auc"] == pytest.approx(
            roc_auc_score(y == "rare", pooled), abs=1e-12
        )
        assert curve["pooled_average_precision"] == pytest.approx(
            average_precision_score(y == "rare", pooled), abs=1e-12
        )
        # and the area under the stored ROC points is that AUC (up to their rounding)
        fpr, tpr = np.asarray(curve["fpr"]), np.asarray(curve["tpr"])
        area = float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))  # trapezoids
        assert area == pytest.approx(curve["pooled_roc_auc"], abs=1e-4)


def test_summary_speaks_about_the_minority(analysis):
    text = " ".join(analysis.summary)
    assert "SMOTE added 168 synthetic rows of the minority class rare" in text
    assert "from 36 of 240 rows (15.0%) to 204 of 408 (50.0%)" in text
    assert "stay inside the range of the real minority rows on every feature" in text
    assert "inside the training folds" in text


def test_summary_names_clear_gains_and_losses(analysis):
    from copy import deepcopy

    fake = deepcopy(analysis)
    table = fake.comparison.copy()
    gain = (table["sampler"] == "SMOTE") & (table["metric"] == "recall")
    loss = (table["sampler"] == "SMOTE") & (table["metric"] == "f1")
    table.loc[gain, ["diff", "outcome"]] = [0.2, "win"]
    table.loc[loss, ["diff", "outcome"]] = [-0.1, "loss"]
    table.loc[(table["sampler"] == "SMOTE") & ~gain & ~loss, "outcome"] = "tie"
    fake.comparison = table
    text = " ".join(plain_summary(fake))
    assert "SMOTE was clearly better on minority recall (logreg +0.200, tree +0.200)" in text
    assert "clearly worse on minority F1 (logreg -0.100, tree -0.100)" in text
    assert "at the price of more false alarms" in text


def test_json_holds_every_number_and_is_strict(analysis):
    data = json.loads(json.dumps(analysis.to_dict(), allow_nan=False))
    assert data["class_counts"] == {
        "before": analysis.counts_before,
        "after": analysis.counts_after,
    }
    assert len(data["evaluation"]["scores"]) == len(analysis.scores)
    assert len(data["evaluation"]["summary"]) == len(analysis.comparison)
    assert data["evaluation"]["summary"][0].keys() >= {"sampler", "mean", "std", "p_value"}
    assert data["summary"] == analysis.summary
    assert data["minority_class"] == "rare"


def test_page_is_self_contained_and_escapes_names(analysis, tmp_path):
    from copy import deepcopy

    evil = deepcopy(analysis)
    evil.source = "<script>alert(1)</script>"
    evil.features[0]["feature"] = "<b>x</b>"
    page = render(evil, all_figures(evil), json_name="r.json")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    # nothing to fetch: no external sources, links or stylesheets
    assert not re.search(r"(src|href)=\"(?!data:)", page)
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 5  # counts, projection, features, curves, reliability
    assert all(base64.b64decode(image)[:8] == PNG for image in images)
    for heading in ("Class balance", "Where the synthetic rows are", "feature by feature"):
        assert heading in page
    assert "The strategies compared on unseen rows" in page
    assert "ROC and precision-recall curves" in page
    assert "Are the predicted probabilities right?" in page
    # the verdict comes first, before every numbered section
    assert page.index('<h2 style="border:0;margin-top:0">Verdict</h2>') < page.index("1. ")


def test_write_report_writes_both_files_or_neither(analysis, tmp_path):
    written = write_report(analysis, tmp_path / "out.html", command="smotekit analyze")
    assert [p.name for p in written] == ["out.html", "out.json"]
    assert "smotekit analyze" in (tmp_path / "out.html").read_text()
    assert json.loads((tmp_path / "out.json").read_text())["sampler"] == "SMOTE"
    assert oct((tmp_path / "out.html").stat().st_mode & 0o777) != oct(0o600)

    # The JSON cannot replace its target (a directory is in the way): the page is not
    # written either, and the previous page stays.
    (tmp_path / "blocked.json").mkdir()
    with pytest.raises(IsADirectoryError):
        write_report(analysis, tmp_path / "out.html", tmp_path / "blocked.json")
    assert "smotekit analyze" in (tmp_path / "out.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked.json", "out.html", "out.json"]


def test_before_after_scatter_still_writes_a_png(tmp_path):
    from smotekit.datasets import make_demo

    X, y = make_demo()
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    path = before_after_scatter(X, y, X_res, y_res, tmp_path / "plot.png")
    assert path.read_bytes()[:8] == PNG


def test_analyze_rejects_bad_input_by_name():
    X, y = small_problem()
    with pytest.raises(ValueError, match="samplers is empty"):
        analyze(X, y, samplers={}, classifiers=["tree"])
    with pytest.raises(ValueError, match="single class"):
        analyze(X, y.where(y == "x", "common"), samplers={"S": SMOTE()}, classifiers=["tree"])
    with pytest.raises(ValueError, match=r"has no sampler; name at least one"):
        analyze(X, y, samplers=["threshold"], classifiers=["tree"])
    with pytest.raises(ValueError, match=r"unknown strategy 'SMOOT'"):
        analyze(X, y, samplers=["SMOOT"], classifiers=["tree"])


# --------------------------------------------------------------------------- command line


class Result:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


@pytest.fixture
def run(capsys, monkeypatch):
    """Call the command in this process (as `smotekit ...` in the folder ``cwd``)."""
    from smotekit._cli import main

    def call(*args, cwd):
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return call


QUICK = ("--classifiers", "tree", "--folds", "2", "--repeats", "1")


@pytest.fixture
def table(tmp_path) -> Path:
    X, y = small_problem()
    path = tmp_path / "data.csv"
    X.assign(kind=y).to_csv(path, index=False)
    return path


def test_analyze_a_table(run, table, tmp_path):
    result = run(
        "analyze",
        table,
        "--target",
        "kind",
        "-o",
        "out.html",
        "--plot",
        "p.png",
        *QUICK,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "rare" in result.stdout and "204" in result.stdout
    assert {p.name for p in tmp_path.iterdir()} == {"data.csv", "out.html", "out.json", "p.png"}
    numbers = json.loads((tmp_path / "out.json").read_text())
    assert numbers["class_counts"]["after"] == {"common": 204, "rare": 204}
    assert numbers["evaluation"]["classifiers"] == ["tree"]
    assert numbers["evaluation"]["folds"] == 2


def write_variant(table: Path, change) -> Path:
    change(pd.read_csv(table)).to_csv(table, index=False)
    return table


def test_analyze_a_table_with_categories_and_missing_values(run, table, tmp_path):
    def change(frame):
        frame.loc[4, "gamma"] = np.nan
        return frame.assign(colour=np.where(frame["alpha"] > 0, "red", "blue"))

    path = write_variant(table, change)
    result = run("analyze", path, "--target", "kind", *QUICK, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Verdict: For tree, SMOTE " in result.stdout
    numbers = json.loads((tmp_path / "smotekit-report.json").read_text())
    assert numbers["evaluation"]["preprocessing"].startswith("missing values imputed")
    assert "colour_red" in numbers["feature_names"]  # the one-hot columns SMOTE saw


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda f: f.assign(kind="common"), ["single class", "'common'"]),
        (
            lambda f: f.drop(f.index[f["kind"] == "rare"][3:]),
            ["class 'rare' has 3 rows", "k_neighbors=5"],
        ),
    ],
)
def test_bad_tables_fail_clearly_and_write_nothing(run, table, tmp_path, change, words):
    write_variant(table, change)
    result = run("analyze", table, "--target", "kind", *QUICK, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
    assert {p.name for p in tmp_path.iterdir()} == {"data.csv"}


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--samplers", "SMOOT"], 2, ["unknown strategy 'SMOOT'", "SMOTE"]),
        (["--classifiers", "svm"], 2, ["unknown classifier 'svm'", "logreg"]),
        (["-o", "report.txt"], 2, ["must end in .html"]),
        (["--folds", "1"], 2, ["--folds"]),
        (["--dataset", "ecoli1"], 2, ["INPUT or --dataset"]),
    ],
)
def test_bad_options_fail_clearly(run, table, tmp_path, args, code, words):
    result = run("analyze", table, "--target", "kind", *args, cwd=tmp_path)
    assert result.returncode == code, result.stderr
    for word in words:
        assert word in result.stderr
    assert {p.name for p in tmp_path.iterdir()} == {"data.csv"}


def test_input_needs_target(run, table, tmp_path):
    result = run("analyze", table, cwd=tmp_path)
    assert result.returncode == 2 and "--target" in result.stderr


def test_analyze_a_bundled_dataset(run, tmp_path):
    result = run(
        "analyze", "--dataset", "glass-0-4_vs_5", "--k-neighbors", "3", *QUICK, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "glass-0-4_vs_5 (KEEL): 92 rows x 9 features" in result.stdout
    assert (tmp_path / "smotekit-report.html").exists()


def test_datasets_command_lists_and_describes(run, tmp_path):
    listing = run("datasets", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "110 datasets (104 in the Kovacs 2019 study)" in listing.stdout
    assert re.search(r"^ecoli1\s+336\s+7\s+0\s+77\s+3\.36", listing.stdout, re.M)
    study = run("datasets", "--subset", "study", "--csv", cwd=tmp_path)
    assert len(study.stdout.strip().splitlines()) == 105  # header + 104
    one = run("datasets", "car-good", cwd=tmp_path)
    assert one.returncode == 0
    assert "Buying" in one.stdout and "nominal {vhigh, high, med, low}" in one.stdout
    unknown = run("datasets", "ecolli1", cwd=tmp_path)
    assert unknown.returncode == 1 and "'ecoli1'" in unknown.stderr
