-- room.counts is published at most once a second per room, only when the counts changed since the last one
ALTER TABLE rooms ADD COLUMN published_participant_count integer NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN published_speaker_count integer NOT NULL DEFAULT 0;
CREATE INDEX rooms_counts_dirty_idx ON rooms (id)
    WHERE status = 'LIVE' AND (participant_count <> published_participant_count OR speaker_count <> published_speaker_count);

-- the presence sweeper reads present participants whose socket is gone, oldest first
CREATE INDEX participants_presence_idx ON participants (socket_seen_at) WHERE present AND socket_instance_id IS NULL;
