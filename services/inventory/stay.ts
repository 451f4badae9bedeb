/** The stay rules live in services/lib/stay.ts: date search (catalog-api) checks a stay by the same rules. */
export { checkStay, MAX_NIGHTS, type Stay, type StayCheck, type StayRequest } from '../lib/stay.ts';
