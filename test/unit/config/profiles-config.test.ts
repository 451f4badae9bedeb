import { describe, expect, it } from 'vitest';
import { composeEnvironment } from '../../../scripts/lib/config/compose-env.ts';
import {
  allServices,
  CORE_SERVICES,
  derivedVariables,
  heapMib,
  MEMORY_BUDGETS,
  PROFILE_NAMES,
  profilePlanOf,
  stackConfigOf,
  unknownProfileMessage,
} from '../../../scripts/lib/config/stack-config.ts';

const PIPELINE = ['kafka', 'kafka-init', 'connect', 'elasticsearch', 'search-indexer'];
const SAGA = ['booking', 'inventory', 'payment'];
const IMAGES = ['object-store', 'object-store-init', 'images'];

describe('profiles', () => {
  it('full (the default) runs every service and leaves nothing out', () => {
    const plan = stackConfigOf({}).profile;
    expect(plan.name).toBe('full');
    expect([...plan.services].sort()).toEqual(allServices().sort());
    expect(plan.off.size).toBe(0);
    expect(plan).toMatchObject({ searchOffReason: '', connect: true, booking: true });
  });

  it('core runs the API, the database, HAProxy and the page, without Kafka, Connect, Elasticsearch, the saga or the images', () => {
    const plan = profilePlanOf('core');
    expect(plan.services).toEqual([...CORE_SERVICES]);
    expect([...plan.off.keys()].sort()).toEqual([...PIPELINE, ...SAGA, ...IMAGES].sort());
    expect(plan.off.get('elasticsearch')).toBe('not in profile core');
    expect(plan).toMatchObject({ groups: [], connect: false, booking: false });
  });

  it('booking is core plus the booking services with the Kafka and Connect they need, and no Elasticsearch', () => {
    const plan = profilePlanOf('booking');
    expect(plan.services).toEqual(expect.arrayContaining([...CORE_SERVICES, ...SAGA, 'kafka', 'kafka-init', 'connect']));
    expect([...plan.off.keys()].sort()).toEqual(['elasticsearch', 'search-indexer', ...IMAGES].sort());
    expect(plan).toMatchObject({ connect: true, booking: true });
    expect(plan.searchOffReason).toContain('profile booking');
  });

  it('search is core plus the change capture and search; images is core plus the object store and the image service', () => {
    expect([...profilePlanOf('search').off.keys()].sort()).toEqual([...SAGA, ...IMAGES].sort());
    expect(profilePlanOf('search').searchOffReason).toBe('');
    expect([...profilePlanOf('images').off.keys()].sort()).toEqual([...PIPELINE, ...SAGA].sort());
  });

  it('catalog is the whole stack but the booking services: Kafka and Connect stay, for search', () => {
    const plan = profilePlanOf('catalog');
    expect([...plan.off.keys()].sort()).toEqual(['booking', 'inventory', 'payment']);
    expect(plan.services).toEqual(expect.arrayContaining(['kafka', 'connect', 'elasticsearch', 'search-indexer', ...IMAGES]));
    expect(plan.searchOffReason).toBe('');
  });

  it("search's reason when off names the profile and the command that starts search", () => {
    expect(profilePlanOf('core').searchOffReason).toMatch(/profile core .*npm run up -- --profile full/);
  });

  it('an unknown name is answered with every profile and what it runs', () => {
    const message = unknownProfileMessage('tiny');
    expect(message).toContain('"tiny"');
    for (const name of PROFILE_NAMES) expect(message).toContain(`${name} (`);
  });

  it('hands Compose the profile as COMPOSE_PROFILES (empty for core) and catalog-api the reason search is off', () => {
    const env = (profile?: 'core' | 'booking') => composeEnvironment({ values: {}, origins: {} }, { COMPOSE_PROFILES: 'from-the-shell' }, stackConfigOf({}, profile));
    expect(env().COMPOSE_PROFILES).toBe('search,booking,images');
    expect(env('core').COMPOSE_PROFILES).toBe('');
    expect(env('booking').COMPOSE_PROFILES).toBe('booking');
    expect(derivedVariables(stackConfigOf({}, 'core')).SEARCH_OFF_REASON).toContain('profile core');
    expect(derivedVariables(stackConfigOf({})).SEARCH_OFF_REASON).toBe('');
  });
});

describe('memory estimate of a profile', () => {
  it('budgets every long-running service, and no one-shot', () => {
    const longRunning = allServices().filter((service) => !['db-setup', 'kafka-init', 'object-store-init'].includes(service));
    expect(Object.keys(MEMORY_BUDGETS).sort()).toEqual(longRunning.sort());
  });

  it('adds the services of the profile: core well under 1 GiB, the whole stack under 4 GiB', () => {
    const core = profilePlanOf('core').memoryMib;
    const full = profilePlanOf('full').memoryMib;
    expect(core).toBe(128 + 400 + 96 + 96 + 32);
    expect(core).toBeLessThan(1024);
    expect(full).toBeGreaterThan(3 * 1024);
    expect(full).toBeLessThan(4 * 1024);
    expect(profilePlanOf('booking').memoryMib).toBeLessThan(full);
  });

  it("takes each JVM's heap from its .env variable", () => {
    const base = profilePlanOf('search').memoryMib;
    expect(profilePlanOf('search', { ELASTICSEARCH_HEAP: '1g' }).memoryMib).toBe(base + 512);
    expect(profilePlanOf('search', { KAFKA_HEAP: '' }).memoryMib).toBe(base);
  });

  it('reads heap sizes as the JVM does', () => {
    expect(heapMib('512m')).toBe(512);
    expect(heapMib('2G')).toBe(2048);
    expect(heapMib('786432k')).toBe(768);
    expect(heapMib('lots')).toBeUndefined();
  });
});
