-- Every message an action produced: sent, captured (kept here, not sent: no provider
-- configured), suppressed (DND, no address) or failed. One row per idempotency key, so a
-- retried action finds what its first attempt wrote; a queued row is one whose delivery is
-- still to be done after the commit that recorded it.
create table messages (
  id               text primary key,
  account_id       text not null references accounts (id),
  contact_id       text,
  workflow_id      text,
  step_id          text,
  idempotency_key  text not null unique,
  channel          text not null check (channel in ('email', 'sms', 'whatsapp', 'slack', 'in_app')),
  to_address       text,
  from_address     text,
  reply_to         text,
  subject          text,
  body             text,
  text_body        text,
  status           text not null check (status in ('captured', 'queued', 'sent', 'suppressed', 'failed')),
  reason           text,
  created_at       timestamptz not null default now(),
  sent_at          timestamptz
);
create index messages_contact on messages (account_id, contact_id, created_at desc);
