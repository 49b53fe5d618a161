import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** How a base map's tiles are addressed. */
export enum BaseMapKind {
  /** 天地图 (Tianditu): WMTS in Web Mercator (the `_w` services), with the key (tk) of the settings. */
  TIANDITU = 'TIANDITU',
  /** Any XYZ template: {z}/{x}/{y}, optionally {s} subdomains. */
  XYZ = 'XYZ',
  /** A WMTS GetTile KVP template in Web Mercator (GoogleMapsCompatible): {z}, {x} = TileCol, {y} = TileRow. */
  WMTS = 'WMTS',
}
registerEnumType(BaseMapKind, {
  name: 'BaseMapKind',
  description: 'How a base map is addressed: TIANDITU preset, XYZ template, WMTS KVP template.',
});

/** The 天地图 presets: base layer and its label layer. */
export enum TiandituPreset {
  /** 矢量: vec_w + cva_w */
  VEC = 'VEC',
  /** 影像: img_w + cia_w */
  IMG = 'IMG',
  /** 地形: ter_w + cta_w */
  TER = 'TER',
}
registerEnumType(TiandituPreset, {
  name: 'TiandituPreset',
  description: '天地图 presets: VEC 矢量 (vec_w + cva_w), IMG 影像 (img_w + cia_w), TER 地形 (ter_w + cta_w).',
});

@ObjectType({ description: 'A base map the admin offers under the grids.' })
export class BaseMap {
  @Field(() => String, { description: 'Stable id, [a-z0-9_-]{1,32}.' })
  id!: string;

  @Field(() => String, { description: 'The name shown in the layer switcher.' })
  name!: string;

  @Field(() => BaseMapKind)
  kind!: BaseMapKind;

  @Field(() => TiandituPreset, { nullable: true, description: 'For TIANDITU: which preset.' })
  preset?: TiandituPreset | null;

  @Field(() => String, {
    nullable: true,
    description: 'For XYZ and WMTS: the tile URL template ({z}, {x}, {y}, optional {s}).',
  })
  url?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An optional label/overlay template drawn above the base (same placeholders).',
  })
  labelUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Subdomains for {s}, e.g. "01234567".' })
  subdomains?: string | null;

  @Field(() => String, { nullable: true, description: 'Attribution shown on the map (required for XYZ and WMTS).' })
  attribution?: string | null;

  @Field(() => Boolean, {
    description:
      'The tiles are in GCJ-02 (Gaode/Tencent style): the admin shifts the grids for display and back on save.',
  })
  gcj02!: boolean;

  @Field(() => Int, { description: 'The deepest zoom level the provider serves.' })
  maxZoom!: number;
}

@ObjectType({ description: "The admin map's base maps, chosen at run time by an administrator." })
export class MapSettings {
  @Field(() => String, {
    nullable: true,
    description:
      'The 天地图 key (tk), entered once; signed-in users get it because their browsers ask 天地图 for tiles with it.',
  })
  tiandituKey!: string | null;

  @Field(() => [BaseMap])
  baseMaps!: BaseMap[];

  @Field(() => String, { nullable: true, description: 'The base map shown first; null: none (offline, the default).' })
  defaultBaseMap!: string | null;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => String, { nullable: true })
  updatedBy!: string | null;
}

@InputType()
export class BaseMapInput {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => BaseMapKind)
  kind!: BaseMapKind;

  @Field(() => TiandituPreset, { nullable: true })
  preset?: TiandituPreset | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  labelUrl?: string | null;

  @Field(() => String, { nullable: true })
  subdomains?: string | null;

  @Field(() => String, { nullable: true })
  attribution?: string | null;

  @Field(() => Boolean, { nullable: true })
  gcj02?: boolean | null;

  @Field(() => Int, { nullable: true })
  maxZoom?: number | null;
}
