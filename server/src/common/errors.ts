import { GraphQLError } from 'graphql';

/** The `extensions.code` values clients can rely on. */
export type ErrorCode =
  | 'BAD_GEOMETRY'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'ACCOUNT_LOCKED'
  | 'DEPTH_LIMIT_EXCEEDED'
  | 'COST_LIMIT_EXCEEDED'
  | 'ALIAS_LIMIT_EXCEEDED'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'BAD_REQUEST';

/**
 * Every user-facing message, defined once. Each takes the details it needs and
 * says what is wrong in words a person understands.
 */
export const messages = {
  notGeoJson: (field: string) =>
    `${field} is not a GeoJSON geometry object (expected {"type": ..., "coordinates": ...}).`,
  wrongGeometryType: (field: string, got: string, expected: readonly string[]) =>
    `${field} is a ${got}; expected ${expected.join(' or ')}.`,
  badCoordinates: (field: string, path: string) => `${field}: coordinates at ${path} are not an array of positions.`,
  nonFinite: (field: string, path: string) => `${field}: the position at ${path} holds a number that is not finite.`,
  outOfRange: (field: string, path: string, lng: number, lat: number) =>
    `${field}: the position at ${path} (${lng}, ${lat}) is outside longitude −180..180 / latitude −90..90. GeoJSON puts longitude first.`,
  ringTooShort: (field: string, path: string, n: number) =>
    `${field}: the ring at ${path} has ${n} positions; a closed ring needs at least 4 (the first repeated at the end).`,
  ringNotClosed: (field: string, path: string) =>
    `${field}: the ring at ${path} is not closed (its last position must equal its first).`,
  invalidGeometry: (field: string, reason: string) => `${field} is not a valid geometry: ${reason}.`,
  emptyGeometry: (field: string) => `${field} is empty.`,
  outsideWuzhong: (field: string) =>
    `${field} lies far outside Wuzhong (longitude 104.1–107.8, latitude 36.4–38.5, with a margin). Check the coordinates are WGS 84 longitude/latitude.`,
  spillsOutOfParent: (what: string, parent: string, share: number, max: number) =>
    `${(share * 100).toFixed(2)}% of this ${what}'s area lies outside its ${parent}; at most ${(max * 100).toFixed(0)}% is allowed.`,
  notFound: (type: string, id: string | number) => `${type} ${id} does not exist.`,
  staleVersion: (type: string, id: string | number, given: number, current: number) =>
    `${type} ${id} was changed by someone else (you edited version ${given}, it is now at version ${current}). Reload it and apply your change again.`,
  hasDependents: (type: string, id: string | number, what: string, n: number) =>
    `${type} ${id} still has ${n} ${what}; delete or move them first.`,
  duplicateCode: (type: string) => `Another ${type} already has this code; codes are unique.`,
  concurrentEdit: (type: string) =>
    `This ${type} was changed by someone else while you saved. Reload it and apply your change again.`,
  badSortField: (field: string, allowed: readonly string[]) =>
    `Cannot sort by ${field}; sort by one of ${allowed.join(', ')}.`,
  badSortOrder: (order: string) => `Sort order ${order} is neither ASC nor DESC.`,
  badPage: (max: number) => `page must be 0 or more and perPage from 1 to ${max}.`,
  badBbox: () => 'bbox must be [minLng, minLat, maxLng, maxLat] with min < max, in degrees.',
  badPoint: () => 'a point must be [lng, lat] in degrees.',
  badDistance: () => 'meters must be a positive number.',
  badId: (type: string, id: string) => `${id} is not a ${type} id.`,
  negative: (field: string) => `${field} cannot be negative.`,
  emptyName: () => 'name cannot be empty.',
  partyUnitCycle: () => 'a party unit cannot be its own ancestor.',
  overlapsSiblings: (list: string) =>
    `The grid overlaps ${list}, by more than 10 m². Move its boundary, or choose to trim it to avoid overlaps (overlaps: TRIM).`,
  emptyAfterShaping: () =>
    'Nothing of the drawn shape is left after clipping it to its village and trimming the overlaps.',
  splitNeedsTwo: (n: number) =>
    `The line must cut the grid into exactly two parts; it makes ${n}. Draw it across the grid once, from outside to outside.`,
  overlapsOtherVillages: (list: string) =>
    `The new boundary pushes into ${list}, of another village or community, by more than 10 m². Grids of other units do not move with it; change the boundary so it stays on this side.`,
  splitLineClosed: () =>
    'A closed loop does not split a grid (it would cut out an island). Draw a line across the grid, from outside to outside.',
  mergeNeedsTwo: () => 'Merging needs two or more different grids.',
  mergeOneVillage: () => 'Only grids of one village or community can be merged.',
  mergeNotTouching: (parts: number) =>
    `The grids do not touch: together they make ${parts} separate areas. Merge neighbours only.`,
  noGapThere: () => 'There is no uncovered land of this village or community at that point.',
  gapNotAdjacent: () => 'That uncovered piece does not share an edge with the grid; choose a grid next to it.',
  leaderNotAWorker: (id: string) =>
    `The grid leader (worker ${id}) must be one of the grid's own workers; add them to its workers first.`,
} as const;

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badGeometry = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError('BAD_GEOMETRY', message, extra);
export const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, extra);
export const notFound = (type: string, id: string | number) => new AppError('NOT_FOUND', messages.notFound(type, id));
export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, extra);
