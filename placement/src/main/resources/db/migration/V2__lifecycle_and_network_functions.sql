-- Lifecycle, network functions and make-before-break moves.

-- A microVM's id is stored, not derived: a moved control plane gets a NEW id (a new incarnation),
-- so the old and the new one can both be in the plan until the new one runs (make-before-break).
alter table allocation add column microvm_id text;
update allocation set microvm_id = replace(holder_id, '/', '-') where kind in ('CONTROL_PLANE', 'WORKER_VM');
create unique index allocation_microvm on allocation (microvm_id);
-- The exact cores a network-function replica pins, chosen once when it is placed, so a later
-- plan never re-pins a running replica.
alter table allocation add column core_ids integer[] not null default '{}';
-- Failed-microVM retries: how many re-placements this holder had, and when the next may happen.
alter table allocation add column attempts integer not null default 0;
alter table allocation add column next_retry_at timestamptz;
alter table allocation add column failure_reason text;
create index allocation_retry on allocation (next_retry_at) where next_retry_at is not null;

-- When a heartbeat last listed the host: silent for too long means DOWN.
alter table host add column last_seen_at timestamptz;

create index cluster_expiry on cluster (expires_at) where expires_at is not null;

create table network_function (
    nf_id      text primary key,
    team       text not null,
    site_id    text not null,
    cluster_id text not null,
    kind       text not null,
    spec       jsonb not null,
    status     text not null,
    reason     text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index network_function_site on network_function (site_id);

-- The old side of a make-before-break move: still in the site's plan (it may still run) until its
-- replacement reports RUNNING. Holds no capacity in the ledger: the engine already released it.
create table retiring_microvm (
    microvm_id  text primary key,
    site_id     text not null,
    cluster_id  text not null,
    role        text not null,
    host_id     text not null,
    vcpu        integer not null,
    memory_mib  bigint not null,
    disk_gib    bigint not null,
    replaced_by text not null,
    created_at  timestamptz not null default now()
);
create index retiring_site on retiring_microvm (site_id);
create index retiring_replaced_by on retiring_microvm (replaced_by);

create sequence microvm_incarnation;

-- Headers and outcomes are stored as JSON text, not jsonb: jsonb refuses the \u0000 escape that a
-- hostile header may carry, and nothing queries inside them (text is also cheaper to write).
alter table outbox alter column headers type text;
alter table request alter column outcome type text;
-- A dead letter keeps the original key, whatever its bytes (text cannot hold a NUL).
alter table outbox alter column record_key type bytea using convert_to(record_key, 'UTF8');
