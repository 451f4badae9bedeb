-- The catalog schema. Applied by db-setup (services/db-setup) and recorded in
-- schema_migrations. MySQL runs DDL outside transactions, so a migration may be
-- interrupted after a statement and run again: every statement must be re-runnable
-- (IF NOT EXISTS), which also adopts databases created before migrations existed.
CREATE TABLE IF NOT EXISTS hotels (
  id          BIGINT UNSIGNED  NOT NULL AUTO_INCREMENT,
  name        VARCHAR(200)     NOT NULL,
  city        VARCHAR(100)     NOT NULL,
  stars       TINYINT UNSIGNED NOT NULL,
  description TEXT             NULL,
  -- Row version, bumped by the trigger below on every update by any writer. The
  -- search-indexer uses it as Elasticsearch's external version, so a replayed
  -- older change event can never overwrite a newer document.
  version     BIGINT UNSIGNED  NOT NULL DEFAULT 1,
  created_at  TIMESTAMP(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at  TIMESTAMP(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  KEY hotels_city (city)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- IF NOT EXISTS on triggers: MySQL 8.0.29+ and MariaDB 10.1.4+.
CREATE TRIGGER IF NOT EXISTS hotels_bump_version BEFORE UPDATE ON hotels
FOR EACH ROW SET NEW.version = OLD.version + 1;
