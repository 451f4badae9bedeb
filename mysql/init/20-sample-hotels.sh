#!/usr/bin/env bash
# Sourced by the image's entrypoint on first start. Sample hotels so that search
# shows something on a fresh stack; SEED_SAMPLE_DATA=false leaves the table empty.
if [[ "${SEED_SAMPLE_DATA:-true}" != "true" ]]; then
  echo "[init] SEED_SAMPLE_DATA=${SEED_SAMPLE_DATA}: no sample hotels"
  return 0 2>/dev/null || exit 0
fi

docker_process_sql --database="${MYSQL_DATABASE:-booking}" <<'SQL'
INSERT INTO hotels (name, city, stars, description) VALUES
  ('Harbour View Hotel', 'Lisbon', 4, 'Rooms over the Tagus, ten minutes from Alfama.'),
  ('Canal House', 'Amsterdam', 3, 'A narrow canal house with a garden and bicycles to borrow.'),
  ('Old Town Inn', 'Prague', 3, 'Quiet courtyard rooms near the Astronomical Clock.'),
  ('Seaside Grand', 'Barcelona', 5, 'Beachfront rooms with a rooftop pool.'),
  ('Alpine Lodge', 'Innsbruck', 4, 'Ski-in lodge with a sauna and mountain views.'),
  ('Garden Suites', 'Kyoto', 4, 'Suites around a moss garden, near the Philosopher''s Path.');
SQL
