/** Every message of import and export, defined once, in Chinese and English. */
export interface Message {
  code: string;
  en: string;
  zh: string;
}

const m = (code: string, en: string, zh: string): Message => ({ code, en, zh });

export const TRANSFER_MESSAGES = {
  // Per-feature reasons of the dry-run report.
  notPolygon: (got: string) =>
    m('NOT_POLYGON', `the geometry is ${got || 'missing'}, not a polygon`, `几何不是面（${got || '缺失'}）`),
  invalidGeometry: (reason: string) => m('INVALID_GEOMETRY', `invalid geometry: ${reason}`, `几何无效：${reason}`),
  outsideWuzhong: () =>
    m(
      'OUTSIDE_WUZHONG',
      'the feature lies far outside Wuzhong: check the coordinate system',
      '要素远在吴忠市范围之外，请检查坐标系',
    ),
  missingCode: (field: string) =>
    m('MISSING_CODE', `no code (field ${field || 'not mapped'})`, `缺少编码（字段 ${field || '未映射'}）`),
  codeTooLong: (max: number) =>
    m('CODE_TOO_LONG', `the code is longer than ${max} characters`, `编码超过 ${max} 个字符`),
  duplicateCode: (code: string, first: number) =>
    m('DUPLICATE_CODE', `code ${code} is also used by feature ${first}`, `编码 ${code} 与第 ${first} 个要素重复`),
  missingName: (field: string) =>
    m('MISSING_NAME', `no name (field ${field || 'not mapped'})`, `缺少名称（字段 ${field || '未映射'}）`),
  nameTooLong: () => m('NAME_TOO_LONG', 'the name is longer than 200 characters', '名称超过 200 个字符'),
  badText: (field: string) => m('BAD_TEXT', `${field} holds a NUL character`, `${field} 含有空字符`),
  badNumber: (field: string, value: unknown) =>
    m(
      'BAD_NUMBER',
      `${field} must be a whole number from 0 to 2147483647, not ${JSON.stringify(value)}`,
      `${field} 必须是 0 到 2147483647 的整数，而不是 ${JSON.stringify(value)}`,
    ),
  badKind: (value: string, allowed: readonly string[]) =>
    m(
      'BAD_KIND',
      `kind ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
      `类型 ${JSON.stringify(value)} 不是 ${allowed.join('、')} 之一`,
    ),
  unknownParent: (code: string, what: string) =>
    m(
      'UNKNOWN_PARENT',
      `parent code ${code} names no ${what} in the database`,
      `上级编码 ${code} 在数据库中没有对应的${what}`,
    ),
  noParent: (what: string) =>
    m(
      'NO_PARENT',
      `no parent code, and no ${what} contains most of its area`,
      `没有上级编码，也没有哪个${what}包含其大部分面积`,
    ),
  outsideParent: (share: number, parent: string, max: number) =>
    m(
      'OUTSIDE_PARENT',
      `${(share * 100).toFixed(2)}% of its area lies outside ${parent}; at most ${(max * 100).toFixed(0)}% is allowed`,
      `${(share * 100).toFixed(2)}% 的面积在上级「${parent}」之外，最多允许 ${(max * 100).toFixed(0)}%`,
    ),
  overlaps: (list: string, m2: number) =>
    m('OVERLAPS', `overlaps ${list} by ${Math.round(m2)} m²`, `与 ${list} 重叠 ${Math.round(m2)} 平方米`),
  emptyAfterTrim: () => m('EMPTY_AFTER_TRIM', 'nothing is left after clipping and trimming', '裁剪后没有剩余面积'),
  outOfScope: () =>
    m('OUT_OF_SCOPE', 'outside the counties and townships you may edit', '超出您可编辑的县区和乡镇范围'),
  noGeometryNew: () => m('NO_GEOMETRY', 'a new record needs a boundary', '新记录必须有边界'),
  // Whole-file refusals.
  noLayer: (name: string, layers: string[]) =>
    `The file has no layer ${name}; its layers are ${layers.join(', ') || 'none'}.`,
  noLayers: () =>
    'GDAL found no vector layer in this file. Upload a zipped Shapefile (.shp, .shx, .dbf, .prj), GeoPackage, KML/KMZ, GeoJSON, DXF, CSV or XLSX.',
  unreadable: (reason: string) => `GDAL cannot read this file: ${reason}`,
  tooManyFeatures: (n: number, max: number) =>
    `The layer has ${n} features; at most ${max} are imported at once (IMPORT_MAX_FEATURES). Split the file.`,
  tooLarge: (max: number) =>
    `The upload is larger than ${max >= 1048576 ? `${Math.round(max / 1048576)} MB` : `${max} bytes`} (IMPORT_MAX_BYTES).`,
  needCrs: (candidates: string[]) =>
    `The file says nothing about its coordinate system. Choose one (--crs); from the coordinates it is probably ${candidates.slice(0, 3).join(' or ')}.`,
  legacyDatum: (datum: string) =>
    `The file is in ${datum}, a datum that cannot be converted to CGCS2000/WGS 84 without published transformation parameters (seven-parameter Helmert, from the surveying authority). Give them (--towgs84 dx,dy,dz,rx,ry,rz,ds), or ask for the data in CGCS2000.`,
  badTowgs84: () => 'Transformation parameters are 3 or 7 numbers separated by commas: dx,dy,dz[,rx,ry,rz,ds].',
  badCrs: (crs: string) => `${crs} is not a coordinate system GDAL knows; give it as EPSG:<code>.`,
  badEncoding: (enc: string) => `Encoding ${enc} is not supported; use UTF-8 or GBK.`,
  badTarget: (t: string) => `Target ${t} is not one of counties, townships, villages, grids.`,
  adminOnly: (t: string) => `Only an administrator may import ${t}.`,
  noCoordinates: () =>
    'The table has neither a geometry, a WKT column, nor longitude/latitude columns (map lng and lat, or wkt).',
  refused: (n: number, total: number) => `${n} of ${total} features are refused; nothing was written.`,
  // Export.
  badFormat: (f: string, allowed: readonly string[]) => `Format ${f} is not one of ${allowed.join(', ')}.`,
  badList: (l: string, allowed: readonly string[]) => `Cannot export ${l}; lists are ${allowed.join(', ')}.`,
  badFilter: () => 'filter must be a JSON object, as the list sends it.',
  badExportCrs: (crs: string, allowed: readonly string[]) =>
    `Cannot export in ${crs}; choose one of ${allowed.join(', ')}.`,
  tooManyRows: (n: number, max: number) =>
    `The export would hold ${n} records; at most ${max} (EXPORT_MAX_ROWS). Narrow the filter.`,
} as const;
