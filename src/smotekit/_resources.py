"""How much memory there is, and a refusal when an output cannot fit in it.

Samplers estimate their output's size before allocating anything of that size
(``BaseSampler._check_output_size``) and call :func:`check_fits`, so an absurd request
(``sampling_strategy={1: 10**12}``) fails at once with the number of bytes instead of
drawing rows until memory runs out.

The limit is the memory available now: ``MemAvailable`` of ``/proc/meminfo`` (else
``os.sysconf``'s available physical pages), lowered by a cgroup v2 memory limit and by
``RLIMIT_AS`` when either is set. The environment variable ``SMOTEKIT_MAX_OUTPUT_BYTES``
sets a cap of its own (bytes) that applies as well; it is read at each call.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Bytes of plan per synthetic row: base and neighbour positions (intp) and a float64 step.
PLAN_BYTES = 24
CAP_VARIABLE = "SMOTEKIT_MAX_OUTPUT_BYTES"


class OutputTooLargeError(MemoryError, ValueError):
    """The requested output would not fit in memory (or exceeds ``SMOTEKIT_MAX_OUTPUT_BYTES``).

    A ``MemoryError``, and a ``ValueError`` too: the cause is a parameter (how many rows
    were asked for), so code that reports bad parameters reports this as well.
    """


def available_bytes() -> int | None:
    """Memory this process can still use, in bytes; None when it cannot be told."""
    limits = [_meminfo_available(), _cgroup_room(), _address_space_room()]
    known = [v for v in limits if v is not None]
    return min(known) if known else None


def check_fits(needed: int, what: str) -> None:
    """Raise :class:`OutputTooLargeError` when ``needed`` bytes exceed the limit."""
    cap = _cap()
    room = available_bytes()
    if cap is not None and needed > cap:
        raise OutputTooLargeError(
            f"{what}, about {_size(needed)} ({needed} bytes), more than the cap of "
            f"{_size(cap)} set by {CAP_VARIABLE}. Ask for fewer rows (sampling_strategy)."
        )
    if room is not None and needed > room:
        raise OutputTooLargeError(
            f"{what}, about {_size(needed)} ({needed} bytes), more than the "
            f"{_size(room)} of memory available. Ask for fewer rows (sampling_strategy), or "
            "resample in parts (the Dask engine writes partitions as it goes)."
        )


def _cap() -> int | None:
    text = os.environ.get(CAP_VARIABLE, "").strip()
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        raise ValueError(f"{CAP_VARIABLE} must be a number of bytes; got {text!r}.") from None


def _size(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if n < 1024 or unit == "PiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} PiB"


def _meminfo_available() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def _cgroup_room() -> int | None:
    """The cgroup v2 limit minus what the group uses (None without a limit)."""
    try:
        root = Path("/sys/fs/cgroup")
        own = Path("/proc/self/cgroup").read_text().strip().splitlines()
        path = next(line.split(":", 2)[2] for line in own if line.startswith("0::"))
        group = root / path.lstrip("/")
        limit = (group / "memory.max").read_text().strip()
        if limit == "max":
            return None
        return int(limit) - int((group / "memory.current").read_text().strip())
    except (OSError, ValueError, StopIteration, IndexError):
        return None


def _address_space_room() -> int | None:
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    except (ImportError, OSError, ValueError):
        return None
    if soft == resource.RLIM_INFINITY:
        return None
    # The address space in use is hard to tell portably; the limit is the outer bound.
    return soft
