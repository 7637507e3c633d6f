"""Who is asking: the site's signed request header checked against its enrolled key, replays refused.

Listing and fetching bundles are for the site they are addressed to. The header
(desktop/core/sync/hub_auth.py) names the site, a time and a nonce, signed with the site's own
key; the hub checks the signature against the key it enrolled for that site, that the time is
within `skew` seconds of its clock, and that it has not seen the (site, nonce) before.

Nonces are remembered for twice the skew window after they arrive (a header's time can be up to
`skew` ahead of the hub's clock, then is good for `skew` more), so expiry follows arrival order
and the oldest are dropped from the front. The memory is bounded: when `max_nonces` are held
(rate limits keep honest traffic far below it) new requests are refused as busy rather than
forgetting a nonce early, which would let a replay through.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from desktop.core.i18n import Text
from desktop.core.sync import hub_auth


class NonceMemory:
    def __init__(self, skew: int, *, max_nonces: int = 100_000, clock=time.monotonic):
        self.keep, self.max_nonces, self.clock = 2 * skew, max_nonces, clock
        self._seen: OrderedDict[tuple[str, str], float] = OrderedDict()   # (site, nonce) -> forget after
        self._lock = threading.Lock()

    def first_time(self, site: str, nonce: str) -> None:
        """Remember (site, nonce); AuthError `replayed` if it was seen within the window."""
        with self._lock:
            now = self.clock()
            while self._seen and next(iter(self._seen.values())) <= now:
                self._seen.popitem(last=False)
            if (site, nonce) in self._seen:
                raise hub_auth.AuthError(Text("this request was already received (replayed?); refused",
                                              "此请求已收到过（被重放？），已拒绝"), code="replayed")
            if len(self._seen) >= self.max_nonces:
                raise hub_auth.AuthError(Text("the hub is too busy to check this request; try again later",
                                              "中心繁忙，无法核对此请求，请稍后再试"), code="busy")
            self._seen[(site, nonce)] = now + self.keep

    def __len__(self) -> int:
        return len(self._seen)


def authenticate(header: str | None, method: str, target: str, enrolled, memory: NonceMemory, *,
                 skew: int, now: float | None = None) -> str:
    """The site code the request proves it comes from. `enrolled(code)` gives the fingerprint of the
    site's active key, or None. AuthError (or the signature's SignatureError) otherwise."""
    claim = hub_auth.parse_header(header)
    expected = enrolled(claim.site)
    if expected is None:
        raise hub_auth.AuthError(Text(f"site {claim.site} is not enrolled at this hub",
                                      f"站点 {claim.site} 未在本中心登记"), code="unknown-site")
    hub_auth.verify_claim(claim, method, target, expected, now=time.time() if now is None else now, skew=skew)
    memory.first_time(claim.site, claim.nonce)   # only a verified claim takes room in the memory
    return claim.site
