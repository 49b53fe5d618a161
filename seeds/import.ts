/**
 * The importer moved to server/src/transfer/ (any GDAL format, CRS, encoding, audited).
 * `importFeatures` stays for callers of the GeoJSON-only function: same arguments and result,
 * now through the same path (`readFile` → `applyImport`), replacing boundaries matched by
 * code and allowing overlaps, as before.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../server/src/common/errors';
import type { Config } from '../server/src/config';
import { CoverageService } from '../server/src/coverage/coverage.service';
import { applyImport, importLimits, planImport, readFile } from '../server/src/transfer/import.service';

export type ImportKind = 'villages' | 'grids';
export interface ImportProblem {
  index: number;
  code: string | null;
  reason: string;
}
export interface ImportResult {
  features: number;
  problems: ImportProblem[];
  /** Rows written (0 on a dry run or when any feature is bad). */
  inserted: number;
  updated: number;
  touchedUnits: number;
  dryRun: boolean;
}

export async function importFeatures(
  em: EntityManager,
  config: Config,
  kind: ImportKind,
  collection: unknown,
  options: { dryRun?: boolean } = {},
): Promise<ImportResult> {
  const dryRun = Boolean(options.dryRun);
  const fc = collection as { type?: string; features?: unknown[] };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return {
      features: 0,
      problems: [{ index: -1, code: null, reason: 'the file is not a GeoJSON FeatureCollection' }],
      inserted: 0,
      updated: 0,
      touchedUnits: 0,
      dryRun,
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'wz-import-'));
  try {
    const file = path.join(dir, `${kind}.geojson`);
    writeFileSync(file, JSON.stringify(collection));
    const settings = { target: kind, replaceBoundaries: true, allowOverlaps: true };
    const read = await readFile(file, settings, importLimits());
    const coverage = new CoverageService(config);
    const ctx = { config, coverage };
    const full = { ...settings, map: read.map };
    const r = dryRun ? await planImport(em, ctx, null, read, full) : await applyImport(em, ctx, null, read, full);
    return {
      features: r.features,
      problems: r.items
        .filter((i) => i.status === 'REFUSED')
        .map((i) => ({ index: i.index, code: i.code, reason: i.reasons.map((m) => m.en).join('; ') })),
      inserted: r.written.inserted,
      updated: r.written.updated,
      touchedUnits: r.written.touchedVillages,
      dryRun,
    };
  } catch (e) {
    if (e instanceof AppError)
      return {
        features: 0,
        problems: [{ index: -1, code: null, reason: e.message }],
        inserted: 0,
        updated: 0,
        touchedUnits: 0,
        dryRun,
      };
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
