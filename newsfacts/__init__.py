"""newsfacts: facts from Russian-language technology news.

    >>> from newsfacts import extract
    >>> doc = extract("Илон Маск купил 10 000 ускорителей H100.")

The heavy parts (natasha models, numpy) load lazily on first use, so that
``import newsfacts`` and ``newsfacts --version`` stay fast.
"""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["Document", "Entity", "Extractor", "Quantity", "Sentence", "__version__", "extract"]

if TYPE_CHECKING:
    from .doc import Document, Entity, Quantity, Sentence
    from .pipeline import Extractor, extract


def __getattr__(name: str):
    if name in ("Extractor", "extract"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("Document", "Entity", "Quantity", "Sentence"):
        from . import doc

        return getattr(doc, name)
    raise AttributeError(f"module 'newsfacts' has no attribute {name!r}")
