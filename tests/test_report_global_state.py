"""Writing a report leaves matplotlib as the user set it: backend, rcParams, no pyplot."""

from __future__ import annotations

import json
import subprocess
import sys

# Runs in a fresh interpreter so the user's choices (a non-Agg backend, a changed rcParam)
# are set before smotekit draws anything, and nothing leaks into the test process.
SCRIPT = """
import json, sys, tempfile, pathlib
import matplotlib
matplotlib.use("svg")  # the user's backend: not the Agg the report draws with
matplotlib.rcParams["lines.linewidth"] = 3.25  # the user's style
before = dict(matplotlib.rcParams)

from smotekit import SMOTE
from smotekit.datasets import make_demo
from smotekit.report import analyze, before_after_scatter, write_report

X, y = make_demo()
X, y = X[:300], y[:300]
folder = pathlib.Path(tempfile.mkdtemp())
analysis = analyze(X, y, samplers={"SMOTE": SMOTE(random_state=0)}, classifiers=["tree"],
                   cv=2, random_state=0)
written = write_report(analysis, folder / "r.html")
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
png = before_after_scatter(X, y, X_res, y_res, folder / "p.png")
after = dict(matplotlib.rcParams)
print(json.dumps({
    "backend": matplotlib.get_backend(),
    "changed": sorted(k for k in before if repr(before[k]) != repr(after[k])),
    "pyplot": "matplotlib.pyplot" in sys.modules,
    "png": png.read_bytes()[:8].hex(),
    "files": sorted(p.name for p in folder.iterdir()),
}))
"""


def test_report_leaves_backend_rcparams_and_pyplot_alone():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["backend"] == "svg"
    assert seen["changed"] == []
    assert seen["pyplot"] is False
    assert seen["png"] == "89504e470d0a1a0a"  # the PNG signature: the figures were drawn
    assert seen["files"] == ["p.png", "r.html", "r.json"]
