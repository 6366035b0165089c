"""Sphinx settings for the apologykit documentation site (``make docs`` builds it into site/)."""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

from apologykit import __version__  # noqa: E402

project = "apologykit"
author = "the apologykit authors"
copyright = "the apologykit authors, MIT licence"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx_click",
    "apologykit_docs",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
# docs/examples holds the files the guides show; README-like pages there are not pages.
exclude_patterns = ["_build", "examples/**", "_ext/**"]
templates_path: list[str] = []
html_static_path = ["_static"]
html_css_files = ["apologykit.css"]

# Furo rather than the bundled alabaster: its left navigation lists every kind
# page, wide tables scroll instead of overflowing, it works on a phone and has a
# dark mode; one small dependency. Right-to-left pages are our own (see
# apologykit_docs.direction): the theme keeps its navigation left to right.
html_theme = "furo"
html_title = f"apologykit {__version__}"
# Keep "--example" and "'quotes'" as typed: this site is full of command lines.
smartquotes = False
html_show_sourcelink = False
html_copy_source = False

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# autodoc: signatures with their types, members in source order.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
# pydantic's own class attributes are the same on every model: not ours to document.
autodoc_default_options = {
    "exclude-members": "model_config, model_fields, model_computed_fields, model_post_init",
}
autodoc_preserve_defaults = True

# Nitpicky builds (-n) resolve every reference. Types from other libraries have
# no pages here (the build stays offline: no intersphinx), so they are named
# without a link; a reference into apologykit itself must resolve.
nitpick_ignore_regex = [
    (
        r"py:.*",
        r"(pydantic|pydantic_core|jinja2|babel|click|annotated_types|typing_extensions)(\..*)?",
    ),
    (r"py:.*", r"(datetime|decimal|pathlib|os|collections|typing|re|enum|types|io)\..*"),
]
# Internal types that public signatures mention; they are not part of the API.
nitpick_ignore = [
    ("py:class", "Channel"),
    ("py:class", "ReplyIntent"),
    ("py:class", "Digits"),
    ("py:class", "Calendar"),
    ("py:class", "Amounts"),
    ("py:class", "CompanyRules"),
    ("py:class", "apologykit.reviewer.rules.CompanyRules"),
    ("py:class", "apologykit.extend.plugins.Plugin"),
    ("py:class", "apologykit.i18n.formatting.Formatter"),
    # Internal: what a kit is built from, and what LanguageError reads of a warning.
    ("py:class", "apologykit.renderer.settings.KitSettings"),
    ("py:class", "apologykit.errors._Warning"),
]
