import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '10000' }); // every test signs in from 127.0.0.1
});
afterAll(() => s.close());

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

describe('finding 3: the lock-out holds against parallel guesses', () => {
  it('41 guesses at once: at most LOGIN_MAX_ATTEMPTS passwords are checked, and the right one after the lock is refused', async () => {
    await s.signIn('race-victim', 'ANALYST');
    const wrong = Array.from({ length: 40 }, (_, i) => s.gql(LOGIN, { u: 'race-victim', p: `wrong-${i}` }, {}));
    // The right password, sent once the lock must be in place (the 6th attempt has been counted).
    for (let i = 0; i < 200; i++) {
      const [row] = await s.sql<{ n: number }>(
        `select failed_attempts as n from app_user where username = 'race-victim'`,
      );
      if (Number(row!.n) >= 6) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const right = await s.gql(LOGIN, { u: 'race-victim', p: 'pw-race-victim-secret' }, {});
    const codes = (await Promise.all(wrong)).map(code);
    expect(code(right)).toBe('ACCOUNT_LOCKED');
    expect(right.data?.login?.token).toBeUndefined();
    const unauthenticated = codes.filter((c) => c === 'UNAUTHENTICATED').length;
    // Attempts 1–4 are checked and fail; the 5th is checked and locks; the rest are refused unchecked.
    expect(unauthenticated).toBeLessThanOrEqual(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED').length).toBe(40 - unauthenticated);
    const [row] = await s.sql<{ locked_until: Date | null }>(
      `select locked_until from app_user where username = 'race-victim'`,
    );
    expect(new Date(row!.locked_until!).getTime()).toBeGreaterThan(Date.now());
  });

  it('the right password in a parallel burst gets a token only if it was among the first attempts counted', async () => {
    for (let round = 0; round < 3; round++) {
      const user = `race-mixed-${round}`;
      await s.signIn(user, 'ANALYST');
      const all = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          s.gql(LOGIN, { u: user, p: i === 9 ? `pw-${user}-secret` : `bad-${i}` }, {}),
        ),
      );
      const checked = all.filter((r) => code(r) === 'UNAUTHENTICATED' || r.data?.login?.token).length;
      // A success resets the count, so at most 5 checks before it and 5 after it.
      expect(checked).toBeLessThanOrEqual(10);
      expect(
        all.filter((r) => !r.data?.login?.token && !['UNAUTHENTICATED', 'ACCOUNT_LOCKED'].includes(code(r)!)),
      ).toEqual([]);
    }
  });

  it('sequential failures lock on the 5th; the right password before that still works', async () => {
    await s.signIn('seq-user', 'ANALYST');
    for (let i = 0; i < 4; i++)
      expect(code(await s.gql(LOGIN, { u: 'seq-user', p: 'nope-nope' }, {}))).toBe('UNAUTHENTICATED');
    expect((await s.gql(LOGIN, { u: 'seq-user', p: 'pw-seq-user-secret' }, {})).data?.login?.token).toBeTruthy();
    for (let i = 0; i < 4; i++)
      expect(code(await s.gql(LOGIN, { u: 'seq-user', p: 'nope-nope' }, {}))).toBe('UNAUTHENTICATED');
    expect(code(await s.gql(LOGIN, { u: 'seq-user', p: 'nope-nope' }, {}))).toBe('ACCOUNT_LOCKED');
    expect(code(await s.gql(LOGIN, { u: 'seq-user', p: 'pw-seq-user-secret' }, {}))).toBe('ACCOUNT_LOCKED');
  });
});

describe('finding 17: answers do not tell which usernames exist; addresses are throttled', () => {
  it('an unknown username answers exactly like a real one', async () => {
    await s.signIn('real-user', 'ANALYST');
    const seq = async (u: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await s.gql(LOGIN, { u, p: 'wrong-password' }, {});
        out.push(`${code(r)}:${r.errors![0]!.message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>')}`);
      }
      return out;
    };
    const real = await seq('real-user');
    const unknown = await seq('nobody-by-this-name');
    expect(unknown).toEqual(real);
    expect(real.slice(4).every((c) => c.startsWith('ACCOUNT_LOCKED'))).toBe(true);
  });

  it('one address gets TOO_MANY_REQUESTS after LOGIN_MAX_ATTEMPTS_PER_ADDRESS attempts, whatever the usernames', async () => {
    const t = await startServer({ LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '8' });
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 10; i++) codes.push(code(await t.gql(LOGIN, { u: `spray-${i}`, p: 'password1' }, {})));
      // The test administrator's sign-in by startServer counted once and was given back (a success).
      expect(codes.slice(0, 8)).toEqual(Array(8).fill('UNAUTHENTICATED'));
      expect(codes.slice(8)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    } finally {
      await t.close();
    }
  });
});

describe('findings 16 and 23: the last administrator, tokens without exp', () => {
  it('the last active administrator cannot disable, demote or delete itself; another one can go', async () => {
    const others = await s.sql<{ id: number }>(
      `update app_user set active = false where role = 'ADMIN' and active and username <> 'test-admin' returning id`,
    );
    try {
      const me = (await s.ok('{ me { id version } }')).me;
      const before = await s.sql(`select role, active from app_user where id = ?`, [Number(me.id)]);
      for (const m of [
        `updateUser(id: "${me.id}", active: false)`,
        `updateUser(id: "${me.id}", role: EDITOR)`,
        `deleteUser(id: "${me.id}")`,
      ]) {
        const r = await s.gql(`mutation { ${m} { id } }`);
        expect(code(r), m).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.message).toMatch(/last active administrator/);
      }
      expect(await s.sql(`select role, active from app_user where id = ?`, [Number(me.id)])).toEqual(before);
      const second = await s.signIn('second-admin', 'ADMIN');
      const id = (await s.gql('{ me { id } }', {}, second)).data!.me.id;
      expect(
        (await s.gql(`mutation { updateUser(id: "${id}", active: false) { active } }`, {}, second)).data?.updateUser
          .active,
      ).toBe(false);
    } finally {
      if (others.length)
        await s.sql(`update app_user set active = true where id = any(?::int[])`, [
          `{${others.map((o) => o.id).join(',')}}`,
        ]);
    }
  });

  it('a correctly signed token without exp is refused', async () => {
    const [secret] = await s.sql<{ value: string }>(`select value from app_setting where key = 'jwt_secret'`);
    const me = (await s.ok('{ me { id } }')).me;
    const payload = JSON.parse(Buffer.from(s.auth.headers.authorization!.split('.')[1]!, 'base64url').toString());
    const key = new TextEncoder().encode(secret!.value);
    const claims = { role: 'ADMIN', pwd: payload.pwd };
    const noExp = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.id)
      .setIssuer('wuzhong-grid')
      .setIssuedAt()
      .sign(key);
    expect(code(await s.gql('{ me { id } }', {}, { authorization: `Bearer ${noExp}` }))).toBe('UNAUTHENTICATED');
    const withExp = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.id)
      .setIssuer('wuzhong-grid')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    expect((await s.gql('{ me { id } }', {}, { authorization: `Bearer ${withExp}` })).data?.me?.id).toBe(me.id);
  });
});
