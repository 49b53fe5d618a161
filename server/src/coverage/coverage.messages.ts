import { FindingKind, RULES } from './coverage.rules';

export interface FindingFacts {
  kind: FindingKind;
  subjectName: string;
  otherName: string | null;
  value: number | null;
  expected: number | null;
  areaM2: number | null;
}

const m2 = (a: number | null) =>
  a === null ? '' : a >= 1e6 ? `${(a / 1e6).toFixed(2)} km²` : `${Math.round(a).toLocaleString('en')} m²`;
const pct = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`);

/** What a finding says, in Chinese and English; defined once for GraphQL and GeoJSON alike. */
export function findingMessage(f: FindingFacts): { zh: string; en: string } {
  const n = f.subjectName;
  switch (f.kind) {
    case FindingKind.UNCOVERED_LAND:
      return {
        zh: `${n}有 ${m2(f.areaM2)}（${pct(f.value)}）土地不在任何网格内`,
        en: `${m2(f.areaM2)} (${pct(f.value)}) of ${n} lies in no grid`,
      };
    case FindingKind.OVERLAP:
      return {
        zh: `网格“${n}”与“${f.otherName}”重叠 ${m2(f.areaM2)}`,
        en: `Grids ${n} and ${f.otherName} overlap by ${m2(f.areaM2)}`,
      };
    case FindingKind.SPILL:
      return {
        zh: `网格“${n}”有 ${m2(f.areaM2)} 超出所属村（社区）`,
        en: `${m2(f.areaM2)} of grid ${n} lies outside its village or community`,
      };
    case FindingKind.UNSTAFFED_GRID:
      return { zh: `网格“${n}”没有在岗网格员（有网格无力量）`, en: `Grid ${n} has no active grid worker` };
    case FindingKind.OVERSIZED_GRID:
      return {
        zh: `社区网格“${n}”有 ${f.value} 户，超过 ${RULES.oversizedGrid.maxHouseholds} 户`,
        en: `Community grid ${n} holds ${f.value} households, over ${RULES.oversizedGrid.maxHouseholds}`,
      };
    case FindingKind.UNDERSIZED_GRID:
      return {
        zh: `社区网格“${n}”只有 ${f.value} 户，少于 ${RULES.undersizedGrid.minHouseholds} 户`,
        en: `Community grid ${n} holds only ${f.value} households, under ${RULES.undersizedGrid.minHouseholds}`,
      };
    case FindingKind.GRID_COUNT_MISMATCH:
      return {
        zh: `${n}有 ${f.expected} 个村民小组，但网格数为 ${f.value}`,
        en: `${n} has ${f.expected} villager groups but ${f.value} grids`,
      };
    case FindingKind.NO_PARTY_UNIT:
      return { zh: `网格“${n}”未建立党组织`, en: `No party organisation is built on grid ${n}` };
    case FindingKind.NO_GRID_PARTY_UNIT:
      return { zh: `社区“${n}”没有网格党支部或党小组`, en: `Community ${n} has no grid party branch or group` };
  }
}
