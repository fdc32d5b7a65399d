-- What a room's RTC provider must be brought to, written in the transaction of the change (DESIGN.md decision 5).
-- One row per participant (user_id) or per room (user_id = the nil uuid): a change bumps its version; the worker
-- reconciles the provider to the participant's or room's state as it is then, and deletes the row only if no newer
-- change arrived meanwhile. One instance at a time claims a row (claimed_until), so calls for one participant are
-- made one after another, each from the state read after claiming: the latest state always wins.
CREATE TABLE provider_outbox (
    room_id    uuid        NOT NULL REFERENCES rooms (id),
    user_id    uuid        NOT NULL,
    version    bigint      NOT NULL DEFAULT 1,
    due_at     timestamptz NOT NULL,
    attempts   integer     NOT NULL DEFAULT 0,
    last_error text,
    -- one instance at a time works on a row, so calls for one participant reach the provider in order
    claimed_until timestamptz,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX provider_outbox_due_idx ON provider_outbox (due_at);
