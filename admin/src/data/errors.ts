/** The data provider's refusals, as components may inspect them (code, the server's extensions). */
export interface GqlError {
  message: string;
  extensions?: { code?: string; [k: string]: unknown };
}

/** A refused request: `message` is said for people (translated), `errors` keeps the server's own. */
export class GqlRequestError extends Error {
  constructor(
    message: string,
    public readonly errors: GqlError[],
  ) {
    super(message);
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}
