"""A small progress bar for long loops; drawn on a terminal or in a Jupyter notebook."""

from __future__ import annotations

import sys
import time


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def in_notebook(stream) -> bool:
    """Whether ``stream`` is the standard error of a running Jupyter (IPython) kernel."""
    return "ipykernel" in sys.modules and stream is sys.stderr and _kernel_running()


def _kernel_running() -> bool:
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None)
    shell = get() if get is not None else None
    return shell is not None and getattr(shell, "kernel", None) is not None


class Progress:
    """``label: 12/40 [######......] 30% 00:03 elapsed, ~00:07 left`` on one line.

    ``enabled=None`` draws when ``stream`` is a terminal or a Jupyter kernel's standard error
    (notebooks redraw a line on ``"\\r"`` too), so logs and pipes stay clean.
    Use as a context manager, or call :meth:`close` to end the line.
    """

    def __init__(self, total: int, label: str, *, enabled=None, stream=None, width: int = 24):
        self.total = max(int(total), 0)
        self.label = label
        self.stream = sys.stderr if stream is None else stream
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)()) or in_notebook(
                self.stream
            )
        self.enabled = bool(enabled)
        self.width = width
        self.done = 0
        self.start = time.monotonic()
        self._drawn_at = 0.0
        self._closed = False
        self._draw(force=True)

    def update(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        self._draw(force=self.done == self.total)

    def close(self) -> None:
        if self.enabled and not self._closed:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def line(self) -> str:
        """The text of the bar as it is now."""
        elapsed = time.monotonic() - self.start
        share = self.done / self.total if self.total else 1.0
        filled = round(share * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        text = f"{self.label}: {self.done}/{self.total} [{bar}] {share:4.0%} {_clock(elapsed)}"
        if 0 < self.done < self.total:
            text += f" elapsed, ~{_clock(elapsed / self.done * (self.total - self.done))} left"
        return text

    def _draw(self, force: bool = False) -> None:
        if not self.enabled or self._closed:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < 0.1:
            return
        self._drawn_at = now
        self.stream.write("\r" + self.line())
        self.stream.flush()
