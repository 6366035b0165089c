"""Languages: locales, Babel formatting, plurals, digits, Hijri dates, zones, bidi, scripts.

A new built-in language brings its own words to ``vocabulary`` and its
templates to ``templates/<lang>/``.
"""
