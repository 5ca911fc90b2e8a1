"""Dossier: a sourced knowledge graph of public actors from raw news pages.

The library API lives in `dossier.api`; the records the stages exchange in `dossier.records`.
"""

from .errors import DossierError, InputError, NotADossierDatabase, NotFound, StoreError
from .records import Analysis, Article, Claim, Entity, Evidence, Mention, Quote, Role
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "DossierError",
    "Entity",
    "Evidence",
    "InputError",
    "Mention",
    "NotADossierDatabase",
    "NotFound",
    "Quote",
    "Role",
    "Settings",
    "StoreError",
    "__version__",
]
