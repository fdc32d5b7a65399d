-- ws tickets are signed now; the table keeps only the ids of spent ones until they expire. Unlogged: it is written
-- once per socket opened, and losing its last 30 seconds in a crash only lets an already issued ticket be used once more.
DELETE FROM ws_tickets;
ALTER TABLE ws_tickets SET UNLOGGED;
COMMENT ON TABLE ws_tickets IS 'ids (SHA-256) of spent /ws tickets, kept until the ticket would have expired';
