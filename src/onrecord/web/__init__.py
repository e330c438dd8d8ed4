"""Serve stage: the web pages and JSON API over a stored record (``onrecord serve``)."""

from __future__ import annotations

from onrecord.web.app import create_app, serve

__all__ = ["create_app", "serve"]
