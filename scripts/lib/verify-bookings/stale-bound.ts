/**
 * How long a booking saga may run before it counts as stuck: verify:bookings lists one
 * older than this as a problem, and the console's saga panel highlights it. One place, so
 * the two never disagree about which saga is stuck.
 *
 * 120 s: a saga without a fault ends in well under a second; with one, each step runs out
 * after at most 15 s (10 s to authorize) and its compensation is re-sent every 15 s, so the
 * longest path (confirm hold times out → void → release) ends within about a minute. Twice
 * that leaves room for a loaded machine without hiding a saga that is stuck.
 */
export const SAGA_STALE_AFTER_S = 120;
