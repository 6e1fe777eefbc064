"""Figures drawn without touching matplotlib's global state.

Each figure is a :class:`matplotlib.figure.Figure` on its own Agg canvas: no ``pyplot``, no
``matplotlib.use`` and no rcParams change, so a notebook's backend and style stay the user's,
and nothing is registered with pyplot's figure manager (no figure to close, no leak).
"""

from __future__ import annotations

import io


def new_figure(**kwargs):
    """A figure on its own Agg canvas; ``kwargs`` go to ``Figure`` (e.g. ``figsize``)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(**kwargs)
    FigureCanvasAgg(figure)
    return figure


def png_bytes(figure, dpi: int = 110, **kwargs) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, **kwargs)
    return buffer.getvalue()
