import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { bboxOf, checkGeometry, isGeometryObject, POINT, POLYGONAL } from './geojson';

const square = [
  [
    [106, 38],
    [106.01, 38],
    [106.01, 38.01],
    [106, 38.01],
    [106, 38],
  ],
];

/** The error checkGeometry throws for a value: its code and message. */
function refusal(value: unknown, expected: readonly string[] = POLYGONAL): { code: unknown; message: string } {
  try {
    checkGeometry(value, 'geometry', expected);
  } catch (e) {
    expect(e).toBeInstanceOf(GraphQLError);
    return { code: (e as GraphQLError).extensions.code, message: (e as GraphQLError).message };
  }
  throw new Error('accepted');
}

describe('GeoJSON checks (before the database sees a geometry)', () => {
  it('accepts a closed Polygon, a MultiPolygon and a Point, and returns the value itself', () => {
    const polygon = { type: 'Polygon', coordinates: square };
    expect(checkGeometry(polygon, 'geometry', POLYGONAL)).toBe(polygon);
    expect(checkGeometry({ type: 'MultiPolygon', coordinates: [square, square] }, 'geometry', POLYGONAL).type).toBe(
      'MultiPolygon',
    );
    expect(checkGeometry({ type: 'Point', coordinates: [106.2, 37.9, 1100] }, 'location', POINT).type).toBe('Point');
  });

  it.each<[string, unknown, RegExp]>([
    ['no object', 'POLYGON((0 0))', /not a GeoJSON geometry object/],
    ['an unknown type', { type: 'Circle', coordinates: [] }, /not a GeoJSON geometry object/],
    [
      'a Feature, not a geometry',
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: square } },
      /not a GeoJSON geometry object/,
    ],
    [
      'the wrong type',
      {
        type: 'LineString',
        coordinates: [
          [106, 38],
          [106.1, 38],
        ],
      },
      /is a LineString; expected Polygon or MultiPolygon/,
    ],
    [
      'an open ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [106, 38],
            [106.01, 38],
            [106.01, 38.01],
            [106, 38.01],
          ],
        ],
      },
      /has 4 positions|is not closed/,
    ],
    [
      'a ring of three',
      {
        type: 'Polygon',
        coordinates: [
          [
            [106, 38],
            [106.01, 38],
            [106, 38],
          ],
        ],
      },
      /has 3 positions; a closed ring needs at least 4/,
    ],
    [
      'latitude first',
      {
        type: 'Polygon',
        coordinates: [
          [
            [38, 106],
            [38.01, 106],
            [38.01, 106.01],
            [38, 106],
          ],
        ],
      },
      /outside longitude −180..180 \/ latitude −90..90/,
    ],
    [
      'a NaN',
      {
        type: 'Polygon',
        coordinates: [
          [
            [106, 38],
            [Number.NaN, 38],
            [106.01, 38.01],
            [106, 38],
          ],
        ],
      },
      /not finite/,
    ],
    ['a flat coordinate list', { type: 'Polygon', coordinates: [106, 38, 106.01, 38] }, /not an array of positions/],
    ['an empty MultiPolygon', { type: 'MultiPolygon', coordinates: [] }, /is empty/],
  ])('refuses %s with BAD_GEOMETRY and a reason', (_what, value, reason) => {
    const r = refusal(value);
    expect(r.code).toBe('BAD_GEOMETRY');
    expect(r.message).toMatch(reason);
  });

  it('names the path of the bad ring inside a MultiPolygon', () => {
    const open = [
      [
        [106, 38],
        [106.01, 38],
        [106.01, 38.01],
        [106, 38.01],
        [106.001, 38],
      ],
    ];
    expect(refusal({ type: 'MultiPolygon', coordinates: [square, open] }).message).toContain('coordinates[1][0]');
  });

  it('isGeometryObject tells geometries from look-alikes', () => {
    expect(isGeometryObject({ type: 'Point', coordinates: [1, 2] })).toBe(true);
    expect(isGeometryObject({ type: 'Point' })).toBe(false);
    expect(isGeometryObject([{ type: 'Point', coordinates: [1, 2] }])).toBe(false);
    expect(isGeometryObject(null)).toBe(false);
  });

  it('bboxOf spans every position, holes and parts included', () => {
    expect(
      bboxOf({
        type: 'MultiPolygon',
        coordinates: [
          square,
          [
            [
              [105, 37],
              [105.5, 37],
              [105.5, 37.5],
              [105, 37],
            ],
          ],
        ],
      }),
    ).toEqual([105, 37, 106.01, 38.01]);
    expect(bboxOf({ type: 'Point', coordinates: [106.2, 37.9] })).toEqual([106.2, 37.9, 106.2, 37.9]);
  });
});
