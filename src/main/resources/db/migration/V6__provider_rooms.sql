-- The vendor's room for each Tribune room (DESIGN.md decision 5): made when the room goes LIVE or at the first join,
-- kept so a restarted service reuses it, and forgotten when the vendor reports it closed (Twilio ends rooms left
-- empty), so the next join makes a new one. reported_at orders the vendor's room callbacks, which may come late.
CREATE TABLE provider_rooms (
    room_id          uuid        PRIMARY KEY REFERENCES rooms (id),
    provider         text        NOT NULL,
    provider_room_id text        NOT NULL,
    ensured_at       timestamptz NOT NULL,
    closed_at        timestamptz
);
