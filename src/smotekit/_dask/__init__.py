"""The Dask engine behind :mod:`smotekit.dask` (private; see that module for the API).

``_engine`` plans and builds the lazy output of ``fit_resample`` on dask collections;
``_parquet`` is the command line's Parquet-directory path (cluster, progress, atomic write).
"""
