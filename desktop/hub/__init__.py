"""The hub (`township hub`): a mailbox for signed bundles on PostgreSQL, served over HTTP (aiohttp).

A server-side package: only `township hub` imports it (desktop/cli/hub_cmd.py), never the desktop
app, and the frozen build leaves it out with its stack (build_scripts/trim.py). It needs the
`hub` extra: `pip install 'township-desk[hub]'` (docs/HUB.md).
"""
