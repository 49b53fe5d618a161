/**
 * The server's messages are English (defined once in server/src/common/errors.ts and
 * auth/principal.ts); the Chinese UI shows them in Chinese. Each entry matches one server
 * message and gives its Chinese text; an unknown message is shown as it came.
 */
type Rule = [RegExp, (m: RegExpMatchArray) => string];

const TYPE_ZH: Record<string, string> = {
  Grid: '网格',
  Village: '村/社区',
  Township: '乡镇/街道',
  County: '县区',
  PartyUnit: '党组织',
  GridWorker: '网格员',
  User: '用户',
  ApiKey: 'API 密钥',
};
const typeZh = (t: string | undefined) => (t ? (TYPE_ZH[t] ?? t) : '');

const RULES: Rule[] = [
  [/^Wrong username or password\.$/, () => '用户名或密码错误。'],
  [
    /^Too many failed sign-ins: this account is locked until (.+?)\. Try again then, or ask an administrator\.$/,
    (m) => `登录失败次数过多：此账户锁定至 ${new Date(m[1]!).toLocaleString('zh-CN')}。请届时再试，或联系管理员。`,
  ],
  [/^This account is disabled\.$/, () => '此账户已停用。'],
  [/^Your sign-in has expired or is not valid; sign in again\.$/, () => '登录已过期或无效，请重新登录。'],
  [/^Sign in first/, () => '请先登录。'],
  [/^The current password is wrong\.$/, () => '当前密码不正确。'],
  [/^A password needs at least 8 characters\.$/, () => '密码至少需要 8 个字符。'],
  [/^Only an administrator may do this\.$/, () => '只有管理员可以执行此操作。'],
  [
    /^This API key may read but not import/,
    () => '此 API 密钥只能读取，不能导入：管理员在创建密钥时授予“导入边界”权限。',
  ],
  [
    /^This API key imports as its owner (\S+), who may no longer import/,
    (m) => `此 API 密钥以其所属用户 ${m[1]} 的身份导入，但该用户已不能导入（已停用，或不是管理员或编辑）。`,
  ],
  [/^This API key has no owner any more/, () => '此 API 密钥已没有所属用户（创建它的用户已删除），不能导入。'],
  [
    /^A coverage-only key cannot also import/,
    () => '仅限覆盖的密钥不能同时用于导入：请另建一个带“导入边界”权限的密钥。',
  ],
  [/^User (\S+) cannot own an API key/, (m) => `用户 ${m[1]} 不能作为 API 密钥的所属用户：请选择有效的管理员或编辑。`],
  [
    /^Only a key created by a signed-in administrator or editor can import/,
    () => '只有由已登录的管理员或编辑创建的密钥才能导入（导入受该用户权限约束）。',
  ],
  [/^An? (analyst|service key) may read but not change anything\.$/, () => '此角色只能查看，不能修改。'],
  [
    /^This record lies outside the counties and townships you may edit\.$/,
    () => '此记录不在您可编辑的县区、乡镇范围内。',
  ],
  [
    /^Editors may not change (\w+) records; ask an administrator\.$/,
    (m) => `编辑不能修改${typeZh(m[1])}记录，请联系管理员。`,
  ],
  [
    /^Another (\w+) already has this code; codes are unique\.$/,
    (m) => `已有其他${typeZh(m[1])}使用此代码：代码必须唯一，请换一个。`,
  ],
  [/^(\w+) (\S+) was changed by someone else/, (m) => `${typeZh(m[1])} ${m[2]} 已被他人修改。请重新加载后再修改。`],
  [
    /^This (\w+) was changed by someone else while you saved/,
    (m) => `保存时此${typeZh(m[1])}已被他人修改。请重新加载后再修改。`,
  ],
  [
    /^(\w+) (\S+) still has (\d+) (.+?); delete or move them first\.$/,
    (m) => `${typeZh(m[1])} ${m[2]} 下还有 ${m[3]} 条关联记录（${m[4]}），请先删除或移走。`,
  ],
  [/^(\w+) (\S+) does not exist\.$/, (m) => `${typeZh(m[1])} ${m[2]} 不存在。`],
  [
    /^That uncovered piece does not share an edge with the grid; choose a grid next to it\.$/,
    () => '这块覆盖空白与所选网格没有共用边：请选择与它相邻的网格。',
  ],
  [/^There is no uncovered land of this village or community at that point\.$/, () => '此处没有该村/社区的覆盖空白。'],
  [
    /^The grid leader \(worker (\S+)\) must be one of the grid's own workers/,
    () => '网格长必须是本网格的网格员：请先把此人加入网格员。',
  ],
  [/^Merging needs two or more different grids\.$/, () => '合并需要两个或更多不同的网格。'],
  [/^Only grids of one village or community can be merged\.$/, () => '只能合并同一村/社区的网格。'],
  [
    /^The grids do not touch: together they make (\d+) separate areas\. Merge neighbours only\.$/,
    (m) => `这些网格互不相邻（共 ${m[1]} 块）：只能合并相邻的网格。`,
  ],
  [
    /^The line must cut the grid into exactly two parts; it makes (\d+)\./,
    (m) => `拆分线必须把网格分成两部分，现在分成了 ${m[1]} 部分。请从网格外画到网格外，只穿过一次。`,
  ],
  [/^Nothing of the drawn shape is left after clipping/, () => '裁剪到村/社区并去掉重叠后，所画图形没有剩余部分。'],
  [/^name cannot be empty\.$/, () => '名称不能为空。'],
  [/^(\w+) cannot be negative\.$/, (m) => `${m[1]} 不能为负数。`],
  [/^A username has 2–64 letters/, () => '用户名为 2–64 个字母、数字或 . _ @ -。'],
  [/^(.+?) lies far outside Wuzhong/, () => '图形远在吴忠市范围之外：请确认坐标为 WGS 84 经纬度。'],
  [
    /^([\d.]+)% of this (\w+)'s area lies outside its (\w+); at most (\d+)% is allowed\.$/,
    (m) => `此图形有 ${m[1]}% 的面积在上级范围之外；最多允许 ${m[4]}%。`,
  ],
  [/^The 天地图 key \(tk\) has 8–64 letters and digits\.$/, () => '天地图密钥（tk）应为 8–64 个字母或数字。'],
  [/^A 天地图 base map needs the 天地图 key/, () => '天地图底图需要天地图密钥（tk）。'],
  [
    /^(\S+) of base map "(.+)" must be an http\(s\)/,
    (m) => `底图“${m[2]}”的地址模板须以 http(s):// 或 / 开头，并包含 {z}、{x}、{y}。`,
  ],
  [/^Base map "(.+)" needs an attribution/, (m) => `底图“${m[1]}”需要填写版权说明。`],
  [/^Base map "(.+)" needs a name\.$/, (m) => `底图“${m[1]}”需要名称。`],
  [/^Two base maps have the id "(.+)"/, (m) => `两个底图的 ID 都是“${m[1]}”：ID 必须唯一。`],
  [/^Base map id "(.+)" must be/, (m) => `底图 ID“${m[1]}”只能由 1–32 个小写字母、数字、- 或 _ 组成。`],
];

/** The UI language react-admin keeps in its store (zh-CN by default). */
export function currentLocale(): string {
  try {
    const v = localStorage.getItem('RaStore.locale');
    return v ? (JSON.parse(v) as string) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The server's message in the UI language, or null when it is not a known one (or the UI is English). */
export function translateServerMessage(message: string, locale = currentLocale()): string | null {
  if (locale === 'en') return null;
  for (const [re, zh] of RULES) {
    const m = message.match(re);
    if (m) return zh(m);
  }
  return null;
}
