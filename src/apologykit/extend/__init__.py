"""What a company adds: ``apologykit.toml``, plugins, and its own scenario modules."""
