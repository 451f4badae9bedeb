-- The inventory service's schema (issue 20, the booking saga). Applied by db-setup
-- into the `inventory` database and recorded in its own schema_migrations. Like every
-- migration: re-runnable (IF NOT EXISTS), since MySQL runs DDL outside transactions and
-- a run cut short runs the file again. The outbox and inbox come before this, from
-- mysql/saga-messaging/migrations.

-- A hotel's kinds of room. hotel_id is the catalog's hotels.id, in another database:
-- no foreign key can reach it.
CREATE TABLE IF NOT EXISTS room_types (
  id                  BIGINT UNSIGNED   NOT NULL AUTO_INCREMENT,
  hotel_id            BIGINT UNSIGNED   NOT NULL,
  name                VARCHAR(100)      NOT NULL,
  capacity            TINYINT UNSIGNED  NOT NULL,
  room_count          SMALLINT UNSIGNED NOT NULL,
  nightly_price_minor INT UNSIGNED      NOT NULL,
  currency            CHAR(3)           NOT NULL,
  PRIMARY KEY (id),
  KEY room_types_hotel (hotel_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Rooms still free per room type and night. `available` is signed so that a
-- decrement below zero reaches the CHECK and is refused by the database (an unsigned
-- column would fail with an out-of-range error instead, or wrap in a non-strict mode):
-- no code path, however wrong, can sell a room that is not there. MySQL enforces CHECK
-- since 8.0.16, MariaDB since 10.2.1.
CREATE TABLE IF NOT EXISTS room_nights (
  room_type_id BIGINT UNSIGNED NOT NULL,
  night        DATE            NOT NULL,
  available    SMALLINT        NOT NULL,
  PRIMARY KEY (room_type_id, night),
  CONSTRAINT available_never_negative CHECK (available >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One hold per booking: the nights [check_in, check_out) of `rooms` rooms, taken from
-- room_nights when held and given back when released or expired.
CREATE TABLE IF NOT EXISTS holds (
  booking_id   CHAR(36)          NOT NULL,
  room_type_id BIGINT UNSIGNED   NOT NULL,
  check_in     DATE              NOT NULL,
  check_out    DATE              NOT NULL,
  rooms        SMALLINT UNSIGNED NOT NULL,
  state        ENUM('held', 'confirmed', 'released', 'expired') NOT NULL,
  expires_at   TIMESTAMP(3)      NOT NULL,
  updated_at   TIMESTAMP(3)      NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (booking_id),
  -- The expiry sweep: held rows past expires_at.
  KEY holds_expiry (state, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
