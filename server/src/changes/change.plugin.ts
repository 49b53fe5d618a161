import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

/**
 * Puts the ids of the changes a request made into the response: `extensions.changeIds`
 * (in order). A client keeps them for undo (`revertChange`) without asking the audit trail.
 */
export function changeIdsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const ids = contextValue.changeIds;
          if (!ids?.length || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            changeIds: ids.map(String),
          };
        },
      };
    },
  };
}
