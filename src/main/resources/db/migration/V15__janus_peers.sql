-- Which PeerConnections Janus reported up (its event handler's "webrtcup"), per handle of a session the relay
-- recorded: a participant is connected at Janus while any of theirs is up (a listener has one per speaker), so a
-- "hangup" reports them gone only when it was their last (provider-adapters/janus, JanusEvents).
CREATE TABLE janus_peers (
    handle_id  bigint      PRIMARY KEY,
    session_id bigint      NOT NULL REFERENCES janus_sessions (session_id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL,
    room_id    uuid        NOT NULL,
    up_at      timestamptz NOT NULL
);
CREATE INDEX janus_peers_user ON janus_peers (room_id, user_id);
CREATE INDEX janus_peers_session ON janus_peers (session_id);
