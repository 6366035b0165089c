"""The package version, in one place: the build, ``ak.__version__`` and ``--version`` read it."""

__version__ = "0.1.0"
