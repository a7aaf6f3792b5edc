-- The enrolled public key of each site (ADR 0007, 0010): placement accepts a site's reports only
-- when they are signed with this key. Enrolling the site again replaces the row (key rotation).
-- Not a reference to site: a site is enrolled before its agent first reports.
create table site_key (
    site_id        text primary key,
    public_key_pem text        not null,
    enrolled_by    text,
    enrolled_at    timestamptz not null default now()
);
