"""newsfacts: facts from Russian-language technology news.

    >>> from newsfacts import extract
    >>> doc = extract("Илон Маск купил 10 000 ускорителей H100.")

The heavy parts (natasha's model files, numpy) load lazily on first use, so
that ``import newsfacts`` and ``newsfacts --version`` stay fast.

Importing newsfacts sets one BLAS thread (``OPENBLAS_NUM_THREADS``,
``OMP_NUM_THREADS``, ``MKL_NUM_THREADS`` = 1) unless one of these is already
set: the NER model's matrices are small, and a second BLAS thread mostly
spins (the same work took 2.4 times as long). It only takes effect if numpy
has not been imported yet; set any of the three yourself to choose otherwise.
"""

import os
from typing import TYPE_CHECKING

__version__ = "0.1.0"

BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
if not any(name in os.environ for name in BLAS_THREAD_VARS):  # the user's own setting wins
    os.environ.update(dict.fromkeys(BLAS_THREAD_VARS, "1"))

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
