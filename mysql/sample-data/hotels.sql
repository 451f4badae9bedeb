-- Sample hotels, so search shows something on a fresh stack. db-setup loads this
-- once per database, in one transaction with its record in schema_migrations, and
-- only into a table that never held a row: a sample hotel you delete stays deleted.
-- SEED_SAMPLE_DATA=false in .env skips it.
INSERT INTO hotels (name, city, stars, description) VALUES
  ('Harbour View Hotel', 'Lisbon', 4, 'Rooms over the Tagus, ten minutes from Alfama.'),
  ('Canal House', 'Amsterdam', 3, 'A narrow canal house with a garden and bicycles to borrow.'),
  ('Old Town Inn', 'Prague', 3, 'Quiet courtyard rooms near the Astronomical Clock.'),
  ('Seaside Grand', 'Barcelona', 5, 'Beachfront rooms with a rooftop pool.'),
  ('Alpine Lodge', 'Innsbruck', 4, 'Ski-in lodge with a sauna and mountain views.'),
  ('Garden Suites', 'Kyoto', 4, 'Suites around a moss garden, near the Philosopher''s Path.');
