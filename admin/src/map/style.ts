import L from 'leaflet';

/** Covered-share classes for villages and communities (the legend reads from here). */
export const COVER_CLASSES: { min: number; colour: string; label: string }[] = [
  { min: 0.99, colour: '#1b7837', label: '≥ 99%' },
  { min: 0.9, colour: '#7fbf7b', label: '90–99%' },
  { min: 0.7, colour: '#d9f0d3', label: '70–90%' },
  { min: 0.4, colour: '#f4a582', label: '40–70%' },
  { min: 0, colour: '#d6604d', label: '< 40%' },
];
export const NO_DATA_COLOUR = '#bdbdbd';

export function coverColour(share: unknown): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return NO_DATA_COLOUR;
  return (COVER_CLASSES.find((c) => share >= c.min) ?? COVER_CLASSES[COVER_CLASSES.length - 1]!).colour;
}

export const SEVERITY_STROKE: Record<string, string> = { CRITICAL: '#b71c1c', WARNING: '#e65100', NOTICE: '#f9a825' };
export const GRID_OK_STROKE = '#1565c0';
export const gridStroke = (severity: unknown) =>
  (typeof severity === 'string' && SEVERITY_STROKE[severity]) || GRID_OK_STROKE;

export const UNCOVERED_COLOUR = '#d50000';
export const OVERLAP_COLOUR = '#ff9100';

/** Path options plus `hatch`: a colour to fill with diagonal stripes (see HatchCanvas). */
export interface HatchPathOptions extends L.PathOptions {
  hatch?: string;
}

const patterns = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasPattern | null>>();

function stripes(ctx: CanvasRenderingContext2D, colour: string): CanvasPattern | null {
  let byColour = patterns.get(ctx);
  if (!byColour) patterns.set(ctx, (byColour = new Map()));
  if (byColour.has(colour)) return byColour.get(colour)!;
  const size = 8;
  const tile = document.createElement('canvas');
  tile.width = tile.height = size;
  const t = tile.getContext('2d')!;
  t.strokeStyle = colour;
  t.lineWidth = 2;
  t.beginPath();
  // Two segments so the stripes join across tile edges.
  t.moveTo(0, size);
  t.lineTo(size, 0);
  t.moveTo(-size / 2, size / 2);
  t.lineTo(size / 2, -size / 2);
  t.moveTo(size / 2, size * 1.5);
  t.lineTo(size * 1.5, size / 2);
  t.stroke();
  const p = ctx.createPattern(tile, 'repeat');
  byColour.set(colour, p);
  return p;
}

/**
 * Leaflet's canvas renderer has no hatching: this one fills paths whose options
 * carry `hatch` with a striped pattern. One renderer serves every layer, so the
 * layers stay interactive (stacked canvases would swallow each other's events).
 */
export const HatchCanvas = (L.Canvas as any).extend({
  _fillStroke(this: any, ctx: CanvasRenderingContext2D, layer: L.Path) {
    const o = layer.options as HatchPathOptions;
    if (o.hatch && o.fill) {
      ctx.globalAlpha = o.fillOpacity ?? 1;
      ctx.fillStyle = stripes(ctx, o.hatch) ?? o.hatch;
      ctx.fill((o.fillRule as CanvasFillRule) || 'evenodd');
      o.fill = false;
      try {
        (L.Canvas.prototype as any)._fillStroke.call(this, ctx, layer);
      } finally {
        o.fill = true;
      }
      return;
    }
    (L.Canvas.prototype as any)._fillStroke.call(this, ctx, layer);
  },
  // Leaflet's canvas handles a mouse move at most every 32 ms and drops the rest, the last one too:
  // a pointer that stops within 32 ms of the previous move kept the tooltip (and the map's tile
  // hover) of where it was before. The last move dropped is handled when the pause ends.
  _handleMouseHover(this: any, e: MouseEvent, point: L.Point) {
    if (this._mouseHoverThrottled) {
      this._wzLastMove = e;
      return;
    }
    this._wzLastMove = null;
    (L.Canvas.prototype as any)._handleMouseHover.call(this, e, point);
    setTimeout(() => {
      const last = this._wzLastMove as MouseEvent | null;
      this._wzLastMove = null;
      if (last && this._map) this._onMouseMove(last);
    }, 33);
  },
}) as new (options?: L.RendererOptions) => L.Canvas;
