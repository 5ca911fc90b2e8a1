"""Imports every module that registers a built-in component, so that `build()` finds them."""

from __future__ import annotations

from ..extract.claims import basis as _basis  # noqa: F401
from ..extract.claims import extractor as _claims  # noqa: F401
from ..extract.opinion import extractor as _opinion  # noqa: F401
from ..extract.quotes import extractor as _quotes  # noqa: F401
from . import (
    amounts,  # noqa: F401
    entities,  # noqa: F401
    roles,  # noqa: F401
    temporal,  # noqa: F401
)
