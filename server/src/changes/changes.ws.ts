import type { Server } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse, getOperationAST, GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AuthService } from '../auth/auth.service';
import type { ChangeFeed } from './changes.service';
import type { SubscriptionContext } from './changes.resolver';

/**
 * GraphQL subscriptions over graphql-ws on the HTTP server's /graphql. Credentials come in
 * the connection_init payload ({ authorization: "Bearer …" } or { apiKey }); a connection
 * without them is closed. Only subscriptions run here: queries and mutations go over HTTP,
 * through the protection plugin.
 */
export function attachSubscriptions(
  server: Server,
  schema: GraphQLSchema,
  auth: AuthService,
  em: () => EntityManager,
  changeFeed: ChangeFeed,
): () => Promise<void> {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const cleanup = useServer<Record<string, unknown>, { principal?: SubscriptionContext['principal'] }>(
    {
      schema,
      onConnect: async (ctx) => {
        const p = ctx.connectionParams ?? {};
        try {
          const principal = await auth.authenticate(
            em(),
            typeof p.authorization === 'string' ? p.authorization : undefined,
            typeof p.apiKey === 'string' ? p.apiKey : undefined,
          );
          if (!principal) return false;
          ctx.extra.principal = principal;
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (_ctx, _id, payload) => {
        const doc = parse(payload.query);
        const op = getOperationAST(doc, payload.operationName);
        if (!op || op.operation !== 'subscription')
          return [
            new GraphQLError('Only subscriptions run over WebSocket; send queries and mutations over HTTP.', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        return undefined;
      },
      context: (ctx): SubscriptionContext => ({ principal: ctx.extra.principal ?? null, changeFeed }),
    },
    wss,
  );
  return async () => {
    await cleanup.dispose();
    wss.close();
  };
}
