-- Mesh signalling between instances rides NOTIFY, whose payload stops at 8,000 bytes; an SDP can be larger. Those
-- are written here and the NOTIFY carries only the row's id. Rows are read by every instance that hears the ring
-- and deleted after a minute (a signal older than that is useless: the browser has restarted ICE).
CREATE TABLE signal_spill (
    id         uuid        PRIMARY KEY,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signal_spill_created_idx ON signal_spill (created_at);
