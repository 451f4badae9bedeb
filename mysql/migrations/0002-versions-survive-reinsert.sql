-- Versions that only ever increase per id, whatever writer inserted the row (issue 9).
--
-- The search-indexer writes `version` as Elasticsearch's external version and a
-- delete as version + 1 (services/search-indexer/bulk-plan.ts); Elasticsearch keeps
-- that tombstone for index.gc_deletes (60 s) and refuses any write at or below it.
-- With `version` starting at 1 on every INSERT, a DELETE then INSERT of the same id,
-- or a REPLACE INTO (a delete and an insert), lost to the tombstone or to the old
-- document and was dropped as stale: the row never reached search.
--
-- Invariant: a row inserted with id N gets a version greater than any version
-- Elasticsearch can hold for N, that is greater than
--   * a live row's version + 1 (REPLACE INTO deletes it first: its tombstone), and
--   * every earlier deleted row's version + 1 (its tombstone), kept here per id.
-- Set by the database in triggers, so it holds for every writer (the API, a
-- restore, a fixture reload, root at a prompt). An explicit `version` in an
-- INSERT is overridden for the same reason.
--
-- One statement per trigger, no BEGIN ... END: db-setup sends a migration file as
-- one multi-statement query, with no DELIMITER (a client-side command).
-- Re-runnable like every migration: IF NOT EXISTS, DROP TRIGGER IF EXISTS then CREATE.

-- The highest tombstone version per deleted id. One small row per id ever
-- deleted; it only grows (GREATEST), so it never lowers what an insert must beat.
CREATE TABLE IF NOT EXISTS hotel_version_floor (
  id      BIGINT UNSIGNED NOT NULL,
  version BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

DROP TRIGGER IF EXISTS hotels_record_version_floor;
CREATE TRIGGER hotels_record_version_floor AFTER DELETE ON hotels
FOR EACH ROW
  INSERT INTO hotel_version_floor (id, version) VALUES (OLD.id, OLD.version + 1)
  ON DUPLICATE KEY UPDATE version = GREATEST(hotel_version_floor.version, OLD.version + 1);

-- An AUTO_INCREMENT id (NEW.id is 0 here) matches neither lookup: version 1.
DROP TRIGGER IF EXISTS hotels_version_above_floor;
CREATE TRIGGER hotels_version_above_floor BEFORE INSERT ON hotels
FOR EACH ROW SET NEW.version = 1 + GREATEST(
  COALESCE((SELECT live.version + 1 FROM hotels AS live WHERE live.id = NEW.id), 0),
  COALESCE((SELECT seen.version FROM hotel_version_floor AS seen WHERE seen.id = NEW.id), 0)
);
