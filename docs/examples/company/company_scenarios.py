"""Acme's own situations. Importing this module registers them with apologykit."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

import apologykit as ak


class MissedAppointment(ak.Scenario):
    """Our technician missed a booked home visit; apologise and confirm the new one."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": "Huda", "gender": "female"},
                    "agent": {"name": "Sami"},
                    "booked_for": "2025-03-02T09:00:00+03:00",
                    "new_visit": "2025-03-04T14:00:00+03:00",
                    "ticket_id": "AC-7731",
                }
            ]
        }
    )

    kind: Literal["missed_appointment"] = "missed_appointment"
    booked_for: ak.DateTime = Field(description="When the visit we missed was booked for.")
    new_visit: ak.DateTime = Field(description="When the technician will come instead.")
