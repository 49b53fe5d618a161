import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../tests/helpers/server';
import { query } from '../common/sql';
import { runChange } from './corridor';

/** The corridor called from code that is not GraphQL (a script, the import), and its retries. */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('runChange from a script', () => {
  it('writes one change (as "system") with one event per record it declared, after retrying a deadlock', async () => {
    let attempts = 0;
    const { result, changeId } = await runChange(
      s.app.orm.em,
      { coverage: s.app.coverage },
      { principal: null, name: 'script-test' },
      async (tx) => {
        attempts++;
        const [row] = await query<{ id: number }>(
          tx.em,
          `insert into county (code, name, created_at, updated_at) values ('649977', '脚本县', now(), now()) returning id`,
        );
        if (attempts === 1) throw deadlock(); // rolled back, then run again
        tx.created('County', [row!.id]);
        tx.summary('a county from a script');
        return row!.id;
      },
    );
    expect(attempts).toBe(2);
    const [change] = await s.sql(`select username, role, operation, summary, event_count from change where id = ?`, [
      changeId,
    ]);
    expect(change).toEqual({
      username: 'system',
      role: 'SYSTEM',
      operation: 'script-test',
      summary: 'a county from a script',
      event_count: 1,
    });
    const events = await s.sql(
      `select record_type, record_id, before, after->>'name' as name from audit_event where change_id = ?`,
      [changeId],
    );
    expect(events).toEqual([{ record_type: 'County', record_id: result, before: null, name: '脚本县' }]);
    expect(await s.sql(`select id from county where code = '649977'`)).toHaveLength(1); // the first attempt left nothing
  });

  it('gives up after a bounded number of attempts with a typed, retryable CONFLICT; nothing is written', async () => {
    const [{ n: before }] = await s.sql<{ n: string }>('select count(*) as n from change');
    let attempts = 0;
    const failing = runChange(
      s.app.orm.em,
      { coverage: s.app.coverage, maxAttempts: 3 },
      { principal: null, name: 'script-test' },
      async () => {
        attempts++;
        throw deadlock();
      },
    );
    await expect(failing).rejects.toMatchObject({ extensions: { code: 'CONFLICT', retryable: true } });
    expect(attempts).toBe(3);
    expect((await s.sql<{ n: string }>('select count(*) as n from change'))[0]!.n).toBe(before);
  });
});
