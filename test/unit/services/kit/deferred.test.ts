import { describe, expect, test } from 'vitest';
import { deferred } from '../../../../services/kit/deferred.ts';

describe('deferred', () => {
  test('loads nothing until asked, then once for every caller', async () => {
    let loads = 0;
    const client = deferred(async () => ({ id: ++loads }));
    expect(loads).toBe(0);
    expect(client.loaded()).toBeUndefined();
    const [a, b] = await Promise.all([client.get(), client.get()]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    expect(client.loaded()).toBe(a);
  });

  test('start() loads in the background, and get() then answers from that load', async () => {
    let loads = 0;
    const client = deferred(async () => ++loads);
    client.start();
    expect(await client.get()).toBe(1);
    expect(loads).toBe(1);
  });

  test('a failed load is not kept: the next get() loads again', async () => {
    let loads = 0;
    const client = deferred(async () => {
      loads += 1;
      if (loads === 1) throw new Error('module away');
      return 'ready';
    });
    client.start();
    await expect(client.get()).rejects.toThrow('module away');
    expect(client.loaded()).toBeUndefined();
    expect(await client.get()).toBe('ready');
    expect(loads).toBe(2);
  });
});
