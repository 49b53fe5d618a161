import { Type } from '@mikro-orm/core';
import type { Geometry } from './geojson';

/**
 * A PostGIS `geometry(MultiPolygon, 4326)` column that the entity sees as GeoJSON.
 * Writes go through ST_GeomFromGeoJSON (a Polygon becomes a one-part MultiPolygon);
 * reads through ST_AsGeoJSON. Properties of this type are lazy: lists never drag
 * polygons along, the GraphQL geometry fields load them in batches instead.
 */
export class MultiPolygonType extends Type<Geometry | null | undefined, string | null | undefined> {
  override convertToDatabaseValue(value: Geometry | string | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  override convertToJSValue(value: Geometry | string | null | undefined): Geometry | null | undefined {
    if (typeof value === 'string') return JSON.parse(value) as Geometry;
    return value;
  }

  override convertToDatabaseValueSQL(key: string): string {
    return `ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${key}), 4326)))`;
  }

  override convertToJSValueSQL(key: string): string {
    return `ST_AsGeoJSON(${key})`;
  }

  override getColumnType(): string {
    return 'geometry(MultiPolygon, 4326)';
  }

  override compareAsType(): string {
    return 'string';
  }
}
