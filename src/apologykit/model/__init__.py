"""What a support situation is: scenarios and their registry, value types, cleaning.

Everything here is plain pydantic and knows nothing of Jinja, locales or kits:
a new value type goes here, a new kind goes in :mod:`apologykit.kinds`.
"""
