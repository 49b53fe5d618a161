/**
 * Issue #16's part of the seed, all of it GENERATED (marked `generated` in the tables, and
 * "（生成）" where a text says so): the joint party committees (联合党委) of 5 communities of
 * 同心县 with 106 member units, 633 units paired with 80 communities (结对共建) with over
 * 8,000 party members reporting to communities (双报到), 民情交办单 in those 5 communities
 * of which 99 are claimed, a few rectifications assigned or closed, and a generated coverage
 * history from 2019 (before the reform) to today. Deterministic for a seed number.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../../server/src/common/sql';
import { Severity } from '../../server/src/coverage/coverage.rules';
import { coverageHistory } from '../../server/src/coverage-history/coverage-history.service';
import { shanghaiDate } from '../../server/src/rectification/access';
import { personName } from './names';
import { Rng } from './prng';

/** The report's figures this part of the seed reproduces (DOMAIN.md). */
export const LOOP_REPORT = {
  tongxinCommittees: 5,
  tongxinMemberUnits: 106,
  tongxinClaimedOrders: 99,
  pairings: 633,
  pairedCommunities: 80,
  reportedPartyMembers: 8046, // "over 8,000"
} as const;

const TONGXIN = '640324';
const ENTERPRISES = [
  '供电',
  '燃气',
  '自来水',
  '清真食品',
  '建材',
  '物流',
  '通信',
  '物业服务',
  '农产品',
  '羊绒',
  '新能源',
  '建筑工程',
];
const INSTITUTIONS = [
  '第一小学',
  '第二小学',
  '回民中学',
  '人民医院',
  '中医医院',
  '妇幼保健院',
  '职业技术学校',
  '图书馆',
  '文化馆',
  '疾控中心',
];
const SOCIAL = ['志愿者协会', '慈善总会', '老年协会', '红十字会', '青年商会', '社会工作服务中心'];
const AGENCIES = [
  '财政局',
  '人社局',
  '自然资源局',
  '住建局',
  '交通运输局',
  '水务局',
  '农业农村局',
  '商务局',
  '文旅局',
  '卫健局',
  '市场监管局',
  '民政局',
  '司法局',
  '税务局',
  '公安局',
  '城管局',
  '生态环境分局',
  '统计局',
  '审计局',
  '教育局',
  '应急管理局',
  '医保局',
  '退役军人事务局',
  '林草局',
];
const KINDS = ['AGENCY', 'AGENCY', 'ENTERPRISE', 'ENTERPRISE', 'INSTITUTION', 'SOCIAL_ORGANISATION'] as const;
const PROBLEMS: [string, string][] = [
  ['停车', '小区门口乱停车，堵塞消防通道'],
  ['道路', '巷道路面破损，雨天积水'],
  ['排水', '下水道堵塞，污水外溢'],
  ['环境', '垃圾清运不及时'],
  ['照明', '路灯不亮，夜间出行不便'],
  ['供暖', '楼栋暖气不热'],
  ['治安', '楼道堆放杂物，存在安全隐患'],
  ['养老', '独居老人需要上门服务'],
  ['就业', '居民咨询公益性岗位'],
  ['绿化', '绿化带树木枯死需补植'],
  ['供水', '水压低，高层用水困难'],
  ['物业', '电梯故障多次报修未修复'],
];

const CHINESE = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** A unit's name; a name already taken becomes one of the unit's party branches (…第二党支部). */
function unitName(rng: Rng, county: string, kind: (typeof KINDS)[number], used: Map<string, number>): string {
  const base = baseName(rng, county, kind);
  const n = (used.get(base) ?? 0) + 1;
  used.set(base, n);
  return n === 1 ? base : `${base}第${CHINESE[(n - 1) % 10]}${n > 10 ? `（${n}）` : ''}党支部`;
}

function baseName(rng: Rng, county: string, kind: (typeof KINDS)[number]): string {
  switch (kind) {
    case 'AGENCY':
      return `${county}${rng.pick(AGENCIES)}`;
    case 'ENTERPRISE':
      return `宁夏${county.replace(/县|区|市$/, '')}${rng.pick(ENTERPRISES)}有限公司`;
    case 'INSTITUTION':
      return `${county}${rng.pick(INSTITUTIONS)}`;
    default:
      return `${county}${rng.pick(SOCIAL)}`;
  }
}

export interface LoopSeedResult {
  memberUnits: number;
  committeeMemberUnits: number;
  pairings: number;
  pairedCommunities: number;
  reportedPartyMembers: number;
  workOrders: number;
  claimed: number;
  historyRows: number;
}

export async function seedLoop(
  tx: EntityManager,
  seed: number,
  today: string = shanghaiDate(),
): Promise<LoopSeedResult> {
  const rng = Rng.of(seed, 'loop');
  // Findings' rectifications are opened by a deferred trigger; open them now to work on them in this transaction.
  await query(tx, 'set constraints rectification_sync immediate');
  await query(tx, 'delete from coverage_snapshot');

  const communities = await query<{
    id: number;
    name: string;
    county_code: string;
    county_name: string;
    township_id: number;
  }>(
    tx,
    `select v.id, v.name, c.code as county_code, c.name as county_name, v.township_id
     from village v join township t on t.id = v.township_id join county c on c.id = t.county_id
     where v.kind = 'COMMUNITY' and exists (select 1 from grid g where g.village_id = v.id) order by c.code = ? desc, v.code`,
    [TONGXIN],
  );
  const tongxin = communities.filter((c) => c.county_code === TONGXIN).slice(0, LOOP_REPORT.tongxinCommittees);
  if (tongxin.length < LOOP_REPORT.tongxinCommittees) return empty();
  const others = communities
    .filter((c) => !tongxin.includes(c))
    .slice(0, LOOP_REPORT.pairedCommunities - tongxin.length);

  // Member units: 106 in Tongxin's 5 joint committees (each also paired with its community), 527 paired elsewhere: 633 pairings.
  const committeeSizes = [22, 21, 21, 21, 21];
  const used = new Map<string, number>();
  const units: {
    name: string;
    kind: string;
    contact: string;
    phone: string;
    committee: number | null;
    pair: number;
    members: number;
  }[] = [];
  tongxin.forEach((c, i) => {
    for (let k = 0; k < committeeSizes[i]!; k++) {
      const kind = rng.pick(KINDS);
      units.push({
        name: unitName(rng, c.county_name, kind, used),
        kind,
        contact: personName(rng),
        phone: `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
        committee: c.id,
        pair: c.id,
        members: 0,
      });
    }
  });
  const rest = LOOP_REPORT.pairings - units.length;
  for (let i = 0; i < rest; i++) {
    const c = others[i % others.length]!;
    const kind = rng.pick(KINDS);
    units.push({
      name: unitName(rng, c.county_name, kind, used),
      kind,
      contact: personName(rng),
      phone: `138${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      committee: null,
      pair: c.id,
      members: 0,
    });
  }
  // 双报到: 8,046 party members over the 633 units, 4–24 each, the remainder on the first.
  let left: number = LOOP_REPORT.reportedPartyMembers;
  for (const u of units) {
    u.members = rng.int(4, 20);
    left -= u.members;
  }
  for (let i = 0; left !== 0; i = (i + 1) % units.length) {
    const step = left > 0 ? 1 : -1;
    if (units[i]!.members + step >= 1) {
      units[i]!.members += step;
      left -= step;
    }
  }
  const ids = await query<{ id: number }>(
    tx,
    `insert into member_unit (name, kind, contact_name, contact_phone, committee_village_id, reported_members, generated)
     select x.name, x.kind, x.contact, x.phone, x.committee, x.members, true
     from json_to_recordset(?::json) as x(name text, kind text, contact text, phone text, committee int, members int, n int)
     order by x.n returning id`,
    [JSON.stringify(units.map((u, n) => ({ ...u, n })))],
  );
  await query(
    tx,
    `insert into member_unit_pairing (member_unit_id, village_id) select x.id, x.v from json_to_recordset(?::json) as x(id int, v int)`,
    [JSON.stringify(ids.map((r, i) => ({ id: Number(r.id), v: units[i]!.pair })))],
  );

  // 民情交办单 in the 5 communities: 99 claimed (most done and scored, some still open, a few overdue), 14 not yet claimed.
  const committeeUnits = new Map<number, number[]>();
  ids.forEach((r, i) => {
    const c = units[i]!.committee;
    if (c) committeeUnits.set(c, [...(committeeUnits.get(c) ?? []), Number(r.id)]);
  });
  const end = Date.parse(`${today}T04:00:00Z`);
  const start = Date.parse('2020-06-01T02:00:00Z');
  const orders: Record<string, unknown>[] = [];
  const total = LOOP_REPORT.tongxinClaimedOrders + 14;
  for (let i = 0; i < total; i++) {
    const c = tongxin[i % tongxin.length]!;
    const [category, title] = rng.pick(PROBLEMS);
    const claimed = i < LOOP_REPORT.tongxinClaimedOrders;
    const recent = claimed ? i >= LOOP_REPORT.tongxinClaimedOrders - 12 : true; // the last ones are still being worked on
    const reported = recent ? end - rng.int(1, 25) * 86_400_000 : start + rng.next() * (end - 40 * 86_400_000 - start);
    const day = 86_400_000;
    const assigned = reported + rng.int(1, 2) * day;
    const claimedAt = assigned + rng.int(0, 2) * day;
    const done = claimedAt + rng.int(2, 12) * day;
    const status = !claimed
      ? i % 2
        ? 'ASSIGNED'
        : 'REPORTED'
      : recent
        ? i % 3
          ? 'CLAIMED'
          : 'DONE'
        : i % 7 === 0
          ? 'DONE'
          : 'SCORED';
    const five = rng.next() < 0.5;
    const score = five ? rng.pick([3, 4, 4, 5, 5, 5]) : rng.int(70, 100);
    const iso = (t: number) => new Date(t).toISOString();
    orders.push({
      title: `${title}（生成）`,
      category,
      village: c.id,
      seed: seed * 1000 + i + 1,
      channel: rng.pick(['STAFF', 'GRID_WORKER', 'GRID_WORKER', 'SERVICE']),
      reporter: personName(rng),
      created: iso(reported),
      status,
      unit: status === 'REPORTED' ? null : rng.pick(committeeUnits.get(c.id)!),
      assigned: status === 'REPORTED' ? null : iso(assigned),
      deadline: status === 'REPORTED' ? null : shanghaiDate(new Date(assigned + 7 * day)),
      claimed: claimed ? iso(claimedAt) : null,
      done: status === 'DONE' || status === 'SCORED' ? iso(done) : null,
      result: status === 'DONE' || status === 'SCORED' ? '已到现场处置，问题已解决（生成）' : null,
      scored: status === 'SCORED' ? iso(done + 2 * day) : null,
      score: status === 'SCORED' ? score : null,
      scale: status === 'SCORED' ? (five ? 'FIVE' : 'HUNDRED') : null,
      score100: status === 'SCORED' ? (five ? score * 20 : score) : null,
      comment:
        status === 'SCORED' ? rng.pick(['办理及时，群众满意', '处置到位', '响应较慢', '效果良好，已回访']) : null,
    });
  }
  await query(
    tx,
    `insert into work_order (code, title, description, category, address, point, channel, reported_by, reporter_name, village_id, grid_id, worker_id,
       routing, candidate_grid_ids, flagged, status, member_unit_id, deadline, assigned_at, claimed_at, done_at, scored_at, result, score, score_scale,
       score100, score_comment, generated, created_at, updated_at)
     select 'MQ' || to_char(x.created at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(nextval('work_order_code_seq')::text, 5, '0'),
       x.title, '（生成的示例数据）', x.category, v.name || g.name, p.pt, x.channel, 'seed', x.reporter, x.village, r.ids[1], wk.id,
       case when cardinality(r.ids) > 1 then 'SHARED_BOUNDARY' else 'GRID' end, r.ids, wk.id is null, x.status, x.unit, x.deadline::date,
       x.assigned, x.claimed, x.done, x.scored, x.result, x.score, x.scale, x.score100, x.comment, true, x.created, coalesce(x.scored, x.done, x.claimed, x.assigned, x.created)
     from json_to_recordset(?::json) as x(title text, category text, village int, seed int, channel text, reporter text, created timestamptz,
       status text, unit int, assigned timestamptz, deadline text, claimed timestamptz, done timestamptz, scored timestamptz, result text, score float8,
       scale text, score100 float8, comment text, n int)
     join village v on v.id = x.village
     cross join lateral (select g.* from grid g where g.village_id = x.village order by g.id offset (x.seed % greatest(1, (select count(*) from grid g2 where g2.village_id = x.village))) limit 1) g
     cross join lateral (select (ST_Dump(ST_GeneratePoints(g.geom, 1, x.seed))).geom as pt) p
     cross join lateral (select array(select g3.id from grid g3 where ST_Intersects(g3.geom, p.pt) order by ST_Area(g3.geom), g3.id) as ids) r
     left join lateral (select w.id from grid_worker_grids gw join grid_worker w on w.id = gw.grid_worker_id and w.active
                        where gw.grid_id = r.ids[1] order by w.id limit 1) wk on true
     order by x.n`,
    [JSON.stringify(orders.map((o, n) => ({ ...o, n })))],
  );

  // Rectification: a third of the open critical findings assigned to their township with a deadline (some past),
  // and closed rectifications for grids fixed by the reform (split oversized grids, staffed grids).
  await query(
    tx,
    `update rectification r set assignee_township_id = v.township_id,
       deadline = (?::date + ((r.id * 37) % 60) - 30)::date, note = '限期整改（生成）', version = r.version + 1
     from village v where v.id = r.village_id and r.status = 'OPEN' and r.severity = '${Severity.CRITICAL}' and r.id % 3 = 0`,
    [today],
  );
  await query(
    tx,
    `with fixed as (
       select g.id, g.village_id, g.name, case when v.kind = 'COMMUNITY' and g.id % 2 = 0 then 'OVERSIZED_GRID' else 'UNSTAFFED_GRID' end as kind
       from grid g join village v on v.id = g.village_id
       where (hashtext(g.code || ?::text) % 9) = 0
         and not exists (select 1 from coverage_finding f where f.grid_id = g.id and f.kind in ('OVERSIZED_GRID', 'UNSTAFFED_GRID'))),
     ins as (
       insert into rectification (finding_id, kind, severity, village_id, grid_id, subject_name, status, assignee_township_id, deadline, note,
         opened_at, closed_at, created_at, updated_at)
       select f.kind || '-g' || f.id, f.kind, '${Severity.CRITICAL}', f.village_id, f.id, f.name, 'CLOSED', v.township_id,
         date '2020-06-30' + (f.id % 200), '网格调整后自动销号（生成的历史数据）',
         timestamptz '2019-12-01' + (f.id % 90) * interval '1 day', timestamptz '2020-05-01' + (f.id % 400) * interval '1 day',
         timestamptz '2019-12-01' + (f.id % 90) * interval '1 day', now()
       from fixed f join village v on v.id = f.village_id
       on conflict (finding_id) do nothing returning id, opened_at, closed_at)
     insert into rectification_event (rectification_id, at, action, username, role, text)
     select id, opened_at, 'OPENED', 'seed', 'SYSTEM', '（生成）' from ins
     union all select id, closed_at, 'AUTO_CLOSED', 'seed', 'SYSTEM', '（生成）' from ins`,
    [String(seed)],
  );

  const historyRows = await coverageHistory.generate(tx, '2019-01-01', today);
  await coverageHistory.snapshot(tx, today);

  const [r] = await query<Record<string, number>>(
    tx,
    `select (select count(*) from member_unit)::int as member_units, (select count(*) from member_unit where committee_village_id is not null)::int as committee,
            (select count(*) from member_unit_pairing)::int as pairings, (select count(distinct village_id) from member_unit_pairing)::int as paired,
            (select coalesce(sum(reported_members), 0) from member_unit)::int as members,
            (select count(*) from work_order)::int as orders, (select count(*) from work_order where claimed_at is not null)::int as claimed`,
  );
  const result = {
    memberUnits: r!.member_units!,
    committeeMemberUnits: r!.committee!,
    pairings: r!.pairings!,
    pairedCommunities: r!.paired!,
    reportedPartyMembers: r!.members!,
    workOrders: r!.orders!,
    claimed: r!.claimed!,
    historyRows,
  };
  // The report's numbers, exactly: a seed that misses them fails (and rolls back) rather than mislead.
  const want = {
    committeeMemberUnits: LOOP_REPORT.tongxinMemberUnits,
    claimed: LOOP_REPORT.tongxinClaimedOrders,
    pairings: LOOP_REPORT.pairings,
    pairedCommunities: LOOP_REPORT.pairedCommunities,
    reportedPartyMembers: LOOP_REPORT.reportedPartyMembers,
  };
  const off = Object.entries(want).filter(([k, v]) => result[k as keyof typeof want] !== v);
  if (off.length)
    throw new Error(
      `generated loop data misses the report: ${off.map(([k, v]) => `${k} ${result[k as keyof typeof want]} ≠ ${v}`).join(', ')}`,
    );
  return result;

  function empty(): LoopSeedResult {
    return {
      memberUnits: 0,
      committeeMemberUnits: 0,
      pairings: 0,
      pairedCommunities: 0,
      reportedPartyMembers: 0,
      workOrders: 0,
      claimed: 0,
      historyRows: 0,
    };
  }
}

/** Lines for the seed's summary. */
export function loopSummary(r: LoopSeedResult): string[] {
  return [
    `generated (issue #16): ${r.memberUnits} member units (${r.committeeMemberUnits} in ${LOOP_REPORT.tongxinCommittees} Tongxin joint committees; report 106), ` +
      `${r.pairings} pairings with ${r.pairedCommunities} communities (report 633 / 80), ${r.reportedPartyMembers.toLocaleString('en-US')} party members reporting (report 8,000+), ` +
      `${r.workOrders} work orders of which ${r.claimed} claimed (report 99), ${r.historyRows.toLocaleString('en-US')} generated coverage snapshots since 2019`,
  ];
}
