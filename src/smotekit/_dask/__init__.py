"""The Dask engine behind :mod:`smotekit.dask` (private; see that module for the API).

``_engine`` plans and builds the lazy output of ``fit_resample`` on dask collections;
``_parquet`` is the command line's Parquet-directory path (cluster, progress, atomic write).
``fit`` and ``fit_resample`` are the entry points samplers load by name
(:data:`smotekit._base.DASK_FIT_RESAMPLE`).
"""

from ._engine import fit, fit_resample

__all__ = ["fit", "fit_resample"]
