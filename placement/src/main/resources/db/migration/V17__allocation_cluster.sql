-- The cluster each holder belongs to (ADR 0026): the owner itself for control planes and workers,
-- the cluster a network function runs in for its replicas. A bare-metal worker or an NF replica
-- makes its host a Kubernetes node of this cluster, and a host is a node of one cluster at most.
alter table allocation add column cluster_id text;
update allocation a set cluster_id = nf.cluster_id
  from network_function nf where a.kind = 'NF_REPLICA' and nf.nf_id = a.owner_id;
update allocation set cluster_id = owner_id where cluster_id is null;
alter table allocation alter column cluster_id set not null;
