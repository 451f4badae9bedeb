/**
 * The catalog's sample hotels, read from mysql/sample-data/hotels.sql, which writes one
 * hotel per line of its INSERT: `  ('Name', 'City', stars, 'Description'),`. db-setup loads
 * that file only into a table that never held a row, so the hotels are ids 1..N in file
 * order. Pure: db-setup (room inventory), the image service (sample photos) and the
 * benches read the file themselves and pass its text.
 */
export interface SampleHotel {
  id: number;
  name: string;
  city: string;
}

export function sampleHotelsOfSql(sql: string): SampleHotel[] {
  const unquote = (text: string) => text.replace(/''/g, "'");
  return [...sql.matchAll(/^\s*\(\s*'((?:[^']|'')*)'\s*,\s*'((?:[^']|'')*)'/gm)].map((match, index) => ({ id: index + 1, name: unquote(match[1]!), city: unquote(match[2]!) }));
}
