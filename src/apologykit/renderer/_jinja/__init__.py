"""Every use of Jinja internals; private to :mod:`apologykit.renderer`.

Each module says which Jinja internals it relies on and what that saves
(tests/renderer/test_jinja_internals.py pins the saving and the internals).
"""
