-- When every instance of the deployment was down and one came back: presence counts the grace of those who were
-- connected when it went down from this moment, so a restart shorter than tribune.presence.restart-grace ends no
-- room and demotes nobody. Written by the events module (InstanceLease) at start-up.
CREATE TABLE deployment_resumptions (
    resumed_at timestamptz PRIMARY KEY,
    -- when the last instance's lease ran out (or was given up) before the resumption
    down_since timestamptz NOT NULL
);
