"""The elastic.io component model: messages, the execution context and the descriptor."""

from clicksend_sms.component.context import Event, ExecutionContext
from clicksend_sms.component.invoke import invoke
from clicksend_sms.component.message import Message

__all__ = ["Event", "ExecutionContext", "Message", "invoke"]
