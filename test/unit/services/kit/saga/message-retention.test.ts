/** The bounded pruning of outbox and inbox rows (services/kit/saga/message-retention.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INBOX_RETENTION_SECONDS, OUTBOX_RETENTION_SECONDS, PRUNE_BATCH, PRUNE_STATEMENTS, pruneSagaMessages } from '../../../../../services/kit/saga/message-retention.ts';
import { paths } from '../../../../../scripts/lib/paths.ts';

describe('pruneSagaMessages', () => {
  it('deletes, per pass, at most a batch of each table, oldest first, past its retention; returns how many', async () => {
    const sent: string[] = [];
    const db = { execute: async (sql: string) => (sent.push(sql), [{ affectedRows: sql.includes('outbox') ? PRUNE_BATCH : 3 }]) };
    expect(await pruneSagaMessages(db as never)).toBe(PRUNE_BATCH + 3);
    expect(sent).toEqual([...PRUNE_STATEMENTS]);
    expect(sent[0]).toMatch(/^DELETE FROM outbox WHERE created_at < CURRENT_TIMESTAMP\(3\) - INTERVAL 86400 SECOND ORDER BY created_at LIMIT 1000$/);
    expect(sent[1]).toMatch(/^DELETE FROM inbox WHERE handled_at < CURRENT_TIMESTAMP\(3\) - INTERVAL 691200 SECOND ORDER BY handled_at LIMIT 1000$/);
  });

  it('keeps an inbox id longer than the saga topics keep its message, so a replay from the earliest offset finds it', () => {
    const { topics } = JSON.parse(readFileSync(`${paths.repoRoot}/kafka/topics.json`, 'utf8')) as { topics: { name: string; config: Record<string, string> }[] };
    const sagaRetentions = topics.filter((topic) => /^\$\{SAGA_(?:INVENTORY|PAYMENT)_(?:COMMANDS|REPLIES)_TOPIC\}$/.test(topic.name)).map((topic) => Number(topic.config['retention.ms']));
    expect(sagaRetentions).toHaveLength(4);
    for (const retentionMs of sagaRetentions) expect(INBOX_RETENTION_SECONDS * 1000).toBeGreaterThan(retentionMs);
    expect(OUTBOX_RETENTION_SECONDS).toBeLessThanOrEqual(INBOX_RETENTION_SECONDS);
  });
});
