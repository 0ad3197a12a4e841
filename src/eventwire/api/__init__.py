"""The REST API and the dashboard it serves (`eventwire serve`)."""

from .app import Settings, create_app

__all__ = ["Settings", "create_app"]
