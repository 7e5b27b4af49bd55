-- Messages answer back (channels.md): an email may bounce, an SMS be delivered.
alter table messages drop constraint messages_status_check;
alter table messages add constraint messages_status_check
  check (status in ('captured', 'queued', 'sent', 'delivered', 'suppressed', 'bounced', 'failed'));

-- The key that signs tracking links when AUTOMAP_TRACKING_SECRET is not set: made once, kept.
create table tracking_secrets (
  id          text primary key,
  secret      text not null,
  created_at  timestamptz not null default now()
);

-- An email to a contact that carries tracking: its unsubscribe link (also its List-Unsubscribe
-- header), whether opens and clicks are tracked, and when it was last seen opened (repeated opens
-- within a minute raise one email.opened).
create table message_tracking (
  message_id       text primary key references messages (id) on delete cascade,
  unsubscribe_url  text not null,
  tracked          boolean not null,
  last_open_at     timestamptz
);
