-- The booking service's schema (issue 20, the booking saga). Applied by db-setup
-- into the `bookings` database and recorded in its own schema_migrations. Like every
-- migration: re-runnable (IF NOT EXISTS), since MySQL runs DDL outside transactions and
-- a run cut short runs the file again. The outbox and inbox come before this, from
-- mysql/saga-messaging/migrations.

-- The saga's state, a row per booking, updated with optimistic locking on `version`.
-- `number` and the PIN (stored only as a hash) are what the guest reads and cancels with.
CREATE TABLE IF NOT EXISTS bookings (
  id              CHAR(36)         NOT NULL,
  number          CHAR(10)         NOT NULL,
  pin_hash        VARCHAR(255)     NOT NULL,
  idempotency_key VARCHAR(64)      NOT NULL,
  request_hash    CHAR(64)         NOT NULL,
  hotel_id        BIGINT UNSIGNED  NOT NULL,
  room_type_id    BIGINT UNSIGNED  NOT NULL,
  check_in        DATE             NOT NULL,
  check_out       DATE             NOT NULL,
  guests          TINYINT UNSIGNED NOT NULL,
  guest_name      VARCHAR(200)     NOT NULL,
  guest_email     VARCHAR(254)     NOT NULL,
  total_minor     BIGINT UNSIGNED  NOT NULL,
  currency        CHAR(3)          NOT NULL,
  card_token      CHAR(36)         NOT NULL,
  state           VARCHAR(24)      NOT NULL,
  step            VARCHAR(24)      NOT NULL,
  reason          VARCHAR(32)      NULL,
  step_deadline   TIMESTAMP(3)     NULL,
  version         INT UNSIGNED     NOT NULL DEFAULT 0,
  created_at      TIMESTAMP(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at      TIMESTAMP(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY bookings_number (number),
  UNIQUE KEY bookings_idempotency_key (idempotency_key),
  -- The deadline sweep: sagas whose current step ran out of time.
  KEY bookings_step_deadline (step_deadline)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every step of a booking's saga, in order: its history for the guest and for audits.
CREATE TABLE IF NOT EXISTS booking_steps (
  booking_id  CHAR(36)     NOT NULL,
  seq         INT UNSIGNED NOT NULL,
  step        VARCHAR(24)  NOT NULL,
  outcome     VARCHAR(32)  NOT NULL,
  participant VARCHAR(16)  NOT NULL,
  at          TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (booking_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
