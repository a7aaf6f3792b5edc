-- The site plan version that first carries a cluster's latest control-plane change, written in the
-- transaction that publishes that plan. A READY the agent measured against an older plan counts the
-- replicas from before the scale, so it does not end SCALING; one from this plan or a later one does.
-- Null (clusters never scaled, or scaled before this column): a READY ends SCALING as before.
alter table cluster add column scaling_plan_version bigint;
