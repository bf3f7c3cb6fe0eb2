"""Split outgoing messages into ``POST /sms/send`` calls.

ClickSend takes at most 1000 recipients per call, and a ``list_id`` message counts every
contact of its list. The connector does not know a list's size without another request, so
each list message gets a call of its own. Messages with ``to`` share calls of up to 1000.
Calls keep the input order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from clicksend_sms.sms.messages import OutgoingSms

MAX_MESSAGES_PER_CALL = 1000


@dataclass(frozen=True)
class Batch:
    """The messages of one ``POST /sms/send`` call; ``number`` counts from 1."""

    number: int
    messages: tuple[OutgoingSms, ...]

    @property
    def is_list_send(self) -> bool:
        return any(message.list_id is not None for message in self.messages)

    @property
    def custom_strings(self) -> list[str]:
        return [message.custom_string for message in self.messages]

    @property
    def index_range(self) -> str:
        """Return the input indexes it covers, e.g. ``"1000-1999"`` or ``"7"``."""
        first, last = self.messages[0].index, self.messages[-1].index
        return str(first) if first == last else f"{first}-{last}"


def split_batches(
    messages: Iterable[OutgoingSms], max_size: int = MAX_MESSAGES_PER_CALL
) -> list[Batch]:
    """Return the calls for ``messages`` in order: ``to`` messages in groups of ``max_size``,
    each ``list_id`` message alone."""
    if max_size < 1:
        raise ValueError(f"max_size must be at least 1, got {max_size}")

    groups: list[list[OutgoingSms]] = []
    current: list[OutgoingSms] = []

    for message in messages:
        if message.list_id is not None:
            if current:
                groups.append(current)
                current = []
            groups.append([message])
            continue

        current.append(message)
        if len(current) == max_size:
            groups.append(current)
            current = []

    if current:
        groups.append(current)

    return [Batch(number, tuple(group)) for number, group in enumerate(groups, 1)]
