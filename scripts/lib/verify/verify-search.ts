/**
 * Both of `npm run verify`'s comparisons of the databases with search: the hotels'
 * (verify-stack.ts), then date search's availability (verify-availability.ts, issue 21).
 * The command and the console's Check drift share it, so the two always cover the same.
 */
import type { ClientSettings } from '../platform-client/client-settings.ts';
import { availabilityClean, availabilityJson, verifyAvailability, type AvailabilityReport } from './verify-availability.ts';
import { isClean } from './compare-streams.ts';
import { reportJson, type VerifyReport } from './verify-report.ts';
import { verifyStack, type VerifyOptions } from './verify-stack.ts';

export interface SearchVerifyReport {
  hotels: VerifyReport;
  availability: AvailabilityReport;
}

/** One after the other, not at once: each reads every row and every document, and the laptop is shared. */
export async function verifySearch(settings: ClientSettings, options: VerifyOptions): Promise<SearchVerifyReport> {
  const hotels = await verifyStack(settings, options);
  const availability = await verifyAvailability(settings, options);
  return { hotels, availability };
}

/**
 * The JSON of both: the hotels' fields stay at the top, as scripts and the console's page read
 * them since before availability existed; `clean` covers both, and `availability` holds date
 * search's in the same shape.
 */
export function searchVerifyJson(report: SearchVerifyReport) {
  return { ...reportJson(report.hotels), clean: searchClean(report), availability: availabilityJson(report.availability) };
}

/** Both comparisons clean: what `verify`'s exit 0 and the JSON's `clean` say. */
export function searchClean({ hotels, availability }: SearchVerifyReport): boolean {
  return isClean(hotels.comparison) && availabilityClean(availability.comparison);
}

export type SearchVerifyJson = ReturnType<typeof searchVerifyJson>;
