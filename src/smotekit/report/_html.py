"""One self-contained HTML page from an :class:`~._compute.Analysis` and its figures.

No external file, font or script: styles are inline and images are base64 PNGs, so the
page opens offline and can be mailed as one file.
"""

from __future__ import annotations

import base64
import math
from html import escape

from ..evaluation import METRICS, RECALIBRATED_SUFFIX, metric_info
from ._summary import ALPHA

STYLE = """
:root { --ink:#1f2933; --muted:#616e7c; --line:#d9e2ec; --soft:#f5f7fa; --accent:#d55e00;
        --good:#0b7a3e; --bad:#b42318; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,
       sans-serif; color:var(--ink); background:#fff; }
main { max-width:1240px; margin:0 auto; padding:28px 32px 60px; }
header { border-bottom:3px solid var(--accent); padding-bottom:14px; margin-bottom:22px; }
h1 { font-size:26px; margin:0 0 4px; }
h2 { font-size:19px; margin:36px 0 8px; padding-top:10px; border-top:1px solid var(--line); }
p.lead, .muted { color:var(--muted); }
p.lead { margin:2px 0; }
.facts { display:flex; flex-wrap:wrap; gap:10px; margin:14px 0 0; padding:0; }
.facts li { list-style:none; background:var(--soft); border:1px solid var(--line);
            border-radius:6px; padding:6px 12px; }
.facts b { display:block; font-size:17px; }
.facts span { color:var(--muted); font-size:12px; }
.summary { background:#fff8f1; border-left:4px solid var(--accent); padding:12px 18px;
           border-radius:4px; }
.summary li { margin:5px 0; }
figure { margin:12px 0; }
figure img { max-width:100%; height:auto; display:block; }
figcaption { color:var(--muted); font-size:13px; margin-top:4px; }
.row { display:flex; gap:28px; align-items:flex-start; flex-wrap:wrap; }
.row > * { flex:1 1 320px; }
table { border-collapse:collapse; font-size:13px; margin:8px 0 4px; }
th, td { padding:4px 7px; border-bottom:1px solid var(--line); text-align:right;
         vertical-align:top; }
th { background:var(--soft); font-weight:600; }
td.name, th.name { text-align:left; }
tr.baseline td { color:var(--muted); }
td small { display:block; font-size:10.5px; color:var(--muted); white-space:nowrap; }
td small.good { color:var(--good); font-weight:600; }
td small.bad { color:var(--bad); font-weight:600; }
td b { font-weight:700; }
.scroll { overflow-x:auto; }
code { background:var(--soft); padding:1px 4px; border-radius:3px; font-size:13px; }
dl { display:grid; grid-template-columns:max-content 1fr; gap:4px 16px; font-size:13.5px; }
dt { color:var(--muted); } dd { margin:0; }
footer { margin-top:40px; color:var(--muted); font-size:12px; }
"""


def render(analysis, figures: dict[str, bytes], *, json_name=None, command=None) -> str:
    """The report page as one string of HTML."""
    a = analysis
    n_before = sum(a.counts_before.values())
    n_after = sum(a.counts_after.values())
    minority_before = a.counts_before[a.minority]
    ratio = max(a.counts_before.values()) / max(minority_before, 1)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>SMOTE analysis: {escape(a.source)}</title>",
        f"<style>{STYLE}</style></head><body><main>",
        "<header>",
        "<h1>SMOTE analysis</h1>",
        f'<p class="lead">{escape(a.source)}; target column <code>{escape(str(a.target))}'
        f"</code>; minority class <code>{escape(str(a.minority))}</code>.</p>",
        '<ul class="facts">',
        _fact(f"{n_before:,}", "rows"),
        _fact(f"{len(a.feature_names)}", "features"),
        _fact(f"{len(a.classes)}", "classes"),
        _fact(f"{minority_before / n_before:.1%}", "minority share"),
        _fact(f"{ratio:.1f} : 1", "imbalance ratio"),
        _fact(f"{n_after - n_before:,}", f"synthetic rows ({escape(a.sampler)})"),
        "</ul></header>",
        _verdict_section(a),
        _reliability_section(a, figures),
        _evaluation_section(a),
        "<section><h2>3. What resampling changed</h2>",
        '<ul class="summary">',
        *(f"<li>{escape(line)}</li>" for line in a.summary),
        "</ul></section>",
        _balance_section(a, figures),
        _projection_section(a, figures),
        _features_section(a, figures),
        _curves_section(a, figures),
        _method_section(a, json_name, command),
        "<footer>Made by smotekit "
        f"{escape(_version())} in {a.seconds:.1f} s. Every number of this page is in "
        f"{escape(json_name) if json_name else 'the JSON file written beside it'}.</footer>",
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _fact(value: str, label: str) -> str:
    return f"<li><b>{value}</b><span>{label}</span></li>"


def _img(figures, name: str, alt: str, caption: str = "") -> str:
    data = figures.get(name)
    if data is None:
        return ""
    encoded = base64.b64encode(data).decode("ascii")
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{encoded}" alt="{escape(alt)}">{cap}</figure>'


def _balance_section(a, figures) -> str:
    rows = []
    n_before = sum(a.counts_before.values())
    n_after = sum(a.counts_after.values())
    for label in a.counts_before:
        before, after = a.counts_before[label], a.counts_after[label]
        rows.append(
            f'<tr><td class="name">{escape(str(label))}</td><td>{before:,}</td>'
            f"<td>{before / n_before:.1%}</td><td>{after:,}</td><td>{after / n_after:.1%}</td>"
            f"<td>{after - before:+,}</td></tr>"
        )
    table = (
        '<table><tr><th class="name">class</th><th>before</th><th>share</th><th>after</th>'
        "<th>share</th><th>added</th></tr>" + "".join(rows) + f"<tr><td class='name'><b>total"
        f"</b></td><td><b>{n_before:,}</b></td><td></td><td><b>{n_after:,}</b></td><td></td>"
        f"<td><b>{n_after - n_before:+,}</b></td></tr></table>"
    )
    return (
        "<section><h2>4. Class balance</h2>"
        f'<div class="row"><div>{table}<p class="muted">{escape(a.sampler)} resampled all '
        "rows once here, to show what it does to the data. The scores below come from "
        "resampling inside each training fold only.</p></div>"
        f"<div>{_img(figures, 'counts', 'rows per class before and after')}</div></div>"
        "</section>"
    )


def _projection_section(a, figures) -> str:
    p = a.projection
    shown = len(p["x"])
    total = (
        a.projection["n_original"] + sum(a.counts_after.values()) - sum(a.counts_before.values())
    )
    note = f" A random {shown:,} of the {total:,} rows are drawn." if shown < total else ""
    return (
        "<section><h2>5. Where the synthetic rows are</h2>"
        + _img(
            figures,
            "projection",
            "2-D projection before and after resampling",
            "The original rows standardised and projected on their first two principal "
            "components (left); the same axes after resampling, synthetic rows as crosses "
            f"(right).{note}",
        )
        + "</section>"
    )


def _features_section(a, figures) -> str:
    from ._plots import MAX_FEATURE_PANELS

    rows = []
    for f in a.features:
        real, synthetic = f["real"], f["synthetic"]
        if "ks_statistic" not in f:
            continue
        rows.append(
            f'<tr><td class="name">{escape(f["feature"])}</td>'
            f"<td>{_num(real['mean'])} ± {_num(real['std'])}</td>"
            f"<td>{_num(synthetic['mean'])} ± {_num(synthetic['std'])}</td>"
            f"<td>{f['mean_shift_in_std']:+.2f}</td>"
            f"<td>{_num(f['std_ratio'], 2)}</td>"
            f"<td>{f['ks_statistic']:.2f}</td><td>{f['outside_real_range']:.1%}</td></tr>"
        )
    if not rows:
        return (
            "<section><h2>6. Real and synthetic minority rows</h2><p>The primary sampler "
            "made no synthetic minority rows.</p></section>"
        )
    more = (
        f" The {MAX_FEATURE_PANELS} features whose distribution changed most are drawn; the "
        "table lists all."
        if len(a.features) > MAX_FEATURE_PANELS
        else ""
    )
    table = (
        '<div class="scroll"><table><tr><th class="name">feature</th><th>real minority<br>'
        "mean ± std</th><th>synthetic<br>mean ± std</th><th>mean shift<br>(real std)</th>"
        "<th>spread<br>ratio</th><th>KS<br>distance</th><th>outside real<br>range</th></tr>"
        + "".join(rows)
        + "</table></div>"
    )
    return (
        "<section><h2>6. Real and synthetic minority rows, feature by feature</h2>"
        + _img(
            figures,
            "features",
            "per-feature distributions of real and synthetic minority rows",
            "Density of each feature over the real minority rows (filled) and the synthetic "
            f"rows (line). KS: Kolmogorov-Smirnov distance, 0 = same distribution.{more}",
        )
        + table
        + "</section>"
    )


def _verdict_section(a) -> str:
    if not a.verdict:
        return ""
    return (
        '<section><h2 style="border:0;margin-top:0">Verdict</h2><ul class="summary verdict">'
        + "".join(f"<li>{escape(line)}</li>" for line in a.verdict)
        + "</ul>"
        f'<p class="muted">"Beat" means a higher score than the best strategy that does not '
        "resample (no resampling, balanced class weights or a tuned threshold, whichever "
        "scored best on that metric) with a Holm-adjusted p-value below "
        f"{a.evaluation.get('alpha') or ALPHA} (corrected resampled t-test over "
        f"{a.evaluation['folds']} folds). ± is the half-width of the 95% interval.</p>"
        "</section>"
    )


def _reliability_section(a, figures) -> str:
    if "reliability" not in figures:
        return ""
    return (
        "<section><h2>1. Are the predicted probabilities right?</h2>"
        + _img(
            figures,
            "reliability",
            "reliability diagram: predicted against observed minority share",
            "Test rows sorted by predicted minority probability into 10 groups of equal size; "
            "each point is a group's mean prediction against its observed minority share. On "
            "the dotted diagonal the probabilities are right; below it they overestimate the "
            "minority. Gap: mean predicted minority probability minus the observed share "
            f"(mean over folds). <i>{escape(a.sampler)}{escape(RECALIBRATED_SUFFIX)}</i>: the "
            f"same models, their odds rescaled by the minority share before / after "
            "resampling.",
        )
        + "</section>"
    )


def _evaluation_section(a) -> str:
    table = a.comparison
    metrics = a.evaluation["metrics"]
    resampling = a.evaluation.get("resampling", {})
    skipped = {
        (r["sampler"], r["classifier"]): r["reason"] for r in a.evaluation.get("skipped", [])
    }
    blocks = []
    header = (
        '<tr><th class="name">classifier</th><th class="name">strategy</th>'
        + "".join(f"<th>{escape(metric_info(m).short)}</th>" for m in metrics)
        + "</tr>"
    )
    for classifier in a.evaluation["classifiers"]:
        sub = table[table["classifier"] == classifier]
        for i, sampler in enumerate(a.evaluation["samplers"]):
            cells = []
            reason = skipped.get((sampler, classifier))
            for metric in metrics:
                hit = sub[(sub["sampler"] == sampler) & (sub["metric"] == metric)]
                if hit.empty or reason is not None:
                    cells.append("<td>–</td>")
                    continue
                r = hit.iloc[0]
                text = f"{_num(r['mean'], 3)} <small>± {_num(r['std'], 3)}</small>"
                if sampler != "none":
                    text += _diff_note(
                        "Δnone", r["diff"], r["ci_low"], r["ci_high"], r["outcome"], "vs none"
                    )
                if resampling.get(sampler) and r["best_alternative"] not in (None, "none"):
                    text += _diff_note(
                        "Δbest",
                        r["diff_best"],
                        r["ci_low_best"],
                        r["ci_high_best"],
                        r["outcome_best"],
                        f"vs {r['best_alternative']}, the best strategy that does not resample",
                    )
                cells.append(f"<td>{text}</td>")
            name = escape(classifier) if i == 0 else ""
            css = ' class="baseline"' if sampler == "none" else ""
            label = escape(sampler)
            if reason is not None:
                label += f"<small>skipped: {escape(reason)}</small>"
            blocks.append(
                f'<tr{css}><td class="name"><b>{name}</b></td><td class="name">'
                f"{label}</td>{''.join(cells)}</tr>"
            )
    folds = a.evaluation["folds"]
    explained = "; ".join(
        f"{escape(METRICS[m].short)}: {escape(METRICS[m].long)}"
        for m in metrics
        if m in METRICS and METRICS[m].short != METRICS[m].long
    )
    return (
        "<section><h2>2. The strategies compared on unseen rows</h2>"
        f"<p>Mean ± standard deviation over {folds} test folds; every strategy was fitted "
        "inside the training folds only. Under each score, <b>Δnone</b>: the mean paired "
        "difference from no resampling; <b>Δbest</b> (resampling strategies, where the best "
        "alternative is not no resampling): from the best strategy that does not resample "
        "(class weights or a tuned threshold; hover to see which); each ± the half-width of "
        "its 95% interval (corrected resampled t-test, p-values Holm-adjusted over the "
        f'table). <span style="color:var(--good);font-weight:600">Green</span> / '
        f'<span style="color:var(--bad);font-weight:600">red</span>: a clear win or loss '
        "(adjusted p &lt; "
        f"{a.evaluation.get('alpha') or ALPHA}) in the metric's good direction (higher "
        "scores; lower Brier, log loss and ECE; a calibration gap closer to 0).</p>"
        f'<div class="scroll"><table>{header}{"".join(blocks)}</table></div>'
        f'<p class="muted">{explained + ". " if explained else ""}"min." scores the minority '
        "class "
        f"<code>{escape(str(a.minority))}</code> as the positive class; ROC-AUC and AP are "
        "the mean over the test folds of each fold's area (also in the curves' legends). "
        "Threshold strategies tune the decision threshold for "
        f"<code>{escape(str(a.evaluation.get('threshold_metric', '')))}</code> on an inner "
        "5-fold cross-validation of each training fold.</p></section>"
    )


def _diff_note(label, diff, low, high, outcome, title="") -> str:
    if diff is None or math.isnan(diff):
        return ""
    css = {"win": ' class="good"', "loss": ' class="bad"'}.get(outcome, "")
    half = ""
    if low is not None and high is not None and not (math.isnan(low) or math.isnan(high)):
        half = f" ±{(high - low) / 2:.3f}"
    hint = f' title="{escape(title)}"' if title else ""
    return f"<small{css}{hint}>{escape(label)} {diff:+.3f}{half}</small>"


def _curves_section(a, figures) -> str:
    if "curves" not in figures:
        return ""
    return (
        "<section><h2>7. ROC and precision-recall curves</h2>"
        + _img(
            figures,
            "curves",
            "ROC and precision-recall curves per classifier",
            "Minority class against the rest, from test-fold scores (each row scored once, "
            "by a model that never saw it). Dashed: no resampling. Dotted: chance level. "
            "The AUC and AP in the legends are the table's: the mean over the test folds of "
            "each fold's area (one definition on this page; the area under a pooled curve "
            "differs slightly). A tuned threshold or a recalibration keeps its model's "
            "ranking, so those strategies share the curve of the model they adjust.",
        )
        + "</section>"
    )


def _method_section(a, json_name, command) -> str:
    items = [
        ("data", escape(a.source)),
        ("resampling shown", f"<code>{escape(_call(a.sampler, a.sampler_params))}</code>"),
        (
            "evaluation",
            f"{a.evaluation['folds']} folds (test/train size "
            f"{a.evaluation['test_train_ratio']:.2f}); strategies "
            + ", ".join(f"<code>{escape(s)}</code>" for s in a.evaluation["samplers"]),
        ),
        *(
            [("preprocessing", escape(a.evaluation["preprocessing"]))]
            if a.evaluation.get("preprocessing")
            else []
        ),
        ("seed", f"<code>random_state={escape(repr(a.evaluation.get('random_state')))}</code>"),
    ]
    for name, text in a.evaluation.get("classifier_params", {}).items():
        items.append((f"classifier {escape(name)}", f"<code>{escape(text)}</code>"))
    if command:
        items.append(("command", f"<code>{escape(command)}</code>"))
    if json_name:
        items.append(("all numbers", f"<code>{escape(json_name)}</code>"))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items)
    return f"<section><h2>8. How this was computed</h2><dl>{body}</dl></section>"


def _call(name: str, params: dict) -> str:
    inner = ", ".join(f"{k}={v!r}" for k, v in sorted(params.items()))
    return f"{name}({inner})"


def _num(value, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _version() -> str:
    from .._version import __version__

    return __version__
