-- 0004: cross-county cross-checks (desktop/hub/routing.py). A county's bundle for the province
-- carries the cross-check items it cannot route inside the county; the hub routes each once - a
-- request to the county and township holding the person, a receipt or answer to the county of the
-- township it is for - in bundles of its own (kind province-return) signed by the hub's key, so
-- a bundle's signer is no longer always an enrolled site.

ALTER TABLE bundles DROP CONSTRAINT bundles_signer_fkey;

-- One row per item a county sent the province, by the item's id: a resend, or the same item in a
-- later bundle, is routed once. `item` holds the item to send down only while it waits (the person
-- not found yet in a county that has not reported, or a county not enrolled here): it is cleared
-- once a bundle carries it, so the hub keeps no name or ID number beyond the relay.
CREATE TABLE province_routes (
    id            text PRIMARY KEY,
    type          text NOT NULL,
    from_county   text NOT NULL CHECK (from_county ~ '^[0-9]{6}$'),
    named_county  text NOT NULL CHECK (named_county ~ '^[0-9]{6}$'),   -- the county the item is addressed to
    to_county     text CHECK (to_county ~ '^[0-9]{6}$'),               -- where it goes (null: not found yet)
    to_site       text CHECK (to_site ~ '^[0-9]{6,12}$'),
    person        bytea CHECK (length(person) = 32),                   -- a request's keyed hash of the ID
    answered      text CHECK (answered IN ('unknown')),                -- the hub answered it itself
    item          jsonb,                                               -- the item to send, while it waits
    bundle        text REFERENCES bundles (sha256),                    -- the bundle that carried it down
    received      timestamptz NOT NULL DEFAULT now(),
    routed        timestamptz
);
CREATE INDEX province_routes_waiting ON province_routes (to_county) WHERE bundle IS NULL;
