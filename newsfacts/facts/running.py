"""The best entity named before an offset, in time linear over a document.

"The company the text is most about so far" is asked at many offsets of one
document; a scan back from each would make a long document quadratic.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

from ..doc import Entity


class RunningBest:
    """max(key(n, e)) over the entities that fit and end at or before an offset.

    `entities` are in text order (by start). Every entity starting more than the
    longest entity's length before an offset has ended by then, so the best of
    those is a running maximum computed once; only the few entities near the
    offset are checked one by one. Ties go to the later entity when the key
    ends with its index, as keys here do.
    """

    def __init__(self, entities: Sequence[Entity], starts: Sequence[int], fits: Callable[[Entity], bool],
                 key: Callable[[int, Entity], Any]) -> None:
        self.entities, self.starts, self.fits, self.key = entities, starts, fits, key
        self.longest = max((e.stop - e.start for e in entities), default=0)
        self._running: list[tuple[Any, Entity] | None] | None = None  # [k]: best among entities[:k]

    def _prefix(self) -> list[tuple[Any, Entity] | None]:
        running: list[tuple[Any, Entity] | None] = [None]
        best = None
        for n, e in enumerate(self.entities):
            if self.fits(e):
                k = self.key(n, e)
                if best is None or k > best[0]:
                    best = (k, e)
            running.append(best)
        return running

    def before(self, offset: int) -> Entity | None:
        if self._running is None:
            self._running = self._prefix()
        # entities start in text order: one starting at or after `offset` cannot end before it
        hi = bisect_left(self.starts, offset)
        lo = min(bisect_left(self.starts, offset - self.longest), hi)
        best = self._running[lo]
        for n in range(lo, hi):
            e = self.entities[n]
            if e.stop > offset or not self.fits(e):
                continue
            k = self.key(n, e)
            if best is None or k > best[0]:
                best = (k, e)
        return best[1] if best else None
