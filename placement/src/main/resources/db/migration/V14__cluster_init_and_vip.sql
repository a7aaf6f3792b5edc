-- The control-plane microVM that runs kubeadm init: the cluster's first one, chosen when the cluster
-- is created and never written again (no update statement names this column), so a replacement of
-- that replica, which has another microVM id, joins like every other one.
alter table cluster add column init_microvm_id text;
-- Live clusters from before: their first control-plane microVM was always <cluster>-cp-0.
update cluster set init_microvm_id = cluster_id || '-cp-0' where status not in ('DELETED', 'FAILED');

-- A cluster's API virtual IP (kube-vip) is leased from the site's range in the same table as the
-- microVMs' addresses (ADR 0020), so the one primary key (site, address) still proves that no
-- address is held twice, microVM or VIP, whatever replica writes. A row holds exactly one of the two.
alter table microvm_address alter column microvm_id drop not null;
alter table microvm_address add column vip_cluster_id text unique;
alter table microvm_address add constraint microvm_address_one_holder
    check ((microvm_id is null) <> (vip_cluster_id is null));
