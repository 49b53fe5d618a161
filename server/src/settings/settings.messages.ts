/** The settings module's messages (English; the admin shows its own Chinese text per field). */
export const SETTINGS_MESSAGES = {
  badId: (id: string) => `Base map id "${id}" must be 1–32 lower-case letters, digits, "-" or "_".`,
  duplicateId: (id: string) => `Two base maps have the id "${id}"; ids are unique.`,
  emptyName: (id: string) => `Base map "${id}" needs a name.`,
  tooMany: (max: number) => `At most ${max} base maps.`,
  presetMissing: (id: string) => `Base map "${id}" is a 天地图 base map: choose its preset (VEC, IMG or TER).`,
  keyMissing: () => 'A 天地图 base map needs the 天地图 key (tk): enter it once in tiandituKey.',
  badKey: () => 'The 天地图 key (tk) has 8–64 letters and digits.',
  badUrl: (id: string, field: string) =>
    `${field} of base map "${id}" must be an http(s) or site-relative URL template containing {z}, {x} and {y}.`,
  attributionMissing: (id: string) =>
    `Base map "${id}" needs an attribution (who provides the tiles and under which terms).`,
  badZoom: (id: string) => `maxZoom of base map "${id}" must be from 1 to 22.`,
  unknownDefault: (id: string) => `defaultBaseMap "${id}" is not one of the base maps.`,
  badVillage: (id: string) => `${id} is not a Village id.`,
} as const;
