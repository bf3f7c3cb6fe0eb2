"""What a route handler receives: the parsed request and the emulator state it acts on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clicksend_sms.emulator.envelope import bad_request

if TYPE_CHECKING:
    from clicksend_sms.emulator.state import Emulator


@dataclass
class ApiRequest:
    """One /v3 request after authentication and routing."""

    method: str
    path: str
    query: Mapping[str, str]
    body: Any
    base_url: str
    emulator: Emulator
    params: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Return the absolute URL of the requested path, without its query string."""
        return self.base_url + self.path.removeprefix("/v3")

    def json_object(self) -> dict[str, Any]:
        """Return the JSON body as an object; an absent body is an empty object."""
        if self.body is None:
            return {}
        if not isinstance(self.body, dict):
            raise bad_request({"body": "The request body must be a JSON object."})
        return self.body

    def int_param(self, name: str) -> int | None:
        """Return a path parameter as an integer, or None when it is not one."""
        try:
            return int(self.params[name])
        except ValueError:
            return None
