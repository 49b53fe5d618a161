import { GqlRequestError } from '../../data/errors';

/** A server refusal, ready to show next to the shape. */
export interface DrawError {
  code: string;
  message: string;
  reason?: string;
  overlaps?: { gridId: string; areaM2: number; name?: string }[];
}

export function toDrawError(e: unknown): DrawError {
  if (e instanceof GqlRequestError && e.errors.length) {
    const first = e.errors[0]!;
    const ext = first.extensions ?? {};
    return {
      code: String(ext.code ?? 'ERROR'),
      message: first.message,
      reason: typeof ext.reason === 'string' ? ext.reason : undefined,
      overlaps: Array.isArray(ext.overlaps)
        ? (ext.overlaps as any[]).map((o) => ({ gridId: String(o.gridId), areaM2: Number(o.areaM2) }))
        : undefined,
    };
  }
  return { code: 'ERROR', message: (e as Error)?.message ?? String(e) };
}
