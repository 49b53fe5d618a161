import type { TestServer } from './server';
import { rect } from './geo';

let serial = 0;
const next = () =>
  String(++serial + Math.floor(Math.random() * 1e5))
    .padStart(6, '0')
    .slice(-6);

/**
 * A county, a township and a village through GraphQL, each a rectangle of the
 * given size (metres) with its south-west corner at origin. Codes are unique per call.
 */
export async function createUnitChain(s: TestServer, origin: [number, number], sizeM = 1000, kind = 'VILLAGE') {
  const n = next();
  const [lng, lat] = origin;
  const big = rect(lng - 0.05, lat - 0.05, sizeM + 20_000, sizeM + 20_000);
  const d = await s.ok(
    `mutation($code: String!, $g: GeoJSON) { createCounty(code: $code, name: "测试县", geometry: $g) { id } }`,
    { code: `64${n.slice(-4)}`, g: big },
  );
  const countyId = d.createCounty.id as string;
  const t = await s.ok(
    `mutation($code: String!, $c: ID!, $g: GeoJSON) { createTownship(code: $code, name: "测试镇", kind: TOWN, countyId: $c, geometry: $g) { id } }`,
    { code: `64${n}0`, c: countyId, g: big },
  );
  const townshipId = t.createTownship.id as string;
  const v = await s.ok(
    `mutation($code: String!, $t: ID!, $g: GeoJSON, $k: VillageKind) {
       createVillage(code: $code, name: "测试村", kind: $k, townshipId: $t, geometry: $g, households: 800, villagerGroups: 4) { id }
     }`,
    { code: `64${n}0201`.padEnd(12, '0'), t: townshipId, g: rect(lng, lat, sizeM, sizeM), k: kind },
  );
  return { countyId, townshipId, villageId: v.createVillage.id as string };
}
