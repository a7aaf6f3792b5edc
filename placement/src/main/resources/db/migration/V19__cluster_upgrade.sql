-- A cluster's Kubernetes version upgrade (ADR 0030): one row per cluster, its latest roll. The roll
-- replaces the cluster's microVMs one at a time, make before break: a newcomer at to_version is added
-- (phase ADDING), and once the agent reported READY against a plan that carries it, the replica it
-- replaces is removed (phase REMOVING); then the next one. upgraded_holders are the allocation holders
-- placed at to_version: plans give them to_version and every other microVM of the cluster its
-- kubernetes_version, which becomes to_version when the roll is DONE.
create table cluster_upgrade (
    cluster_id         text primary key references cluster (cluster_id) on delete cascade,
    site_id            text not null,
    from_version       text not null,
    to_version         text not null,
    -- ROLLING, DONE or FAILED
    state              text not null,
    -- between steps null; ADDING or REMOVING during one
    phase              text,
    -- steps started so far, and how many the roll has: control-plane replicas first, then worker microVMs
    step_index         int not null default 0,
    control_plane_steps int not null,
    worker_steps       int not null,
    replaced_holder    text,
    new_holder         text,
    new_microvm_id     text,
    -- the site plan that first carries the step's change, and the newest plan a READY was reported for
    step_plan_version  bigint,
    ready_plan_version bigint,
    step_started_at    timestamptz,
    upgraded_holders   text[] not null default '{}',
    -- what the agent said last while the cluster was not READY, and a failure waiting to stop the roll
    last_report        text,
    failure            text,
    reason             text,
    requested_at       timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
-- The sweeper looks only at rolls that still move.
create index cluster_upgrade_rolling on cluster_upgrade (site_id) where state = 'ROLLING';
