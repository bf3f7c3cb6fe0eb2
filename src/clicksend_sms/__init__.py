"""ClickSend SMS connector for the elastic.io component model."""

__version__ = "0.1.0"
