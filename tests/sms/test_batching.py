"""Splitting messages into POST /sms/send calls of at most 1000 recipients."""

import pytest

from clicksend_sms.sms.batching import split_batches
from clicksend_sms.sms.messages import OutgoingSms


def _to_messages(count, start=0):
    return [OutgoingSms(index=i, body="Hi", to="+61411111111") for i in range(start, start + count)]


def test_2500_messages_make_three_calls():
    batches = split_batches(_to_messages(2500))

    assert [len(batch.messages) for batch in batches] == [1000, 1000, 500]
    assert [batch.number for batch in batches] == [1, 2, 3]
    assert [batch.index_range for batch in batches] == ["0-999", "1000-1999", "2000-2499"]


def test_exactly_1000_messages_make_one_call():
    assert len(split_batches(_to_messages(1000))) == 1


def test_1001_messages_make_two_calls():
    assert [len(b.messages) for b in split_batches(_to_messages(1001))] == [1000, 1]


def test_list_message_gets_its_own_call():
    messages = [
        *_to_messages(2),
        OutgoingSms(index=2, body="Hi", list_id=428),
        *_to_messages(2, start=3),
    ]

    batches = split_batches(messages)

    assert [batch.index_range for batch in batches] == ["0-1", "2", "3-4"]
    assert [batch.is_list_send for batch in batches] == [False, True, False]


def test_order_is_kept():
    indexes = [m.index for b in split_batches(_to_messages(2500)) for m in b.messages]

    assert indexes == list(range(2500))


def test_zero_batch_size_rejected():
    with pytest.raises(ValueError, match="at least 1"):
        split_batches(_to_messages(1), max_size=0)
