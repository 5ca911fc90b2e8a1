"""Local web UI and JSON API over a Dossier database (read-only)."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
