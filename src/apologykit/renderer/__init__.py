"""Scenario in, Reply out: the kit, its settings, loaders, sandbox, view and outputs.

A new output format of a reply goes beside :mod:`apologykit.renderer.reply`.
Only this package imports :mod:`apologykit.renderer._jinja`, the one place that
touches Jinja's private API.
"""
