"""The pydantic base every apologykit value shares: frozen, no unknown keys."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FrozenModel(BaseModel):
    """Immutable, rejects unknown fields (a typo is an error, not a silent blank)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
