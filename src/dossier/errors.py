"""Every error Dossier raises on purpose, as one hierarchy.

    DossierError                 base: a sentence a journalist can act on
    ├── InputError               one input file or record cannot be read as a news page
    │   ├── EmptyInput           nothing in it
    │   ├── UnsupportedInput     an image, a PDF, an archive of something else …
    │   ├── DecodeError          text in an encoding we cannot read with confidence
    │   ├── TruncatedInput       a gzip or WARC that ends in the middle
    │   ├── TooLarge             over the size limit in Settings
    │   └── NoArticle            a page with no article body in it
    ├── StoreError               the database file cannot be used
    │   └── NotADossierDatabase  a file that is not (or not yet) a Dossier database
    ├── NotFound                 a name or id that is not in the database
    └── BadQuery                 a search or request the database cannot answer as asked

The CLI turns each into one line naming the file and the reason; nothing else is caught.
"""

from __future__ import annotations


class DossierError(Exception):
    """Base class: its message is shown to the user as is."""


class InputError(DossierError):
    """An input that cannot become a document; the batch goes on without it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # So that it crosses to and from the worker processes of `add --workers`.
        return type(self), (self.source, self.reason)


class EmptyInput(InputError):
    pass


class UnsupportedInput(InputError):
    pass


class DecodeError(InputError):
    pass


class TruncatedInput(InputError):
    pass


class TooLarge(InputError):
    pass


class NoArticle(InputError):
    pass


class StoreError(DossierError):
    pass


class NotADossierDatabase(StoreError):
    pass


class NotFound(DossierError):
    pass


class BadQuery(DossierError):
    pass
