-- The schedule and date triggers of the published version of each automation. Contact changes
-- are routed to date triggers by field through this table; deactivating finds what to stop here.
create table active_triggers (
  id              text primary key,          -- <accountId>:<automationKey>:<triggerIndex>
  account_id      text not null,
  automation_key  text not null,
  trigger_index   integer not null,
  kind            text not null,             -- schedule | date
  version         integer not null,
  field           text                       -- a date trigger's contact path
);
create index active_triggers_automation on active_triggers (account_id, automation_key);
create index active_triggers_kind on active_triggers (account_id, kind);

-- Schedules and date arming page an account's contacts by id.
create index if not exists contacts_account_page on contacts (account_id, id);
