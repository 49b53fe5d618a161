/** Data-provider methods of the workflows: rectification and work-order transitions, reporting, API keys, history restore. */
import type { RestoreState, ScoreScale } from '../generated/graphql';
import type { Request } from './request';

export function workflowMethods(request: Request) {
  const run = async (query: string, variables: Record<string, unknown>) => {
    await request(query, variables);
  };
  return {
    assignRectification: (
      id: string,
      v: { townshipId: string | null; deadline: string | null; note: string | null; version: number },
    ) =>
      run(
        'mutation($id: ID!, $t: ID, $d: String, $n: String, $v: Int) { assignRectification(id: $id, townshipId: $t, deadline: $d, note: $n, version: $v) { id } }',
        { id, t: v.townshipId, d: v.deadline, n: v.note, v: v.version },
      ),
    commentRectification: (id: string, text: string) =>
      run('mutation($id: ID!, $t: String!) { commentRectification(id: $id, text: $t) { id } }', { id, t: text }),
    waiveRectification: (id: string, reason: string) =>
      run('mutation($id: ID!, $r: String!) { waiveRectification(id: $id, reason: $r) { id } }', { id, r: reason }),
    unwaiveRectification: (id: string) => run('mutation($id: ID!) { unwaiveRectification(id: $id) { id } }', { id }),

    assignWorkOrder: (id: string, memberUnitId: string, deadline: string | null) =>
      run(
        'mutation($id: ID!, $m: ID!, $d: String) { assignWorkOrder(id: $id, memberUnitId: $m, deadline: $d) { id } }',
        { id, m: memberUnitId, d: deadline },
      ),
    claimWorkOrder: (id: string) => run('mutation($id: ID!) { claimWorkOrder(id: $id) { id } }', { id }),
    reportWorkOrder: (id: string, result: string) =>
      run('mutation($id: ID!, $r: String!) { reportWorkOrder(id: $id, result: $r) { id } }', { id, r: result }),
    scoreWorkOrder: (id: string, score: number, scale: ScoreScale, comment: string | null) =>
      run(
        'mutation($id: ID!, $s: Float!, $sc: ScoreScale, $c: String) { scoreWorkOrder(id: $id, score: $s, scale: $sc, comment: $c) { id } }',
        { id, s: score, sc: scale, c: comment },
      ),

    /** Where a report at a point would go (preview before sending). */
    async routeWorkOrder(
      lng: number,
      lat: number,
    ): Promise<{
      routing: string;
      gridName: string | null;
      workerName: string | null;
      villageName: string | null;
      flags: string[];
    }> {
      return (
        await request<{ routeWorkOrder: any }>(
          'query($x: Float!, $y: Float!) { routeWorkOrder(lng: $x, lat: $y) { routing gridName workerName villageName flags } }',
          { x: lng, y: lat },
        )
      ).data.routeWorkOrder;
    },
    /** A grid worker's report from the field (channel GRID_WORKER). */
    async reportFromField(
      title: string,
      description: string | null,
      point: [number, number],
    ): Promise<{ id: string; code: string }> {
      return (
        await request<{ createWorkOrder: { id: string; code: string } }>(
          'mutation($t: String!, $d: String, $p: [Float!]) { createWorkOrder(title: $t, description: $d, point: $p, channel: GRID_WORKER) { id code } }',
          { t: title, d: description, p: point },
        )
      ).data.createWorkOrder;
    },

    revokeApiKey: (id: string) => run('mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }', { id }),
    /** Puts a grid back as it was before (or after) an audit event. */
    restoreGridFromEvent: (eventId: string, state: RestoreState) =>
      run('mutation($id: ID!, $state: RestoreState) { restoreGrid(eventId: $id, state: $state) { id name version } }', {
        id: eventId,
        state,
      }),
  };
}
