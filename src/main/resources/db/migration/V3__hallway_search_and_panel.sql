-- The hallway, search and room detail (issue 3).

-- Search vectors now include the club's and the topic's names, which a generated column cannot read from other
-- tables, so the service writes them (dev.tribune.rooms / dev.tribune.clubs) with the row.
ALTER TABLE rooms DROP COLUMN search_vector;
ALTER TABLE rooms ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX rooms_search_idx ON rooms USING gin (search_vector) WHERE status IN ('LIVE', 'SCHEDULED');

ALTER TABLE clubs DROP COLUMN search_vector;
ALTER TABLE clubs ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX clubs_search_idx ON clubs USING gin (search_vector);

-- present AUDIENCE members, kept beside participant_count and speaker_count for room detail
ALTER TABLE rooms ADD COLUMN audience_count integer NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD CONSTRAINT rooms_audience_count CHECK (audience_count >= 0);

-- the stage: HOST, MODERATORs and SPEAKERs who have not left, longest-serving first
CREATE INDEX participants_panel_idx ON participants (room_id, role_since, user_id) WHERE role <> 'AUDIENCE' AND left_at IS NULL;
-- the audience list, paged by arrival
CREATE INDEX participants_audience_idx ON participants (room_id, joined_at, user_id) WHERE present AND role = 'AUDIENCE';

-- the following feed reads each followed club's live rooms newest first
CREATE INDEX rooms_live_club_idx ON rooms (club_id, started_at DESC, id DESC) WHERE status = 'LIVE';
CREATE INDEX rooms_scheduled_club_idx ON rooms (club_id, scheduled_for, id) WHERE status = 'SCHEDULED';
-- the following feed's club-less PUBLIC rooms
CREATE INDEX rooms_live_clubless_idx ON rooms (started_at DESC, id DESC) WHERE status = 'LIVE' AND club_id IS NULL AND visibility = 'PUBLIC';

-- clubs for discovery, newest first
CREATE INDEX clubs_newest_idx ON clubs (id DESC);

-- One definition of what search reads in a room and a club: name first, then description, then the club's and
-- the topic's names. Whoever writes a room or club row computes its vector with these.
CREATE FUNCTION room_search_vector(name text, description text, club_words text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(to_tsvector('english', coalesce(name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(description, '')), 'B')
        || setweight(to_tsvector('english', coalesce(club_words, '')), 'C');

CREATE FUNCTION club_search_vector(name text, description text, topic text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(to_tsvector('english', coalesce(name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(description, '')), 'B')
        || setweight(to_tsvector('english', coalesce(topic, '')), 'C');

-- What a person typed, as a tsquery: every word must match, each either as an English stem or as the start of a
-- word. Both, because a stemmed prefix misses ("technolo" stems fine, but "happ" -> "happ" while "happy" is
-- stored as "happi") and an unstemmed whole word misses its stored stem ("technology" is stored as "technolog").
-- Words reach here as letters and digits only (dev.tribune.shared.SearchTerms).
CREATE FUNCTION search_query(words text[]) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    word text;
    result tsquery;
    term tsquery;
BEGIN
    FOREACH word IN ARRAY words LOOP
        term := to_tsquery('english', word || ':*') || to_tsquery('simple', word || ':*');
        result := CASE WHEN result IS NULL THEN term ELSE result && term END;
    END LOOP;
    RETURN result;
END
$$;
