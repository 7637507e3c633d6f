-- 0003: the posts the hub refused, for the operator page (a bounded record: desktop/hub/refusals.py
-- keeps the newest and deletes the rest). No content of a refused post is kept: only when, from
-- which address, why, and the sender its manifest claimed when it could be read.

CREATE TABLE refusals (
    id            bigserial PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT now(),
    address       text NOT NULL,
    code          text NOT NULL,
    status        integer NOT NULL,
    length        bigint NOT NULL DEFAULT 0
);
CREATE INDEX refusals_at ON refusals (at);
