"""Imports every module that registers a built-in component, so that `build()` finds them."""

from __future__ import annotations

from ..extract import (
    claims,  # noqa: F401
    opinion,  # noqa: F401
    quotes,  # noqa: F401
)
from . import (
    amounts,  # noqa: F401
    entities,  # noqa: F401
    roles,  # noqa: F401
    temporal,  # noqa: F401
)
