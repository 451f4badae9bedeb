-- The saga's messaging tables, the same in every service database (inventory,
-- payments, bookings): db-setup applies this folder's migrations to each of them before
-- the database's own (mysql/<database>/migrations), and records them in that
-- database's schema_migrations. One definition, because Debezium's outbox event router
-- reads exactly these columns in all three. Re-runnable like every migration.

-- The transactional outbox: written in the same transaction as the effect, read by
-- Debezium's outbox event router, which routes a row by aggregatetype to the topic
-- saga.<engine>.<aggregatetype>, keyed by aggregateid (always the booking id).
CREATE TABLE IF NOT EXISTS outbox (
  id            CHAR(36)     NOT NULL,
  aggregatetype VARCHAR(64)  NOT NULL,
  aggregateid   VARCHAR(64)  NOT NULL,
  type          VARCHAR(64)  NOT NULL,
  payload       JSON         NOT NULL,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The ids of the messages already handled, written in the same transaction as their
-- effect: a redelivered message finds its id here and changes nothing.
CREATE TABLE IF NOT EXISTS inbox (
  message_id CHAR(36)     NOT NULL,
  handled_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (message_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
