import { Box } from '@mui/material';
import { useEffect, useRef } from 'react';
import { Form, ResourceContextProvider } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { GridAttributes } from '../../data/gridEditing';
import { GridAttributeInputs } from '../../grids/GridAttributeInputs';

/** Hands the form's values to the map tool that saves them (its own buttons, next to the shape's errors). */
function ValuesOut({ onChange }: { onChange(v: GridAttributes): void }) {
  const values = useWatch() as Record<string, any>;
  const out = useRef(onChange);
  out.current = onChange;
  const key = JSON.stringify(values);
  useEffect(() => {
    out.current({
      name: values.name ?? '',
      code: values.code || null,
      kind: values.kind || null,
      households: values.households ?? null,
      population: values.population ?? null,
      workerIds: (values.workerIds ?? []).map(String),
      leaderId: values.leaderId || null,
      partyUnitId: values.partyUnitId || null,
    });
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}

/**
 * The map's grid form (drawing a grid, filling a gap): the grids resource's own inputs
 * (GridAttributeInputs) in a react-admin form over the unit being drawn in.
 */
export function GridAttributesFields({
  value,
  onChange,
  autoFocus,
  minWidth,
  withPartyUnit,
  villageId,
}: {
  value: GridAttributes;
  onChange(v: GridAttributes): void;
  autoFocus?: boolean;
  minWidth?: number;
  withPartyUnit?: boolean;
  /** The unit the grid is in: its next grid code is suggested. */
  villageId?: string;
}) {
  return (
    <ResourceContextProvider value="grids">
      <Form record={{ ...value, villageId }} onSubmit={() => undefined} noValidate>
        <Box sx={{ mt: 1, minWidth, width: '100%', boxSizing: 'border-box' }} data-testid="grid-attributes">
          <GridAttributeInputs creating fixedVillage withPartyUnit={withPartyUnit} autoFocus={autoFocus} />
        </Box>
        <ValuesOut onChange={onChange} />
      </Form>
    </ResourceContextProvider>
  );
}
