// The untyped packages the vector-tile layer uses (leaflet.vectorgrid extends the global L).
declare module 'leaflet.vectorgrid';
declare module 'pbf' {
  export default class Pbf {
    constructor(buf?: ArrayBuffer | Uint8Array);
  }
}
declare module 'vector-tile' {
  export class VectorTile {
    constructor(pbf: unknown);
    layers: Record<string, any>;
  }
}
