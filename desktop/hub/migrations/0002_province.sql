-- 0002: the province role. County bundles (kind county-province) are merged into the figures of
-- the four measures per county, month and township, and the keyed person hashes counties send,
-- from which one person registered in two counties is flagged (desktop/hub/province.py).

-- The name (not the key) of the person-matching key the province packs carry: a county bundle
-- hashed with another key is refused, since its hashes would match nothing.
ALTER TABLE hub ADD COLUMN match_key_id text CHECK (match_key_id ~ '^[0-9a-f]{16}$');
-- The province's name as the operator gave it (`export-pack --name`): the circular's title.
ALTER TABLE hub ADD COLUMN name text NOT NULL DEFAULT '';

-- One row per county that has sent a county bundle: its names and the newest bundle whose person
-- hashes are held (a newer bundle, by sequence, replaces them; a resend or an older one does not).
CREATE TABLE province_counties (
    county        text PRIMARY KEY CHECK (county ~ '^[0-9]{6}$'),
    name_zh       text NOT NULL,
    name_en       text NOT NULL,
    sequence      integer NOT NULL CHECK (sequence >= 1),
    bundle        text NOT NULL REFERENCES bundles (sha256),
    persons       bigint NOT NULL CHECK (persons >= 0),
    merged        timestamptz NOT NULL DEFAULT now()
);

-- Which bundle's figures hold for a county's month: the newest one that carried that month.
CREATE TABLE province_months (
    county        text NOT NULL REFERENCES province_counties (county),
    month         text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    sequence      integer NOT NULL CHECK (sequence >= 1),
    bundle        text NOT NULL REFERENCES bundles (sha256),
    built_at      text NOT NULL,
    PRIMARY KEY (county, month)
);

-- The month's figures of each township, as the county's own circular computed them.
CREATE TABLE province_figures (
    county            text NOT NULL,
    month             text NOT NULL,
    township          text NOT NULL CHECK (township ~ '^[0-9]{9,12}$'),
    name_zh           text NOT NULL,
    name_en           text NOT NULL,
    task              bigint NOT NULL,
    task_set_by_county boolean NOT NULL,
    present           bigint NOT NULL,
    villages          bigint NOT NULL,
    villages_covered  bigint NOT NULL,
    changes_in_month  bigint NOT NULL,
    feedback_received bigint,           -- null: the county's store has no cross-check data that month
    feedback_in_time  bigint,
    receipt_sent      bigint NOT NULL,
    receipt_imported  bigint NOT NULL,
    PRIMARY KEY (county, month, township),
    FOREIGN KEY (county, month) REFERENCES province_months (county, month) ON DELETE CASCADE
);

-- Every present person of every county, as HMAC-SHA256(matching key, ID number): 32 bytes, and the
-- township holding the record. Filled by COPY; a county's rows are replaced whole by a newer bundle.
CREATE TABLE province_persons (
    person        bytea NOT NULL CHECK (length(person) = 32),
    county        text NOT NULL REFERENCES province_counties (county),
    township      text NOT NULL
);
CREATE INDEX province_persons_person ON province_persons (person);
CREATE INDEX province_persons_county ON province_persons (county);

-- The same person registered in two counties: one row per pair of holders (county_a < county_b),
-- kept from when it was first seen until a newer bundle of either county no longer holds it.
CREATE TABLE province_duplicates (
    person        bytea NOT NULL,
    county_a      text NOT NULL,
    township_a    text NOT NULL,
    county_b      text NOT NULL,
    township_b    text NOT NULL,
    first_seen    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person, county_a, township_a, county_b, township_b),
    CHECK (county_a < county_b)
);
CREATE INDEX province_duplicates_b ON province_duplicates (county_b);
