-- The payment service's schema (issue 20, the booking saga). Applied by db-setup
-- into the `payments` database and recorded in its own schema_migrations. Like every
-- migration: re-runnable (IF NOT EXISTS), since MySQL runs DDL outside transactions and
-- a run cut short runs the file again. The outbox and inbox come before this, from
-- mysql/saga-messaging/migrations.

-- A tokenized test card: only what a receipt shows. The full number never reaches a
-- table, a log or a topic; `behaviour` is the fake provider's test-card rule.
CREATE TABLE IF NOT EXISTS card_tokens (
  token      CHAR(36)     NOT NULL,
  brand      VARCHAR(16)  NOT NULL,
  last4      CHAR(4)      NOT NULL,
  behaviour  ENUM('succeed', 'decline', 'slow') NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (token)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One payment per booking, through authorize -> capture, or void / refund.
CREATE TABLE IF NOT EXISTS payments (
  booking_id     CHAR(36)        NOT NULL,
  card_token     CHAR(36)        NOT NULL,
  amount_minor   BIGINT UNSIGNED NOT NULL,
  currency       CHAR(3)         NOT NULL,
  state          ENUM('authorizing', 'authorized', 'declined', 'captured', 'voided', 'refunded') NOT NULL,
  captured_minor BIGINT UNSIGNED NOT NULL DEFAULT 0,
  updated_at     TIMESTAMP(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (booking_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
