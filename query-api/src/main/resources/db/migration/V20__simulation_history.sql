-- Finished simulation and goal-seek runs (simulation-results), kept for the history list of
-- GET /api/fleet/simulations and GET /api/fleet/goal-seeks. Filled by query-api's relay from the
-- compacted simulation-results topic, upserted by run id, so the topic stays the source of truth.
CREATE TABLE simulation_history (
    id           text        PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('SIMULATION', 'GOAL_SEEK')),
    status       text        NOT NULL CHECK (status IN ('DONE', 'FAILED', 'CANCELLED')),
    request      jsonb       NOT NULL,
    result       text,
    error        text,
    requested_at timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL
);

CREATE INDEX simulation_history_kind_requested ON simulation_history (kind, requested_at DESC, id);
