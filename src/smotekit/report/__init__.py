"""Reports: numbers -> figures -> one self-contained HTML file (kept apart from samplers).

``_compute`` makes the numbers (an :class:`Analysis`), with the 2-D view from
``_projection`` and the plain-language sentences from ``_summary``; ``_plots`` and
``_scatter`` turn them into PNG figures on their own Agg canvas (``_canvas``: no pyplot, no
global matplotlib state); ``_html`` renders the page. :func:`write_report` writes the page and
a JSON file of every number, together through temporary files: both or neither.
Numbers never import plots.
"""

from __future__ import annotations

from pathlib import Path

from ._compute import Analysis, analyze
from ._scatter import before_after_png, before_after_scatter

__all__ = [
    "Analysis",
    "analyze",
    "before_after_png",
    "before_after_scatter",
    "report_files",
    "write_report",
]


def write_report(analysis: Analysis, html_path, json_path=None, *, command=None) -> list[Path]:
    """Write the HTML report (and the JSON of every number) for ``analysis``.

    Parameters
    ----------
    analysis : Analysis
        The output of :func:`analyze`.
    html_path : path
        Where the page goes.
    json_path : path, default=None
        Where the numbers go; default ``html_path`` with the suffix ``.json``.
    command : str, default=None
        The command line that made the report, shown in its method section.

    Returns
    -------
    list of Path
        The files written: the page, then the JSON.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from smotekit import SMOTE
    >>> from smotekit.datasets import make_demo
    >>> from smotekit.report import analyze, write_report
    >>> X, y = make_demo()
    >>> analysis = analyze(X, y, samplers={"SMOTE": SMOTE(random_state=0)},
    ...                    classifiers=["logreg"], source="demo", random_state=0)
    >>> analysis.counts_after
    {0: 897, 1: 897}
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_report(analysis, folder / "report.html")]
    ['report.html', 'report.json']
    """
    from .._atomic import write_all_atomically

    files = report_files(analysis, html_path, json_path, command=command)
    write_all_atomically(files)
    return list(files)


def report_files(analysis: Analysis, html_path, json_path=None, *, command=None) -> dict:
    """``{path: write(tmp_path)}`` for the page and the JSON, everything rendered already,
    so a caller can write them together with other files (all or none)."""
    import json

    from ._html import render
    from ._plots import all_figures

    html_target = Path(html_path)
    json_target = Path(json_path) if json_path else html_target.with_suffix(".json")
    page = render(analysis, all_figures(analysis), json_name=json_target.name, command=command)
    numbers = json.dumps(analysis.to_dict(), indent=1, allow_nan=False)
    return {
        html_target: lambda tmp: Path(tmp).write_text(page, encoding="utf-8"),
        json_target: lambda tmp: Path(tmp).write_text(numbers, encoding="utf-8"),
    }
