-- Host agents (ADR 0019): a heartbeat with a hostId speaks for that host only. Such a host's
-- liveness is its own last_seen_at (never its site's last heartbeat), and what its rows hold is
-- recorded per host: the hash of the inventory written and the agent's digest of it, for light
-- heartbeats. Site-wide agents keep using the site row's hash and digest (host_agent false).
alter table host add column host_agent boolean not null default false;
alter table host add column agent_inventory_hash text;
alter table host add column agent_inventory_digest text;

-- The host named in the site's last plan to run the site-level steps (null: none, a site-wide
-- agent runs them); the sweep publishes a new plan when the choice differs from it.
alter table site add column site_steps_host_id text;
-- The site's management network from the latest heartbeat that carried one (ADR 0020).
alter table site add column network jsonb;

-- The address plan (ADR 0020): one row per live microVM with a management address. The primary
-- key is the proof that no address is held by two live microVMs of a site, whatever replica
-- writes; a row goes when its microVM is neither allocated nor retiring any more.
create table microvm_address (
    site_id    text   not null,
    ip_address bigint not null,
    microvm_id text   not null unique,
    primary key (site_id, ip_address)
);
