import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';

/**
 * A GeoJSON geometry (RFC 7946, EPSG:4326 longitude/latitude) as a JSON object.
 * The scalar only parses; the services check geometry types and validity so that
 * bad geometry is refused with code BAD_GEOMETRY and a precise reason.
 */
export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry object (RFC 7946), coordinates in EPSG:4326 longitude/latitude.',
  serialize: (value) => value,
  parseValue: (value) => (typeof value === 'string' ? safeParse(value) : value),
  parseLiteral: (ast, variables) => {
    if (ast.kind === Kind.STRING) return safeParse(ast.value);
    return valueFromASTUntyped(ast, variables);
  },
});

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // left for the service to refuse with a reason
  }
}
