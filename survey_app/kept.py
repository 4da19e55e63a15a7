"""A small per-process memory of things that are costly to make and never change under their key
(parsed questionnaires, parsed reports, rendered report pages): the most recently used are kept."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Kept(Generic[Value]):
    """At most `size` values by key, the least recently used forgotten first. Safe across threads; two
    threads missing the same key at once both make it, and one of the two is kept."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Value]) -> Value:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value


def kept_by_app(name: str, size: int) -> Kept:
    """This app's own memory called `name` (two apps in one process, as in the tests, never share one)."""
    from flask import current_app

    memories = current_app.extensions.setdefault("voices_kept", {})
    if name not in memories:
        memories[name] = Kept(size)
    return memories[name]
