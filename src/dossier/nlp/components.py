"""Imports every module that registers a built-in component, so that `build()` finds them."""

from __future__ import annotations

from . import entities  # noqa: F401
from ..extract import quotes  # noqa: F401
