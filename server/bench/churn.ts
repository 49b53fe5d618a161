/**
 * Concurrent editors in one village: `clients` loops, each creating a small grid (its own square,
 * overlaps allowed) and deleting it again, for `seconds`. Counts every answer by its code.
 * Shared by the concurrency test (10 s) and `npm run bench:writes` (60 s).
 */
import { offset, rect } from '../../tests/helpers/geo';

export interface ChurnOptions {
  base: string;
  headers: Record<string, string>;
  villageId: string;
  /** A point well inside the village; client i draws at an offset from it. */
  origin: [number, number];
  clients: number;
  seconds: number;
  /** Square size in metres (default 20). */
  sizeM?: number;
}

export interface ChurnResult {
  /** Answers by code: OK, CONFLICT, INTERNAL_SERVER_ERROR… */
  codes: Record<string, number>;
  /** CONFLICTs that said retryable. */
  retryable: number;
  requests: number;
  seconds: number;
  /** Latencies (ms) of the accepted writes. */
  latencies: number[];
}

export async function churn(o: ChurnOptions): Promise<ChurnResult> {
  const codes: Record<string, number> = {};
  const latencies: number[] = [];
  let retryable = 0;
  let requests = 0;
  const size = o.sizeM ?? 20;
  const started = Date.now();
  const until = started + o.seconds * 1000;

  async function send(query: string, variables: Record<string, unknown>): Promise<Record<string, any> | null> {
    const t0 = performance.now();
    requests++;
    let body: { data?: Record<string, any>; errors?: { extensions?: { code?: string; retryable?: boolean } }[] };
    try {
      const res = await fetch(`${o.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...o.headers },
        body: JSON.stringify({ query, variables }),
      });
      body = (await res.json()) as typeof body;
    } catch {
      codes.NETWORK = (codes.NETWORK ?? 0) + 1;
      return null;
    }
    const err = body.errors?.[0];
    const code = err ? String(err.extensions?.code ?? 'UNKNOWN') : 'OK';
    codes[code] = (codes[code] ?? 0) + 1;
    if (err?.extensions?.retryable) retryable++;
    if (!err) latencies.push(performance.now() - t0);
    return err ? null : body.data!;
  }

  const client = async (i: number) => {
    const corner = offset(...o.origin, (i % 5) * size * 2, Math.floor(i / 5) * size * 2);
    while (Date.now() < until) {
      const made = await send(
        `mutation($v: ID!, $g: GeoJSON!, $n: String!) { createGrid(villageId: $v, geometry: $g, name: $n, overlaps: ALLOW) { id } }`,
        { v: o.villageId, g: rect(...corner, size, size), n: `并发-${i}` },
      );
      if (made) await send(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id: made.createGrid.id });
    }
  };
  await Promise.all(Array.from({ length: o.clients }, (_, i) => client(i)));
  return { codes, retryable, requests, seconds: (Date.now() - started) / 1000, latencies };
}

/** Coverage tables as one checksum (computation times left out), to compare with a full rebuild. */
export const COVERAGE_CHECKSUM = `select md5(
  (select coalesce(string_agg(concat_ws('|', village_id, grid_count, round(uncovered_m2::numeric, 3), md5(ST_AsBinary(uncovered))), ',' order by village_id), '') from coverage_unit) ||
  (select coalesce(string_agg(concat_ws('|', id, kind, severity, village_id, other_village_id, grid_id, other_grid_id, value, expected, round(area_m2::numeric, 3)), ',' order by id), '') from coverage_finding)
) as h`;
