"""A local ClickSend REST API v3 emulator; shares no code with the connector."""
