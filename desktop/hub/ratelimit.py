"""Per-sender rate limits: a token bucket per remote address, and per signer once it is known.

Each key (an address, or a site's key fingerprint) has a bucket of `burst` tokens that refills at
`rate` tokens a second; a request takes one, and a request finding the bucket empty is answered 429
with Retry-After (the seconds until a token is back). Memory is bounded: at most `max_keys`
buckets are kept, the least recently used dropped first - a dropped bucket comes back full, which
only ever errs towards letting a sender through, never towards refusing an honest one. A lock
makes it safe from the worker threads where a post's signer becomes known.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict


class TokenBuckets:
    def __init__(self, rate: float, burst: int, *, max_keys: int = 10_000, clock=time.monotonic):
        if rate <= 0 or burst < 1:
            raise ValueError("a rate limit needs a positive rate and a burst of at least 1")
        self.rate, self.burst, self.max_keys, self.clock = rate, burst, max_keys, clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()   # key -> (tokens, when)
        self._lock = threading.Lock()

    def take(self, key: str) -> int:
        """0 if `key` may go ahead (one token taken), else the whole seconds until it may."""
        with self._lock:
            now = self.clock()
            tokens, when = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.rate)
            wait = 0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = max(1, math.ceil((1 - tokens) / self.rate))
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return wait

    def __len__(self) -> int:
        return len(self._buckets)
