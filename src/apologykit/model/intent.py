"""What a reply is for, and what that asks of it.

Every scenario kind declares it (``Scenario.reply_intent``,
``Scenario.channel_intents``, ``Scenario.company_at_fault``); the reviewer and
``apologykit check`` read the declaration instead of keeping lists of kinds.
"""

from __future__ import annotations

from typing import Literal, get_args

#: ``apology``: the company says sorry for something; ``closure``: it regrets
#: the trouble but was not at fault, helps and closes the case; ``notice``: it
#: tells a time or a fact (an apology, if any, was made elsewhere); ``thanks``:
#: it thanks the customer (for feedback, for bearing with a fix).
ReplyIntent = Literal["apology", "closure", "notice", "thanks"]

#: Every intent, in the order above.
REPLY_INTENTS: tuple[ReplyIntent, ...] = get_args(ReplyIntent)


def is_apology(intent: ReplyIntent) -> bool:
    """True when the reply must say sorry (reviewed with ``apology=True``)."""
    return intent in ("apology", "closure")


def expected_parts(intent: ReplyIntent, company_at_fault: bool) -> tuple[tuple[str, ...], ...]:
    """The apology components the reply needs: one of each group must be present.

    An apology has regret, responsibility where the company was at fault, and
    a repair or a next step (Lewicki, Polin & Lount 2016; the LAST method of
    the seeds). A closure regrets and helps without owning a fault it did not
    commit. Thanks must thank. A notice needs no part, only no finding.
    """
    if intent == "apology":
        owned = (("responsibility",),) if company_at_fault else ()
        return (("regret",), *owned, ("repair", "follow_up"))
    if intent == "closure":
        return (("regret",), ("repair", "follow_up"))
    if intent == "thanks":
        return (("thanks",),)
    return ()
