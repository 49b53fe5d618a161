/**
 * The data provider's custom methods for import and export (REST under /api, with the
 * session's credentials): uploads report their progress; exports download as files.
 */
import { authFetch, authHeaders } from '../auth/session';
// The wire shapes are the server's own types (type-only: nothing of the server is bundled).
import type { FieldMap, ImportReport, LayerSummary, Target } from '../../../server/src/transfer/import.service';
import type { CrsOption } from '../../../server/src/transfer/crs';

export type { CrsOption, FieldMap, ImportReport, LayerSummary, Target };

export interface Upload {
  id: string;
  files: string[];
  driver: string;
  layers: LayerSummary[];
}

export interface ImportSettings {
  target: Target;
  layer?: string;
  crs?: string;
  encoding?: string;
  towgs84?: string;
  map?: FieldMap;
  replaceBoundaries?: boolean;
  trimOverlaps?: boolean;
  clipToParent?: boolean;
}

export class TransferError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: any,
  ) {
    super(message);
  }
}

async function json<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => ({}));
  if (!res.ok && res.status !== 422)
    throw new TransferError(body?.error?.message ?? `HTTP ${res.status}`, res.status, body);
  return body as T;
}

/** Multipart upload with progress (XMLHttpRequest reports upload progress; fetch does not). */
function uploadWithProgress(files: File[], onProgress: (share: number) => void): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/import/uploads');
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: any = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Upload);
      else reject(new TransferError(body?.error?.message ?? `HTTP ${xhr.status}`, xhr.status, body));
    };
    xhr.onerror = () => reject(new TransferError('network error', 0, null));
    xhr.send(form);
  });
}

const post = (url: string, body: unknown) =>
  authFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const transferMethods = {
  importCrsOptions: async (): Promise<CrsOption[]> => json(await authFetch('/api/import/crs')),
  importUpload: (files: File[], onProgress: (share: number) => void = () => {}) =>
    uploadWithProgress(files, onProgress),
  importInspect: async (id: string, encoding?: string): Promise<Upload> =>
    json(await authFetch(`/api/import/uploads/${id}${encoding ? `?encoding=${encodeURIComponent(encoding)}` : ''}`)),
  importPlan: async (
    id: string,
    settings: ImportSettings,
  ): Promise<{ report: ImportReport; preview: GeoJSON.FeatureCollection; map: FieldMap }> =>
    json(await post(`/api/import/uploads/${id}/plan`, settings)),
  importApply: async (id: string, settings: ImportSettings): Promise<ImportReport> =>
    json(await post(`/api/import/uploads/${id}/apply`, settings)),
  importDiscard: async (id: string) => {
    await authFetch(`/api/import/uploads/${id}`, { method: 'DELETE' });
  },
  /** Downloads a list (with its filter) as a file; returns the file name. */
  exportList: async (
    list: string,
    format: string,
    options: { filter?: Record<string, unknown>; crs?: string; encoding?: string } = {},
  ) => {
    const q = new URLSearchParams();
    if (options.filter && Object.keys(options.filter).length) q.set('filter', JSON.stringify(options.filter));
    if (options.crs) q.set('crs', options.crs);
    if (options.encoding) q.set('encoding', options.encoding);
    const res = await authFetch(`/api/export/${list}.${format}?${q}`);
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new TransferError(body?.error?.message ?? `HTTP ${res.status}`, res.status, body);
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${list}.${format}`;
    const blob = await res.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    return name;
  },
};

export type TransferMethods = typeof transferMethods;
