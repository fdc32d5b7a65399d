-- People (issue 15): profiles with a bio, following people, and reminders of scheduled rooms.

ALTER TABLE users ADD COLUMN bio text;
ALTER TABLE users ADD CONSTRAINT users_bio_length CHECK (char_length(bio) BETWEEN 1 AND 300);

-- who follows whom; written by accounts (dev.tribune.accounts.Follows)
CREATE TABLE user_follows (
    follower_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followed_at timestamptz NOT NULL,
    PRIMARY KEY (follower_id, followee_id),
    CONSTRAINT user_follows_not_self CHECK (follower_id <> followee_id)
);
-- a profile counts its followers
CREATE INDEX user_follows_followee_idx ON user_follows (followee_id, follower_id);

-- "remind me when this SCHEDULED room starts"; written by rooms (dev.tribune.rooms.Reminders), told in issue 17
CREATE TABLE room_reminders (
    room_id    uuid        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_reminders_user_idx ON room_reminders (user_id);
