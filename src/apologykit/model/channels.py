"""The closed sets a reply is described by: the channel it is written for, its direction.

Defined once, as ``Literal`` types, so a typo such as ``channel="e-mail"`` is a
type error in the caller's code and ``Reply.direction`` can only be what a
container's ``dir`` attribute accepts.
"""

from __future__ import annotations

from typing import Literal, get_args

#: Where a reply is sent: e-mail has a subject and sign-off, chat is short,
#: SMS is one plain message.
Channel = Literal["email", "chat", "sms"]

#: Which way a reply's text runs.
Direction = Literal["ltr", "rtl"]

#: Every channel, in the order above.
CHANNELS: tuple[Channel, ...] = get_args(Channel)
