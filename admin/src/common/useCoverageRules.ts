import { useEffect, useState } from 'react';
import { useDataProvider, type DataProvider } from 'react-admin';

/** The coverage rules as the server applies them (query coverageRules): the admin never retypes a threshold. */
export interface CoverageRules {
  communityGridMaxHouseholds: number;
  communityGridCriticalHouseholds: number;
  communityGridMinHouseholds: number;
  uncoveredCriticalShare: number;
  minGapM2: number;
  minOverlapM2: number;
  findings: { kind: string; severity: string; criticalFrom: number | null; criticalSeverity: string | null }[];
}

// The rules change only with a server release: asked once per page load, shared by every caller.
let cached: Promise<CoverageRules> | null = null;
let loaded: CoverageRules | undefined;

/** The rules through the data provider, asked once (a failed request is asked again next time). */
function loadCoverageRules(dataProvider: DataProvider): Promise<CoverageRules> {
  cached ??= (dataProvider.getCoverageRules() as Promise<CoverageRules>).then(
    (rules) => (loaded = rules),
    (e: unknown) => {
      cached = null;
      throw e;
    },
  );
  return cached;
}

/** The coverage rules, undefined until they have arrived. */
export function useCoverageRules(): CoverageRules | undefined {
  const dataProvider = useDataProvider();
  const [rules, setRules] = useState(loaded);
  useEffect(() => {
    let live = true;
    loadCoverageRules(dataProvider).then(
      (r) => live && setRules(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dataProvider]);
  return rules;
}

/** A loader for effects that need the rules before they can ask for anything else. */
export function useLoadCoverageRules(): () => Promise<CoverageRules> {
  const dataProvider = useDataProvider();
  return () => loadCoverageRules(dataProvider);
}
