-- 0001: the hub's identity, its enrolled sites and the mailbox of bundles.
-- Released migrations are never edited: a change is a new numbered file.

CREATE TABLE hub (
    only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    province      text NOT NULL CHECK (province ~ '^[0-9]{2}$'),
    fingerprint   text NOT NULL,          -- SHA256:... of the hub's Ed25519 signing key
    signing_key   text NOT NULL,          -- its OpenSSH public line
    age_recipient text NOT NULL,
    created       timestamptz NOT NULL DEFAULT now()
);

-- Sites whose signatures the hub accepts: a county (from its county pack) or a township (from its
-- enrollment file). One active key per site; a replaced key stays, revoked.
CREATE TABLE sites (
    fingerprint   text PRIMARY KEY,
    code          text NOT NULL CHECK (code ~ '^[0-9]{6,12}$'),
    role          text NOT NULL CHECK (role IN ('county', 'township')),
    county        text NOT NULL CHECK (county ~ '^[0-9]{6}$'),
    signing_key   text NOT NULL,
    age_recipient text NOT NULL,
    name          text NOT NULL DEFAULT '',
    revoked       boolean NOT NULL DEFAULT false,
    enrolled      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sites_one_active_key ON sites (code) WHERE NOT revoked;

-- A bundle, keyed by its identity (the sha256 of its signed manifest.json, as the desktop names
-- bundles): a resend, even with a re-wrapped signature, is the same row.
CREATE TABLE bundles (
    id            bigserial UNIQUE NOT NULL,  -- arrival order: what a recipient pages by
    sha256        text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    file_sha256   text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    length        bigint NOT NULL CHECK (length >= 0),
    kind          text NOT NULL,
    sender        text NOT NULL,
    recipient     text NOT NULL,
    county        text NOT NULL,
    township      text NOT NULL,
    sequence      integer NOT NULL,
    signer        text NOT NULL REFERENCES sites (fingerprint),
    file_name     text NOT NULL,
    received      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bundles_for_recipient ON bundles (recipient, id);

-- The bytes, in 1 MiB pieces: streamed in by COPY and out piece by piece, so neither memory nor
-- bytea's 1 GB limit bounds a bundle (a bundle may be 2 GiB).
CREATE TABLE bundle_pieces (
    bundle        text NOT NULL REFERENCES bundles (sha256) ON DELETE CASCADE,
    n             integer NOT NULL CHECK (n >= 0),
    data          bytea NOT NULL,
    PRIMARY KEY (bundle, n)
);
