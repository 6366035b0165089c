"""The OpenAPI document: every registered kind's schema, with its examples, in one place.

A client generator (openapi-generator, openapi-typescript...) then knows
each scenario's fields, and the request body's ``scenario`` is "one of
these kinds", told apart by ``kind``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic.json_schema import models_json_schema

from ..model.scenario import Scenario
from .models import BilingualRequest, ReplyRequest, ReviewRequest

_REF = "#/components/schemas/{model}"


def add_kinds(document: dict[str, Any], kinds: Sequence[type[Scenario]]) -> None:
    """Put the request models and every kind's schema into ``document``'s components."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    refs, top = models_json_schema(
        [(cls, "validation") for cls in kinds] + [(ReplyRequest, "validation")],
        ref_template=_REF,
    )
    components.update(top.get("$defs", {}))
    components["BilingualRequest"] = BilingualRequest.model_json_schema(ref_template=_REF)
    components["ReviewRequest"] = ReviewRequest.model_json_schema(ref_template=_REF)
    mapping = {_kind(cls): refs[(cls, "validation")]["$ref"] for cls in kinds}
    one_of: dict[str, Any] = {
        "oneOf": [{"$ref": ref} for ref in mapping.values()],
        "discriminator": {"propertyName": "kind", "mapping": mapping},
        "description": ReplyRequest.model_fields["scenario"].description,
    }
    for name in ("ReplyRequest", "BilingualRequest"):
        components[name]["properties"]["scenario"] = one_of
    _add_request_examples(document, kinds)


def _add_request_examples(document: dict[str, Any], kinds: Sequence[type[Scenario]]) -> None:
    """Each kind's first example as a ready request body of POST /v1/replies."""
    examples: dict[str, Any] = {}
    for cls in kinds:
        found = cls.examples()
        if found:
            scenario = found[0].model_dump(mode="json", exclude_unset=True)
            examples[_kind(cls)] = {
                "summary": cls.summary(),
                "value": {"scenario": scenario, "locale": "ar-SA"},
            }
    operation = document.get("paths", {}).get("/v1/replies", {}).get("post")
    if operation is not None and examples:
        operation["requestBody"]["content"]["application/json"]["examples"] = examples


def _kind(cls: type[Scenario]) -> str:
    return str(cls.model_fields["kind"].default)
