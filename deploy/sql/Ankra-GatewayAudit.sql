-- Ankra Mesh gateway audit: one row per kubectl request through an edge (see README, "Gateway audit").
-- Idempotent: edges with Mesh:Audit:ConnectionString run it at start when the table is missing; apply it
-- yourself when the edge's database role has no CREATE right. The edge embeds this file and runs it as it is.
CREATE TABLE IF NOT EXISTS ankra_gateway_audit
(
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_time      timestamptz NOT NULL,
    ended_at        timestamptz NOT NULL,
    organisation_id text,
    cluster_id      text NOT NULL,
    user_id         text,
    user_email      text,
    grant_id        text,
    grant_role      text,
    verb            text NOT NULL,
    api_group       text NOT NULL,
    api_version     text NOT NULL,
    namespace       text NOT NULL,
    resource        text NOT NULL,
    subresource     text NOT NULL,
    name            text NOT NULL,
    path            text NOT NULL,
    user_agent      text,
    source_address  text,
    status_code     integer NOT NULL,
    bytes_in        bigint NOT NULL,
    bytes_out       bigint NOT NULL,
    duration_ms     double precision NOT NULL,
    request_id      text NOT NULL,
    command         text[],
    exit_code       integer
);

-- The read API pages one cluster's events newest first; retention deletes by time.
CREATE INDEX IF NOT EXISTS ankra_gateway_audit_cluster_time ON ankra_gateway_audit (cluster_id, event_time DESC);
CREATE INDEX IF NOT EXISTS ankra_gateway_audit_time ON ankra_gateway_audit (event_time);
