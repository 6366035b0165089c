"""A dict that forgets its oldest entries: caches keyed by caller input stay bounded.

A kit caches per locale spelling and per (locale, time zone); both keys come
from customer data, so a long-running service fed odd spellings must not grow
without limit. Reads are plain ``dict`` reads, so a hit costs nothing extra.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(dict[K, V], Generic[K, V]):
    """A ``dict`` of at most ``maxsize`` entries; adding one more drops the oldest.

    >>> cache: BoundedCache[str, int] = BoundedCache(2)
    >>> cache["a"], cache["b"], cache["c"] = 1, 2, 3
    >>> sorted(cache)
    ['b', 'c']
    """

    __slots__ = ("maxsize",)

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError(f"maxsize must be at least 1, not {maxsize}")
        super().__init__()
        self.maxsize = maxsize

    def __setitem__(self, key: K, value: V) -> None:
        while len(self) >= self.maxsize and key not in self:
            try:
                del self[next(iter(self))]
            except (KeyError, RuntimeError, StopIteration):
                break  # another thread changed the dict first; it stays roughly bounded
        super().__setitem__(key, value)
