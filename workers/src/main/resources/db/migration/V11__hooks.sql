-- Inbound webhooks: a secret id per hook, resolving to its account.
create table hooks (
  hook_id     text primary key,
  account_id  text not null references accounts (id),
  name        text not null,
  created_at  timestamptz not null default now()
);
create index hooks_account on hooks (account_id);
