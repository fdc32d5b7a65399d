-- Reports and accountable moderation (issue 14): staff ADMINs, room bans as an action, frozen evidence,
-- audit entries that know their duration and their reversal, appeals, and personal notices.

ALTER TABLE users DROP CONSTRAINT users_platform_role;
ALTER TABLE users ADD CONSTRAINT users_platform_role CHECK (platform_role IN ('USER', 'MODERATOR', 'ADMIN'));
CREATE INDEX users_staff_idx ON users (platform_role) WHERE platform_role <> 'USER';

ALTER TABLE reports DROP CONSTRAINT reports_action;
ALTER TABLE reports ADD CONSTRAINT reports_action CHECK (resolution_action IN
    ('DISMISS', 'WARN', 'REMOVE_FROM_ROOM', 'BAN_FROM_ROOM', 'BAN_FROM_CLUB', 'SUSPEND_ACCOUNT'));
-- frozen at filing and never updated, except erased (set to null) by the retention purge
ALTER TABLE reports ADD COLUMN evidence jsonb;
ALTER TABLE reports ADD COLUMN evidence_purged_at timestamptz;
ALTER TABLE reports ADD COLUMN resolution_duration_days integer;
-- the dedupe of a repeated report reads by reporter, person and room, newest first
CREATE INDEX reports_dedupe_idx ON reports (reporter_id, reported_user_id, room_id, created_at DESC);
CREATE INDEX reports_room_status_idx ON reports (room_id, status, created_at, id);

ALTER TABLE moderation_actions ADD COLUMN duration_days integer;
ALTER TABLE moderation_actions ADD COLUMN until timestamptz;
-- the entry that reversed this one (an overturned appeal, an unban); entries are otherwise never updated
ALTER TABLE moderation_actions ADD COLUMN reversed_by uuid REFERENCES moderation_actions (id);
ALTER TABLE moderation_actions ADD CONSTRAINT moderation_actions_duration CHECK (duration_days BETWEEN 1 AND 3650);
CREATE INDEX moderation_actions_actor_idx ON moderation_actions (actor_id, created_at DESC, id DESC);
CREATE INDEX moderation_actions_club_idx ON moderation_actions (club_id, created_at DESC, id DESC) WHERE club_id IS NOT NULL;

CREATE TABLE appeals (
    id         uuid PRIMARY KEY,
    audit_id   uuid        NOT NULL REFERENCES moderation_actions (id),
    user_id    uuid        NOT NULL REFERENCES users (id),
    text       text        NOT NULL,
    status     text        NOT NULL DEFAULT 'OPEN',
    created_at timestamptz NOT NULL,
    decided_at timestamptz,
    decided_by uuid REFERENCES users (id),
    decision   text,
    note       text,
    CONSTRAINT appeals_once_per_action UNIQUE (audit_id),
    CONSTRAINT appeals_status CHECK (status IN ('OPEN', 'DECIDED')),
    CONSTRAINT appeals_decision CHECK (decision IN ('UPHOLD', 'OVERTURN')),
    CONSTRAINT appeals_decided CHECK ((status = 'DECIDED') = (decided_at IS NOT NULL AND decision IS NOT NULL)),
    CONSTRAINT appeals_text_length CHECK (char_length(text) BETWEEN 1 AND 2000)
);
CREATE INDEX appeals_status_idx ON appeals (status, created_at, id);

-- personal notices, newest first per person
CREATE TABLE notices (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    kind       text        NOT NULL,
    data       jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);
CREATE INDEX notices_user_idx ON notices (user_id, created_at DESC, id DESC);

-- report.filed goes to the room's HOST and MODERATORs except the person reported, should they be one
ALTER TABLE room_events DROP CONSTRAINT room_events_audience;
ALTER TABLE room_events ADD CONSTRAINT room_events_audience CHECK (audience IN
    ('EVERYONE', 'STAFF', 'STAFF_AND_USERS', 'STAFF_EXCEPT_USERS', 'USERS', 'ROLE_AND_USERS'));
