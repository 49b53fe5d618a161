/** Plausible Chinese personal and place names from a seeded generator (Ningxia: many Hui surnames such as 马, 丁, 海, 杨). */
import type { Rng } from './prng';

// Surnames with rough weights for the region (马 is the most common surname among Ningxia's Hui).
const SURNAMES: [string, number][] = [
  ['马', 14],
  ['王', 10],
  ['李', 8],
  ['张', 7],
  ['杨', 6],
  ['刘', 5],
  ['田', 3],
  ['丁', 3],
  ['海', 2],
  ['白', 2],
  ['陈', 3],
  ['周', 2],
  ['赵', 2],
  ['吴', 2],
  ['徐', 1],
  ['孙', 1],
  ['何', 2],
  ['金', 1],
  ['冯', 1],
  ['罗', 1],
  ['苏', 1],
  ['郭', 2],
  ['黄', 1],
  ['高', 2],
  ['韩', 1],
  ['纳', 1],
  ['锁', 1],
  ['撒', 1],
  ['哈', 1],
  ['虎', 1],
  ['余', 1],
  ['魏', 1],
  ['沙', 1],
  ['冶', 1],
  ['拜', 1],
  ['闫', 1],
  ['朱', 1],
  ['胡', 1],
  ['袁', 1],
  ['蒋', 1],
];
const TOTAL = SURNAMES.reduce((s, [, w]) => s + w, 0);

const GIVEN = [
  '伟',
  '军',
  '勇',
  '强',
  '磊',
  '洋',
  '杰',
  '涛',
  '明',
  '超',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '鑫',
  '波',
  '斌',
  '宇',
  '浩',
  '凯',
  '健',
  '俊',
  '帆',
  '帅',
  '旭',
  '宁',
  '龙',
  '林',
  '峰',
  '建',
  '国',
  '文',
  '武',
  '忠',
  '福',
  '海',
  '成',
  '荣',
  '芳',
  '娟',
  '敏',
  '静',
  '丽',
  '艳',
  '霞',
  '燕',
  '玲',
  '婷',
  '雪',
  '琴',
  '慧',
  '红',
  '梅',
  '兰',
  '英',
  '萍',
  '莉',
  '娜',
  '学',
  '志',
  '春',
  '秀',
  '玉',
  '金',
  '小',
  '晓',
  '德',
  '永',
  '宏',
  '新',
  '少',
  '云',
  '彦',
  '瑞',
  '虎',
  '山',
  '亮',
  '录',
];

export function surname(rng: Rng): string {
  let x = rng.next() * TOTAL;
  for (const [s, w] of SURNAMES) {
    x -= w;
    if (x < 0) return s;
  }
  return '马';
}

export function personName(rng: Rng): string {
  const given = rng.next() < 0.72 ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return surname(rng) + given;
}

const PLACE_ENDINGS = [
  '家庄',
  '家湾',
  '家沟',
  '家岔',
  '家圈',
  '家滩',
  '家梁',
  '家塬',
  '家套子',
  '家堡',
  '家渠',
  '家井',
];
export function naturalVillageName(rng: Rng): string {
  return surname(rng) + rng.pick(PLACE_ENDINGS);
}

const INDUSTRIES = [
  '滩羊养殖',
  '肉牛养殖',
  '奶牛养殖',
  '枸杞种植',
  '葡萄种植',
  '黄花菜种植',
  '设施蔬菜',
  '小杂粮',
  '苹果种植',
  '中药材',
  '光伏扶贫',
  '农村电商',
  '农机服务',
  '劳务输出',
  '粮食种植',
  '红枣种植',
  '肉鸡养殖',
  '饲草种植',
  '乡村旅游',
  '扶贫车间',
];
export function industryName(rng: Rng): string {
  return rng.pick(INDUSTRIES);
}

const AGENCIES = [
  '市财政局',
  '市人社局',
  '市自然资源局',
  '市住建局',
  '市交通运输局',
  '市水务局',
  '市农业农村局',
  '市商务局',
  '市文旅局',
  '市卫健委',
  '市市场监管局',
  '市民政局',
  '市司法局',
  '市税务局',
  '市供电公司',
  '市移动公司',
  '市电信公司',
  '市联通公司',
  '市邮政公司',
  '市人民医院',
  '市第一中学',
  '市第二中学',
  '市实验小学',
  '市公安局',
  '市消防救援支队',
  '市城管局',
  '市生态环境局',
  '市统计局',
  '市审计局',
  '市教育局',
  '农商银行',
  '工商银行支行',
  '建设银行支行',
  '农业银行支行',
  '市燃气公司',
  '市自来水公司',
  '市公交公司',
  '市妇幼保健院',
  '市中医医院',
  '市气象局',
];
export function agencyName(rng: Rng, countyName: string): string {
  const a = rng.pick(AGENCIES);
  return a.startsWith('市') ? `${countyName}${a.slice(1)}` : `${countyName}${a}`;
}

const CHINESE_NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 12 → 十二, 20 → 二十, 34 → 三十四. */
export function chineseNumber(n: number): string {
  if (n <= 10) return CHINESE_NUMBERS[n]!;
  if (n < 20) return `十${CHINESE_NUMBERS[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CHINESE_NUMBERS[tens]}十${ones ? CHINESE_NUMBERS[ones] : ''}`;
}
