-- Messages answer back: a provider's delivery report or a bounce changes a message's status,
-- and the provider's own id of a message (Twilio's MessageSid) names it in those reports.
alter table messages drop constraint if exists messages_status_check;
alter table messages add constraint messages_status_check
  check (status in ('captured', 'queued', 'sent', 'delivered', 'suppressed', 'bounced', 'failed'));
alter table messages add column provider_id text;
create unique index messages_provider_id on messages (provider_id) where provider_id is not null;
-- the latest message to a number (a reply belongs to it), a user's in-app notifications, and the
-- messages a frequency cap counts
create index messages_to_address on messages (account_id, channel, to_address, created_at desc);

-- What the account sets once for every map: frequency caps per channel, default quiet hours,
-- the sender address.
create table account_settings (
  account_id  text primary key references accounts (id),
  settings    jsonb not null default '{}',
  updated_at  timestamptz not null default now()
);
