/**
 * The drawing tools, one file each, and the registry the map's toolbar renders from:
 * a tool's kind (controller.ts `Tool`) → its panel.
 */
import type { ReactElement } from 'react';
import type { Tool } from '../controller';
import type { ModeProps } from './common';
import { DrawTool } from './DrawTool';
import { EditTool } from './EditTool';
import { MergeTool } from './MergeTool';
import { SplitTool } from './SplitTool';

export type { ModeProps, Saved } from './common';

type ToolOf<K extends Tool['kind']> = Extract<Tool, { kind: K }>;

/** Every tool with a panel ('pick' has none: it waits for a click on a unit). */
export const TOOLS: { [K in Exclude<Tool['kind'], 'pick'>]: (tool: ToolOf<K>, props: ModeProps) => ReactElement } = {
  draw: (t, p) => <DrawTool key={t.unitId} unitId={t.unitId} {...p} />,
  edit: (t, p) => <EditTool key={t.gridId} gridId={t.gridId} {...p} />,
  split: (t, p) => <SplitTool key={t.gridId} gridId={t.gridId} {...p} />,
  merge: (t, p) => <MergeTool ids={t.ids} {...p} />,
};

export function renderTool(tool: Tool, props: ModeProps): ReactElement | null {
  if (tool.kind === 'pick') return null;
  return (TOOLS[tool.kind] as (t: Tool, p: ModeProps) => ReactElement)(tool, props);
}
