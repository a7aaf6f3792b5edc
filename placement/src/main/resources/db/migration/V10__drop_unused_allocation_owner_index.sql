-- No query looks allocations up by owner: clusters' and network functions' allocations are found
-- through the site's state (SiteStore) and by holder or microVM id. The index only cost every
-- allocation insert of the request path an extra index entry and its WAL.
drop index if exists allocation_owner;
