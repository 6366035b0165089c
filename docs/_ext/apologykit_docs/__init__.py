"""apologykit's own Sphinx extension: generated reference pages and right-to-left content.

One module per idea: ``direction`` (RTL blocks and pages), ``replies`` (real
replies rendered during the build), ``kind_pages`` (a page per scenario kind),
and the reference tables generated from the code.
"""

from __future__ import annotations

from typing import Any

from pygments.lexers import JsonLexer
from pygments.lexers.special import TextLexer
from sphinx.application import Sphinx

from . import (
    aliases,
    commands,
    config_keys,
    direction,
    kind_pages,
    limits_table,
    model_fields,
    replies,
    review_codes,
    template_examples,
    template_filters,
)


def setup(app: Sphinx) -> dict[str, Any]:
    direction.setup(app)
    kind_pages.setup(app)
    model_fields.setup(app)
    app.add_directive("reply", replies.ReplyDirective)
    app.add_directive("public-alias", aliases.PublicAliasDirective)
    app.add_directive("config-keys", config_keys.ConfigKeysDirective)
    app.add_directive("template-filters", template_filters.TemplateFiltersDirective)
    app.add_directive("jinja-filters", template_filters.JinjaFiltersDirective)
    app.add_directive("template-example", template_examples.TemplateExampleDirective)
    app.add_directive("template-limits", limits_table.TemplateLimitsDirective)
    app.add_directive("command", commands.CommandDirective)
    app.add_directive("review-codes", review_codes.ReviewCodesDirective)
    # The batch guide shows JSON Lines and CSV input files.
    app.add_lexer("jsonl", JsonLexer)
    app.add_lexer("csv", TextLexer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
