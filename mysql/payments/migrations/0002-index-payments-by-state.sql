-- The slow test card's sweep (services/payment/slow-authorizations.ts, payment-store.ts) asks
-- every few seconds for the payments still `authorizing` past a time, oldest first:
-- WHERE state = 'authorizing' AND updated_at < ? ORDER BY updated_at. The table had only its
-- primary key (booking_id), so each pass scanned every payment ever made.
-- Re-runnable: MySQL 8.4 has no CREATE INDEX IF NOT EXISTS (MariaDB has), so the index is
-- created only when information_schema does not list it yet.
SET @ddl = IF(
  (SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'payments' AND index_name = 'payments_by_state') = 0,
  'CREATE INDEX payments_by_state ON payments (state, updated_at)',
  'DO 0');
PREPARE statement FROM @ddl;
EXECUTE statement;
DEALLOCATE PREPARE statement;
