/**
 * The manifest of the deliberate imperfections: the coverage findings a seeded
 * database must show, and nothing else (none with `perfect`). Pure: no database.
 *
 *   import { expectedFindings } from '../../seeds/manifest';
 *   expectedFindings(1, false) // → [{ kind, severity, villageCode, gridCode }, …] (49 for seed 1)
 *
 * `npx tsx seeds/manifest.ts [--seed N] [--perfect]` prints it as JSON.
 */
import { pathToFileURL } from 'node:url';
import { buildPlan, type ExpectedFinding, type Imperfections } from './lib/plan';

export type { ExpectedFinding } from './lib/plan';

/** The findings coverage must report on a database seeded with this seed number and flag, sorted by kind, unit and grid code. */
export function expectedFindings(seed = 1, perfect = false): ExpectedFinding[] {
  return buildPlan({ seed, perfect }).expected;
}

/** The imperfections themselves (unit and grid codes), for tests that want to look at them. */
export function imperfections(seed = 1, perfect = false): Imperfections {
  return buildPlan({ seed, perfect }).imperfections;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--seed');
  const seed = i >= 0 ? Number(args[i + 1]) : 1;
  console.log(JSON.stringify(expectedFindings(seed, args.includes('--perfect')), null, 2));
}
