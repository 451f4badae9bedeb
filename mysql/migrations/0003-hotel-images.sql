-- Hotel images (issue 22): the content hashes of a hotel's images, in upload order, as
-- a JSON array (the image service appends; the catalog's triggers raise the row's version,
-- so the change reaches search through CDC like any edit). NULL: no images yet.
-- MySQL 8.4 has no ADD COLUMN IF NOT EXISTS (MariaDB has): the column is added only when
-- information_schema lacks it, so the migration can run again after an interruption.
SET @hotel_images_ddl = (
  SELECT IF(COUNT(*) = 0, 'ALTER TABLE hotels ADD COLUMN images JSON NULL AFTER description', 'DO 0')
  FROM information_schema.columns
  WHERE table_schema = DATABASE() AND table_name = 'hotels' AND column_name = 'images'
);
PREPARE hotel_images_ddl FROM @hotel_images_ddl;
EXECUTE hotel_images_ddl;
DEALLOCATE PREPARE hotel_images_ddl;
