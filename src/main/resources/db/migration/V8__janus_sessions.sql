-- The Janus adapter's relay records which Tribune user (in which room) created each Janus session, so that only
-- that user may use it, and so that any instance can destroy a removed user's sessions (provider-adapters/janus).
CREATE TABLE janus_sessions (
    session_id bigint      PRIMARY KEY,
    user_id    uuid        NOT NULL,
    room_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX janus_sessions_user ON janus_sessions (room_id, user_id);
