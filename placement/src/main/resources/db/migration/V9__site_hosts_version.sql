-- A per-site counter of changes to what its host rows say (capacity, state, failure domain): with
-- plan_version (bumped with every change of the site's allocations) it identifies a site's working
-- state, so placement can keep that state in memory between batches and read two numbers instead
-- of every host and allocation of every site a batch touches (SiteStore). A trigger, not the
-- writers, bumps it: no writer of host rows, present or future, can forget to. Generation-only
-- updates (allocation claims) do not fire it; they come with a plan_version bump. Every writer of
-- host rows holds the site's row lock already (ADR 0011), so the trigger takes no new lock.
alter table site add column hosts_version bigint not null default 0;

create function bump_site_hosts_version() returns trigger language plpgsql as $$
begin
    update site set hosts_version = hosts_version + 1
     where site_id = case when tg_op = 'DELETE' then old.site_id else new.site_id end;
    return null;
end
$$;

create trigger host_inserted_or_deleted after insert or delete on host
    for each row execute function bump_site_hosts_version();

-- The columns SiteStore reads into a site's snapshot, except generation.
create trigger host_changed after update on host
    for each row when ((old.site_id, old.host_id, old.failure_domain, old.state, old.capabilities, old.numa_nodes,
                        old.reserved_cores, old.reserved_memory_mib, old.cpu_allocation_ratio, old.disk_gib)
                       is distinct from
                       (new.site_id, new.host_id, new.failure_domain, new.state, new.capabilities, new.numa_nodes,
                        new.reserved_cores, new.reserved_memory_mib, new.cpu_allocation_ratio, new.disk_gib))
    execute function bump_site_hosts_version();
