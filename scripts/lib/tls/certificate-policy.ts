/**
 * What the edge's local certificate authority issues, and when `up` replaces it: the
 * numbers, in one place. Pure (the clock comes in as a number), so the rules are tested
 * without keys, files or the real time (test/unit/tls/certificate-plan.test.ts).
 */

/** The names the server certificate must cover: what a browser or client on this machine types. */
export const SERVER_NAMES = ['localhost', '127.0.0.1', '::1'] as const;

/**
 * All the CA may ever sign for (its name constraints): this machine's names, and the domain of
 * the Kubernetes `local` target's host (k8s/targets.ts: *.localtest.me resolves to 127.0.0.1).
 * A CA the user trusts can otherwise vouch for any site: should its key leave .tls/, a
 * certificate for another domain made with it is still refused by browsers and TLS stacks.
 */
export const CA_PERMITTED_DNS = ['localhost', 'localtest.me'] as const;
export const CA_PERMITTED_IP_RANGES = ['127.0.0.0/8', '::1/128'] as const;

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * 825 days: the longest validity Apple's platforms accept for a TLS server certificate
 * at all, whoever issued it (support.apple.com/en-us/103769, "Requirements for trusted
 * certificates in iOS 13 and macOS 10.15"); Safari and Chrome on macOS reject a longer
 * one as invalid even from a CA the user trusts. The 398-day limit browsers apply since
 * 2020 binds publicly trusted CAs only, not a root the user added, so 825 days works in
 * every browser while keeping renewals rare.
 */
export const SERVER_LIFETIME_DAYS = 825;

/**
 * `up` issues a new server certificate when the current one has less than this left:
 * a developer who runs `up` at least monthly never meets an expired one, and the doctor
 * warns within the same margin. Renewing the server certificate needs nothing from the
 * user (the trusted CA stays the same).
 */
export const SERVER_RENEWAL_MARGIN_DAYS = 30;

/**
 * Ten years: the CA is what the user trusts by hand (`npm run tls:trust`), so it should
 * outlive the checkout. Browsers put no limit on a root's lifetime.
 */
export const CA_LIFETIME_DAYS = 3650;

/**
 * A new CA once the current one could not cover a whole server certificate (and its
 * margin): a server certificate never outlives its issuer. This happens about every 7.6
 * years and is the one renewal the user has to act on (trust the new CA).
 */
export const CA_RENEWAL_MARGIN_DAYS = SERVER_LIFETIME_DAYS + SERVER_RENEWAL_MARGIN_DAYS;
