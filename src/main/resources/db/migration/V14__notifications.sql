-- Notifications (issue 17): idempotent notices, broadcasts to large audiences, the push outbox, push settings.
-- All written by notifications.

-- a cause tells a person once: a retried or repeated cause (the same room going live) finds its notice there
ALTER TABLE notices ADD COLUMN dedupe_key text;
CREATE UNIQUE INDEX notices_dedupe_key ON notices (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

-- "tell everyone who follows X": written in the cause's transaction as one row, expanded to notices afterwards in
-- chunks of recipients in user id order; next_user_id is where the next chunk starts, moved in the chunk's own
-- transaction, so an expansion interrupted anywhere carries on without telling anyone twice
CREATE TABLE notice_broadcasts (
    broadcast_key text PRIMARY KEY,
    kind          text        NOT NULL,
    data          jsonb       NOT NULL,
    audience      text        NOT NULL,
    subject_id    uuid        NOT NULL,
    excluding     uuid[]      NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL,
    after_user_id uuid,
    told          integer     NOT NULL DEFAULT 0,
    done_at       timestamptz,
    CONSTRAINT notice_broadcasts_audience CHECK (audience IN ('FOLLOWERS_OF', 'CLUB_PEOPLE', 'REMINDED_OF', 'ROOM_ANNOUNCED'))
);
CREATE INDEX notice_broadcasts_pending_idx ON notice_broadcasts (created_at) WHERE done_at IS NULL;

-- one row per notice to push, written in the notice's transaction; deleted once every device of the person has it
-- (or is gone). A dispatcher claims due rows (SKIP LOCKED, claimed_until: a crashed one's claim runs out);
-- delivered_device_ids keeps a retry from sending again to the devices that already have it
CREATE TABLE push_outbox (
    notice_id            uuid PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
    user_id              uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    due_at               timestamptz NOT NULL,
    attempts             integer     NOT NULL DEFAULT 0,
    claimed_until        timestamptz,
    delivered_device_ids uuid[]      NOT NULL DEFAULT '{}',
    last_error           text
);
CREATE INDEX push_outbox_due_idx ON push_outbox (due_at);

-- which kinds are also pushed; no row means every kind is
CREATE TABLE notification_settings (
    user_id           uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    room_live         boolean     NOT NULL,
    room_starting     boolean     NOT NULL,
    followed_speaking boolean     NOT NULL,
    moderation        boolean     NOT NULL,
    updated_at        timestamptz NOT NULL
);
