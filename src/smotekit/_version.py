"""The package version, in a leaf so any layer can read it without importing the top."""

__version__ = "0.1.0"
