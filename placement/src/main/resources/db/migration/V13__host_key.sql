-- The enrolled public key of each host agent (ADR 0022): a report carrying ce_sitehost is verified
-- with the key of that host of its site, never with the site's own key (which stays in site_key).
-- Enrolling the same host again replaces its row (rotation of that host's key only).
-- Not a reference to host: a host is enrolled before its agent first reports.
create table host_key (
    site_id        text        not null,
    host_id        text        not null,
    public_key_pem text        not null,
    enrolled_by    text,
    enrolled_at    timestamptz not null default now(),
    primary key (site_id, host_id)
);
