"""The plain-language summary of an analysis: a few sentences a reader can act on."""

from __future__ import annotations

import numpy as np

from ..evaluation import metric_info

ALPHA = 0.05  # significance level of the plain-language summary (and the report's colours)


def plain_summary(a) -> list[str]:
    """A few sentences on what resampling changed for the minority class."""
    lines = []
    before, after = a.counts_before, a.counts_after
    minority = a.minority
    n_before, n_after = sum(before.values()), sum(after.values())
    added = after[minority] - before[minority]
    share = (
        f"from {before[minority]} of {n_before} rows ({before[minority] / n_before:.1%}) to "
        f"{after[minority]} of {n_after} ({after[minority] / n_after:.1%})"
    )
    if added > 0:
        in_all = n_after - n_before
        more = f" ({in_all} synthetic rows in all)" if in_all != added else ""
        lines.append(
            f"{a.sampler} added {added} synthetic rows of the minority class {minority!s}{more}: "
            f"it went {share}."
        )
    else:  # an under-sampler or cleaner: say what it removed
        removed = ", ".join(
            f"{before[c] - after[c]} rows of class {c!s}" for c in before if after[c] < before[c]
        )
        lines.append(
            f"{a.sampler} removed {removed or 'no rows'} and added none; the minority class "
            f"{minority!s} went {share}."
        )
    with_stats = [f for f in a.features if "ks_statistic" in f]
    if with_stats:
        outside = max(f["outside_real_range"] for f in with_stats)
        shifts = [abs(f["mean_shift_in_std"]) for f in with_stats]
        ratios = [f["std_ratio"] for f in with_stats if f.get("std_ratio") is not None]
        worst = max(with_stats, key=lambda f: f["ks_statistic"])
        where = (
            "stay inside the range of the real minority rows on every feature"
            if outside == 0
            else f"fall outside the real minority's range on up to {outside:.1%} of rows"
        )
        text = (
            f"The synthetic rows {where}; their means are within "
            f"{max(shifts):.2f} standard deviations of the real minority's"
        )
        if ratios:
            text += (
                f", and their spread is {np.mean(ratios):.2f} times the real spread on average"
                + (" (interpolation pulls rows inwards)" if np.mean(ratios) < 0.95 else "")
            )
        text += (
            f". The feature whose distribution changed most is {worst['feature']!r} "
            f"(Kolmogorov-Smirnov distance {worst['ks_statistic']:.2f})."
        )
        lines.append(text)
    folds = a.evaluation["folds"]
    lines.append(
        f"Scores come from {folds} cross-validation folds; resampling and every fitted step "
        "were done inside the training folds, and the test rows were never resampled. "
        f"Differences are paired by fold; 'clear' means p < {ALPHA} in a corrected "
        "resampled t-test, Holm-adjusted over the whole table."
    )
    table = a.comparison
    resampling = a.evaluation.get("resampling") or {}
    others = table[
        table["sampler"].map(lambda s: resampling.get(s, s != "none"))
        & ~table["sampler"].str.endswith("+recalibrated")
    ]
    for sampler in dict.fromkeys(others["sampler"]):
        rows = others[others["sampler"] == sampler]
        better = rows[rows["outcome"] == "win"]
        worse = rows[rows["outcome"] == "loss"]
        parts = []
        for kind, chosen in (("better", better), ("worse", worse)):
            if len(chosen):
                items = []
                for metric in dict.fromkeys(chosen["metric"]):
                    hits = chosen[chosen["metric"] == metric]
                    by = ", ".join(f"{r.classifier} {r.diff:+.3f}" for r in hits.itertuples())
                    items.append(f"{metric_info(metric).long} ({by})")
                parts.append(f"clearly {kind} on {'; '.join(items)}")
        verdict = "was " + "; ".join(parts) if parts else "made no clear difference"
        lines.append(
            f"Against no resampling, over {len(rows)} classifier x metric pairs, {sampler} "
            f"{verdict}."
        )
        recall = rows[rows["metric"] == "recall"]
        precision_like = rows[rows["metric"].isin(["precision", "f1"])]
        if len(recall) and (recall["diff"] > 0).all() and (precision_like["diff"] < 0).any():
            lines.append(
                f"{sampler} finds more minority rows with every classifier, at the price of "
                "more false alarms: the classic trade-off of moving the decision boundary "
                "towards the majority class."
            )
    ranking = others[others["metric"].isin(["roc_auc", "average_precision"])]
    if len(ranking) and (ranking["diff"].abs() < 0.01).all():
        lines.append(
            "Ranking metrics (ROC-AUC, average precision) barely moved: resampling mostly "
            "shifts where the classifiers put the threshold rather than how well they "
            "separate the classes, so tuning the threshold is an alternative worth trying."
        )
    return lines
