-- The ages the services prune by (services/kit/saga/message-retention.ts): each pass deletes
-- the oldest rows past their retention, a batch at a time, by created_at / handled_at. Without
-- these indexes every pass would scan the whole table.
-- Re-runnable: MySQL 8.4 has no CREATE INDEX IF NOT EXISTS (MariaDB has), so each index is
-- created only when information_schema does not list it yet.
SET @ddl = IF(
  (SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'outbox' AND index_name = 'outbox_created_at') = 0,
  'CREATE INDEX outbox_created_at ON outbox (created_at)',
  'DO 0');
PREPARE statement FROM @ddl;
EXECUTE statement;
DEALLOCATE PREPARE statement;

SET @ddl = IF(
  (SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'inbox' AND index_name = 'inbox_handled_at') = 0,
  'CREATE INDEX inbox_handled_at ON inbox (handled_at)',
  'DO 0');
PREPARE statement FROM @ddl;
EXECUTE statement;
DEALLOCATE PREPARE statement;
