/**
 * Profiles (issue 23): which parts of the stack `npm run up -- --profile <name>` starts.
 * Every service of compose.yaml is either core (no `profiles:` there: it runs in every
 * profile) or in one or more groups, each a Compose profile of the same name
 * (test/unit/static/compose-profiles.test.ts keeps compose.yaml and this file equal).
 * A profile is a set of groups; `full`, all of them, is the default. Compose is given
 * the profile's groups as COMPOSE_PROFILES (config/compose-env.ts), so the services left
 * out are neither pulled, built, created nor waited for, and a `depends_on` on one of
 * them is `required: false` in compose.yaml: it does not drag it in.
 */

/** The parts a profile can leave out; each name is a Compose profile in compose.yaml. */
export const SERVICE_GROUPS = {
  search: {
    services: ['kafka', 'kafka-init', 'connect', 'elasticsearch', 'search-indexer'],
    what: 'Kafka, Connect, Elasticsearch and the search indexer',
  },
  // The saga's messages travel through Kafka, written by Debezium's outbox connectors in Connect.
  booking: {
    services: ['kafka', 'kafka-init', 'connect', 'inventory', 'payment', 'booking'],
    what: 'the booking services (booking, inventory, payment) with Kafka and Connect, which carry their messages',
  },
  // Off in `core`: S3Proxy is a JVM, and the catalog and the page work without images (an
  // upload or an /img/ URL then gets HAProxy's 503).
  images: {
    services: ['object-store', 'object-store-init', 'images'],
    what: 'the object store and the image service',
  },
} as const;

export type ServiceGroup = keyof typeof SERVICE_GROUPS;

/** In every profile: compose.yaml gives them no `profiles:`. */
export const CORE_SERVICES = ['haproxy', 'mysql', 'db-setup', 'catalog-api-1', 'catalog-api-2', 'web'] as const;

export const STACK_PROFILES = {
  full: { groups: ['search', 'booking', 'images'], summary: 'the whole stack (the default)' },
  core: { groups: [], summary: 'the catalog API, the database, HAProxy and the page: no Kafka, Connect or Elasticsearch' },
  search: { groups: ['search'], summary: 'core, plus change capture and search (Kafka, Connect, Elasticsearch, the indexer)' },
  booking: { groups: ['booking'], summary: 'core, plus the booking services with Kafka and Connect; no Elasticsearch' },
  images: { groups: ['images'], summary: 'core, plus the object store and the image service' },
  catalog: { groups: ['search', 'images'], summary: 'the whole stack but the booking services (booking, inventory, payment): the catalog, its search and its images' },
} as const satisfies Record<string, { groups: readonly ServiceGroup[]; summary: string }>;

export type ProfileName = keyof typeof STACK_PROFILES;
export const PROFILE_NAMES = Object.keys(STACK_PROFILES) as ProfileName[];
export const DEFAULT_PROFILE: ProfileName = 'full';

export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(STACK_PROFILES, name);
}

/** Every service of the stack, core first, each once. */
export function allServices(): string[] {
  return [...new Set([...CORE_SERVICES, ...Object.values(SERVICE_GROUPS).flatMap((group) => group.services)])];
}

/** The Compose profiles a service belongs to (none for a core service). */
export function groupsOf(service: string): ServiceGroup[] {
  return (Object.keys(SERVICE_GROUPS) as ServiceGroup[]).filter((group) => (SERVICE_GROUPS[group].services as readonly string[]).includes(service));
}

/**
 * Memory a service is budgeted on a warm stack, for the doctor's check of a profile. A JVM:
 * its heap (the `.env` variable) plus what the JVM takes beside it (metaspace, threads,
 * code cache; Elasticsearch also keeps direct buffers). The others: `docker stats` of a
 * warm stack (CI, December 2026: a Node service 35-75 MiB, MariaDB 157, HAProxy 116 with its
 * two caches), rounded up. One-shots (db-setup, kafka-init, object-store-init) are not
 * counted: they exit once their work is done.
 */
export const MEMORY_BUDGETS: Record<string, { mib: number } | { heapVariable: string; defaultHeap: string; overheadMib: number }> = {
  haproxy: { mib: 128 },
  mysql: { mib: 400 },
  'catalog-api-1': { mib: 96 },
  'catalog-api-2': { mib: 96 },
  web: { mib: 32 },
  kafka: { heapVariable: 'KAFKA_HEAP', defaultHeap: '384m', overheadMib: 256 },
  connect: { heapVariable: 'CONNECT_HEAP', defaultHeap: '512m', overheadMib: 256 },
  elasticsearch: { heapVariable: 'ELASTICSEARCH_HEAP', defaultHeap: '512m', overheadMib: 384 },
  'search-indexer': { mib: 96 },
  inventory: { mib: 96 },
  payment: { mib: 96 },
  booking: { mib: 96 },
  'object-store': { heapVariable: 'OBJECT_STORE_HEAP', defaultHeap: '128m', overheadMib: 192 },
  images: { mib: 128 },
};

/** A JVM size as `-Xmx` takes it (`512m`, `1g`, `786432k`) in MiB; undefined when it is not one. */
export function heapMib(size: string): number | undefined {
  const match = /^(\d+)([kmg])?$/i.exec(size.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  if (unit === 'g') return amount * 1024;
  if (unit === 'm') return amount;
  if (unit === 'k') return Math.ceil(amount / 1024);
  return Math.ceil(amount / (1024 * 1024));
}

export function serviceMemoryMib(service: string, values: Record<string, string | undefined>): number {
  const budget = MEMORY_BUDGETS[service];
  if (!budget) return 0;
  if ('mib' in budget) return budget.mib;
  const heap = heapMib(values[budget.heapVariable]?.trim() || budget.defaultHeap) ?? heapMib(budget.defaultHeap)!;
  return heap + budget.overheadMib;
}

/** What one profile runs and leaves out: what `up`, `status`, `smoke` and the doctor go by. */
export interface ProfilePlan {
  name: ProfileName;
  groups: ServiceGroup[];
  /** The services it runs, core first. */
  services: string[];
  /** Each service it leaves out, with why: `not in profile core`. */
  off: Map<string, string>;
  /** The memory its services are budgeted, in MiB (MEMORY_BUDGETS). */
  memoryMib: number;
  /** Whether search (Elasticsearch and the indexer) runs; when it does not, why, for catalog-api's 503. */
  searchOffReason: string;
  /** Whether Connect runs (`up` registers the connectors only then). */
  connect: boolean;
  /** Whether the booking services run (smoke's booking path). */
  booking: boolean;
}

export function profilePlanOf(name: ProfileName, values: Record<string, string | undefined> = {}): ProfilePlan {
  const groups: ServiceGroup[] = [...STACK_PROFILES[name].groups];
  const services = allServices().filter((service) => {
    const of = groupsOf(service);
    return of.length === 0 || of.some((group) => groups.includes(group));
  });
  const off = new Map(allServices().filter((service) => !services.includes(service)).map((service) => [service, `not in profile ${name}`]));
  const searchOn = groups.includes('search');
  return {
    name,
    groups,
    services,
    off,
    memoryMib: services.reduce((sum, service) => sum + serviceMemoryMib(service, values), 0),
    searchOffReason: searchOn
      ? ''
      : `search is off: profile ${name} runs without ${SERVICE_GROUPS.search.what}. Start them with: npm run up -- --profile full (or --profile search)`,
    connect: services.includes('connect'),
    booking: services.includes('booking'),
  };
}

/** The error text for a name that is no profile: every name, with what it runs. */
export function unknownProfileMessage(name: string): string {
  return `there is no profile "${name}"; the profiles are: ${PROFILE_NAMES.map((profile) => `${profile} (${STACK_PROFILES[profile].summary})`).join('; ')}`;
}
