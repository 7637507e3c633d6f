"""Sync by USB stick: per-install keys, SSHSIG signatures, the strict bundle container and format.

`keys` (who we are), `sshsig` (signatures ssh-keygen checks), `container` (a zip read strictly in
memory), `bundle` (signed manifest + age-encrypted payload, written atomically). docs/SYNC.md
describes the format and how to check a bundle with stock tools.
"""
