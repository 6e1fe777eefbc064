"""The verdict: in plain words, per classifier, did resampling beat what one would otherwise do?

Read from :func:`summarize`'s table: the ranking metrics (average precision, ROC-AUC) decide
whether a resampling strategy beat the best alternative that does not resample (no
resampling, balanced class weights or a tuned threshold; a win needs a Holm-adjusted
p-value below the table's alpha); the calibration metrics say what resampling did to the
predicted probabilities, compared with no resampling.
"""

from __future__ import annotations

import math

from ._inputs import NONE
from ._strategies import DESCRIPTIONS, RECALIBRATED_SUFFIX
from ._summarize import ALPHA, format_p

SHORT = {"average_precision": "AP", "roc_auc": "ROC-AUC"}
VERDICT_RANKING = ("average_precision", "roc_auc")  # the first present leads the sentence


def verdict(results, summary=None) -> str:
    """Per classifier, one sentence per resampling strategy: did it beat the best
    alternative that does not resample on the ranking metrics, and what did it do to the
    probabilities?

    Parameters
    ----------
    results : pandas DataFrame
        The output of :func:`smotekit.evaluate` (with ``"none"``; add ``"class_weight"``
        and ``"threshold"`` to compare with them too).
    summary : pandas DataFrame, default=None
        ``summarize(results)``, if already computed.

    Returns
    -------
    str
        One line per classifier x resampling strategy (and one per strategy that could
        not apply).

    Examples
    --------
    >>> from smotekit import evaluate, verdict
    >>> from smotekit.datasets import make_demo
    >>> X, y = make_demo()
    >>> results = evaluate(X, y, samplers=["threshold", "SMOTE"], classifiers=["logreg"],
    ...                    random_state=0)
    >>> print(verdict(results))  # doctest: +ELLIPSIS
    For logreg, SMOTE did not beat no resampling (AP +0.000 ± 0.001, ...) and raised ...
    """
    return "\n".join(verdict_lines(results, summary))


def verdict_lines(results, summary=None) -> list[str]:
    """The sentences of :func:`verdict`, as a list."""
    from ._summarize import summarize

    table = summarize(results) if summary is None else summary
    alpha = table.attrs.get("alpha", ALPHA)
    resampling = results.attrs.get("resampling") or {}
    strategies = [
        s
        for s in dict.fromkeys(table["sampler"])
        if resampling.get(s, s != NONE and s not in DESCRIPTIONS)
        and not s.endswith(RECALIBRATED_SUFFIX)
    ]
    index = table.set_index(["sampler", "classifier", "metric"])
    metrics = set(table["metric"])
    ranking = [m for m in VERDICT_RANKING if m in metrics]
    lines = []
    if not strategies:
        return ["No resampling strategy was evaluated, so there is no verdict on resampling."]
    for classifier in dict.fromkeys(table["classifier"]):
        for strategy in strategies:
            lines.append(
                _sentence(
                    index, strategy, classifier, ranking, metrics, alpha, set(table["sampler"])
                )
            )
    for record in results.attrs.get("skipped") or []:
        lines.append(
            f"{record['sampler']} was not evaluated for {record['classifier']}: {record['reason']}."
        )
    return lines


def _row(index, strategy, classifier, metric):
    try:
        return index.loc[(strategy, classifier, metric)]
    except KeyError:
        return None


def _sentence(index, strategy, classifier, ranking, metrics, alpha, names) -> str:
    start = f"For {classifier}, {strategy}"
    rows = [(m, _row(index, strategy, classifier, m)) for m in ranking]
    rows = [(m, r) for m, r in rows if r is not None and _finite(r["diff_best"])]
    if not rows:
        text = f"{start} has no ranking-metric comparison (add roc_auc or average_precision)"
    else:
        lead = rows[0][1]["best_alternative"]
        parts = []
        for metric, row in rows:
            part = f"{SHORT.get(metric, metric)} {_signed(row['diff_best'])}"
            half = _half_width(row["ci_low_best"], row["ci_high_best"])
            if half is not None:
                part += f" ± {half:.3f}"
            if row["best_alternative"] != lead:
                part += f" vs {_describe(row['best_alternative'])}"
            parts.append(part)
        outcomes = {row["outcome_best"] for _, row in rows}
        p_values = [row["p_holm_best"] for _, row in rows if _finite(row["p_holm_best"])]
        if p_values:
            parts.append(f"Holm-adjusted {format_p(min(p_values))}")
        if "win" in outcomes and "loss" not in outcomes:
            judged = "beat"
        elif "loss" in outcomes and "win" not in outcomes:
            judged = "did worse than"
        elif "win" in outcomes:
            judged = "was mixed against"
        else:
            judged = "did not beat"
        text = f"{start} {judged} {_describe(lead)} ({', '.join(parts)})"
    calibration = _calibration(index, strategy, classifier, metrics, names)
    return text + (f" and {calibration}" if calibration else "") + "."


def _calibration(index, strategy, classifier, metrics, names) -> str:
    pieces = []
    if "brier" in metrics:
        row = _row(index, strategy, classifier, "brier")
        if row is not None and _finite(row["diff"]):
            change = row["diff"]
            if abs(change) < 0.0005:
                pieces.append("left the Brier score unchanged")
            else:
                verb = "raised" if change > 0 else "lowered"
                pieces.append(f"{verb} the Brier score by {abs(change):.3f}")
    if "calibration_gap" in metrics:
        row = _row(index, strategy, classifier, "calibration_gap")
        base = _row(index, NONE, classifier, "calibration_gap")
        if row is not None and _finite(row["mean"]):
            text = f"its predicted minority probability averaged {_side(row['mean'])}"
            if base is not None and _finite(base["mean"]):
                text += f" (no resampling: {_side(base['mean'], short=True)}"
                fixed = strategy + RECALIBRATED_SUFFIX
                again = (
                    _row(index, fixed, classifier, "calibration_gap") if fixed in names else None
                )
                if again is not None and _finite(again["mean"]):
                    text += f"; recalibrated: {_side(again['mean'], short=True)}"
                text += ")"
            pieces.append(text)
    return "; ".join(pieces)


def _describe(name) -> str:
    return DESCRIPTIONS.get(name, str(name))


def _side(gap: float, short: bool = False) -> str:
    """A calibration gap in words: ``0.023 above the observed share``."""
    side = "above" if gap >= 0 else "below"
    return f"{abs(gap):.3f} {side}" + ("" if short else " the observed minority share")


def _signed(value: float) -> str:
    return f"{value:+.3f}".replace("-0.000", "+0.000")


def _half_width(low, high):
    if not (_finite(low) and _finite(high)):
        return None
    return (high - low) / 2


def _finite(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False
