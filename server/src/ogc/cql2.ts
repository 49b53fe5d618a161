/**
 * A small, strict parser of a subset of CQL2 text (OGC API – Features Part 3), compiled to a
 * parameterised SQL condition. The subset:
 *
 *   condition  := or
 *   or         := and ( OR and )*
 *   and        := not ( AND not )*
 *   not        := NOT not | '(' condition ')' | spatial | comparison
 *   comparison := property ( '=' | '<>' | '<' | '<=' | '>' | '>=' ) literal
 *               | property [NOT] LIKE string | property [NOT] IN '(' literal, ... ')'
 *               | property [NOT] BETWEEN number AND number | property IS [NOT] NULL
 *   spatial    := S_INTERSECTS '(' geometry-property ',' geometry-literal ')'   (either order)
 *   geometry-literal := BBOX(minx, miny, maxx, maxy) | POINT(x y) | POLYGON((x y, ...), ...)
 *   literal    := 'string' ('' escapes a quote) | number | TRUE | FALSE
 *
 * Property names are checked against the collection's queryables; every value travels as a
 * parameter. Anything else is refused with a CqlError naming the position.
 */
import type { PropertyType } from './ogc.collections';

export class CqlError extends Error {}

export interface CqlContext {
  property(name: string): { sql: string; type: PropertyType } | undefined;
  /** The geometry column, and the name it is known by in filters. */
  geometry: { sql: string; name: string };
  /** SRID and axis order of the literals' coordinates (filter-crs). */
  srid: number;
  flip: boolean;
}

export const MAX_CQL_LENGTH = 4000;
const MAX_LITERAL_POSITIONS = 2000;

type Tok =
  | { t: 'id'; v: string; quoted: boolean; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'num'; v: number; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new CqlError(`unterminated string starting at position ${at + 1}`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += text[i++];
      }
      out.push({ t: 'str', v, at });
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new CqlError(`unterminated quoted property name at position ${at + 1}`);
      out.push({ t: 'id', v: text.slice(i + 1, end), quoted: true, at });
      i = end + 1;
    } else if (/[0-9.]/.test(c) || ((c === '-' || c === '+') && /[0-9.]/.test(text[i + 1] ?? ''))) {
      const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i))!;
      const v = Number(m[0]);
      if (!Number.isFinite(v)) throw new CqlError(`bad number at position ${at + 1}`);
      out.push({ t: 'num', v, at });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      out.push({ t: 'id', v: m[0], quoted: false, at });
      i += m[0].length;
    } else {
      const two = text.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '<>') {
        out.push({ t: 'op', v: two, at });
        i += 2;
        continue;
      }
      if ('=<>(),'.includes(c)) {
        out.push({ t: 'op', v: c, at });
        i++;
        continue;
      }
      throw new CqlError(`unexpected character "${c}" at position ${at + 1}`);
    }
  }
  out.push({ t: 'end', at: text.length });
  return out;
}

const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'LIKE',
  'IN',
  'BETWEEN',
  'IS',
  'NULL',
  'TRUE',
  'FALSE',
  'S_INTERSECTS',
  'BBOX',
  'POINT',
  'POLYGON',
]);

/** Compiles a CQL2 text filter to SQL with `?` parameters. */
export function compileCql2(text: string, ctx: CqlContext): { sql: string; params: unknown[] } {
  if (text.length > MAX_CQL_LENGTH)
    throw new CqlError(`the filter is ${text.length} characters long; at most ${MAX_CQL_LENGTH} are allowed`);
  const toks = tokenize(text);
  const params: unknown[] = [];
  let p = 0;
  let depth = 0;
  let positions = 0;

  const peek = () => toks[p]!;
  const isKw = (tok: Tok, kw: string) => tok.t === 'id' && !tok.quoted && tok.v.toUpperCase() === kw;
  const where = (tok: Tok) => (tok.t === 'end' ? 'at the end of the filter' : `at position ${tok.at + 1}`);
  const expectOp = (v: string) => {
    const tok = toks[p++]!;
    if (tok.t !== 'op' || tok.v !== v) throw new CqlError(`expected "${v}" ${where(tok)}`);
  };
  const expectKw = (kw: string) => {
    const tok = toks[p++]!;
    if (!isKw(tok, kw)) throw new CqlError(`expected ${kw} ${where(tok)}`);
  };
  const number = (): number => {
    const tok = toks[p++]!;
    if (tok.t !== 'num') throw new CqlError(`expected a number ${where(tok)}`);
    return tok.v;
  };

  function or(): string {
    const parts = [and()];
    while (isKw(peek(), 'OR')) {
      p++;
      parts.push(and());
    }
    return parts.length > 1 ? `(${parts.join(' or ')})` : parts[0]!;
  }
  function and(): string {
    const parts = [not()];
    while (isKw(peek(), 'AND')) {
      p++;
      parts.push(not());
    }
    return parts.length > 1 ? `(${parts.join(' and ')})` : parts[0]!;
  }
  function not(): string {
    if (++depth > 50) throw new CqlError('the filter is nested too deeply');
    try {
      const tok = peek();
      if (isKw(tok, 'NOT')) {
        p++;
        return `(not ${not()})`;
      }
      if (tok.t === 'op' && tok.v === '(') {
        p++;
        const inner = or();
        expectOp(')');
        return `(${inner})`;
      }
      if (isKw(tok, 'S_INTERSECTS')) return spatial();
      return comparison();
    } finally {
      depth--;
    }
  }

  function literal(type: PropertyType, name: string): unknown {
    const tok = toks[p++]!;
    if (type === 'boolean') {
      if (isKw(tok, 'TRUE')) return true;
      if (isKw(tok, 'FALSE')) return false;
      throw new CqlError(`${name} is true or false; expected TRUE or FALSE ${where(tok)}`);
    }
    if (type === 'string') {
      if (tok.t !== 'str') throw new CqlError(`${name} is text; expected a 'quoted string' ${where(tok)}`);
      return tok.v;
    }
    if (tok.t !== 'num') throw new CqlError(`${name} is a number; expected a number ${where(tok)}`);
    if (type === 'integer' && !Number.isInteger(tok.v))
      throw new CqlError(`${name} is a whole number; ${tok.v} ${where(tok)} is not`);
    return tok.v;
  }
  const cast = (type: PropertyType) =>
    type === 'integer' ? '::bigint' : type === 'number' ? '::float8' : type === 'boolean' ? '::boolean' : '::text';

  function property(): { sql: string; type: PropertyType; name: string } {
    const tok = toks[p++]!;
    if (tok.t !== 'id' || (!tok.quoted && KEYWORDS.has(tok.v.toUpperCase())))
      throw new CqlError(`expected a property name ${where(tok)}`);
    const prop = ctx.property(tok.v);
    if (!prop) throw new CqlError(`unknown property "${tok.v}" ${where(tok)}; see the collection's queryables`);
    return { ...prop, name: tok.v };
  }

  function comparison(): string {
    const prop = property();
    const tok = toks[p++]!;
    if (tok.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(tok.v)) {
      params.push(literal(prop.type, prop.name));
      return `${prop.sql} ${tok.v} ?${cast(prop.type)}`;
    }
    let negate = false;
    let kw = tok;
    if (isKw(tok, 'NOT')) {
      negate = true;
      kw = toks[p++]!;
    }
    if (isKw(kw, 'LIKE')) {
      if (prop.type !== 'string') throw new CqlError(`LIKE needs a text property; ${prop.name} is not`);
      params.push(literal('string', prop.name));
      return `${prop.sql} ${negate ? 'not like' : 'like'} ?::text`;
    }
    if (isKw(kw, 'IN')) {
      expectOp('(');
      const values = [literal(prop.type, prop.name)];
      while (peek().t === 'op' && (peek() as { v: string }).v === ',') {
        p++;
        values.push(literal(prop.type, prop.name));
      }
      expectOp(')');
      if (values.length > 1000) throw new CqlError('IN takes at most 1000 values');
      params.push(...values);
      return `${prop.sql} ${negate ? 'not in' : 'in'} (${values.map(() => `?${cast(prop.type)}`).join(', ')})`;
    }
    if (isKw(kw, 'BETWEEN')) {
      if (prop.type !== 'integer' && prop.type !== 'number')
        throw new CqlError(`BETWEEN needs a numeric property; ${prop.name} is not`);
      const lo = number();
      expectKw('AND');
      const hi = number();
      params.push(lo, hi);
      return `${prop.sql} ${negate ? 'not between' : 'between'} ?::float8 and ?::float8`;
    }
    if (!negate && isKw(kw, 'IS')) {
      const n = isKw(peek(), 'NOT');
      if (n) p++;
      expectKw('NULL');
      return `${prop.sql} is ${n ? 'not ' : ''}null`;
    }
    throw new CqlError(`expected a comparison (=, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL) ${where(kw)}`);
  }

  function position(): string {
    const x = number();
    const y = number();
    if (++positions > MAX_LITERAL_POSITIONS)
      throw new CqlError(`geometry literals may hold at most ${MAX_LITERAL_POSITIONS} positions`);
    return `${x} ${y}`;
  }
  function ring(): string {
    expectOp('(');
    const pts = [position()];
    while (peek().t === 'op' && (peek() as { v: string }).v === ',') {
      p++;
      pts.push(position());
    }
    expectOp(')');
    if (pts.length < 4) throw new CqlError('a polygon ring needs at least 4 positions');
    if (pts[0] !== pts[pts.length - 1])
      throw new CqlError('a polygon ring must be closed (its last position equal to its first)');
    return `(${pts.join(', ')})`;
  }
  function geometryLiteral(): string {
    const tok = toks[p++]!;
    let wkt: string;
    if (isKw(tok, 'BBOX')) {
      expectOp('(');
      const [a, b] = [number(), (expectOp(','), number())];
      const [c, d] = [(expectOp(','), number()), (expectOp(','), number())];
      expectOp(')');
      if (!(a < c && b < d)) throw new CqlError('BBOX needs min < max on both axes');
      wkt = `POLYGON((${a} ${b}, ${c} ${b}, ${c} ${d}, ${a} ${d}, ${a} ${b}))`;
    } else if (isKw(tok, 'POINT')) {
      expectOp('(');
      wkt = `POINT(${position()})`;
      expectOp(')');
    } else if (isKw(tok, 'POLYGON')) {
      expectOp('(');
      const rings = [ring()];
      while (peek().t === 'op' && (peek() as { v: string }).v === ',') {
        p++;
        rings.push(ring());
      }
      expectOp(')');
      wkt = `POLYGON(${rings.join(', ')})`;
    } else throw new CqlError(`expected a geometry (BBOX, POINT or POLYGON) ${where(tok)}`);
    params.push(wkt);
    let g = `ST_GeomFromText(?::text, ${ctx.srid})`;
    if (ctx.flip) g = `ST_FlipCoordinates(${g})`;
    return ctx.srid === 4326 ? g : `ST_Transform(${g}, 4326)`;
  }
  function spatial(): string {
    p++;
    expectOp('(');
    const geomName = () => {
      const tok = toks[p++]!;
      if (tok.t !== 'id' || tok.v !== ctx.geometry.name)
        throw new CqlError(`S_INTERSECTS compares the property "${ctx.geometry.name}" with a geometry ${where(tok)}`);
    };
    let lit: string;
    const first = peek();
    if (first.t === 'id' && first.v === ctx.geometry.name) {
      geomName();
      expectOp(',');
      lit = geometryLiteral();
    } else {
      lit = geometryLiteral();
      expectOp(',');
      geomName();
    }
    expectOp(')');
    return `ST_Intersects(${ctx.geometry.sql}, ${lit})`;
  }

  if (!text.trim()) throw new CqlError('the filter is empty');
  const sql = or();
  if (peek().t !== 'end')
    throw new CqlError(
      `unexpected ${JSON.stringify(text.slice(peek().at, peek().at + 20))} at position ${peek().at + 1}`,
    );
  return { sql, params };
}
