import CreateIcon from '@mui/icons-material/Create';
import RedoIcon from '@mui/icons-material/Redo';
import UndoIcon from '@mui/icons-material/Undo';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  Paper,
  Radio,
  RadioGroup,
  Snackbar,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { GridAttributes, GridState } from '../../data/gridEditing';
import { useWzDataProvider } from '../../data/useWzDataProvider';
import { useMapHandle, type Selection } from '../MapContext';
import { signal, type DrawController, type DrawDialog } from './controller';
import { toDrawError, type DrawError } from './drawError';
import { GridAttributesFields } from './GridAttributesFields';
import { renderTool, type Saved } from './tools';
import { ErrorBox, ToolPanel } from './shared';
import { UnsavedGuard } from './UnsavedGuard';

/**
 * The drawing tools of the map page (issue 6): a child of <CoverageMap>, so it has the
 * Leaflet map from MapContext. The toolbar (draw, undo), the active tool's panel, and the
 * dialogs opened from the side panel (gap, delete). After every save the map's layers are
 * reloaded (colours, hatching), the side panel refreshed and the undo step kept.
 */
/** A step of the map's undo/redo stacks: a change on the server. */
interface Step {
  label: string;
  changeId: string;
}

export function DrawTools({ ctl, select }: { ctl: DrawController; select(s: Selection | null): void }) {
  const translate = useTranslate();
  const handle = useMapHandle()!;
  const dataProvider = useWzDataProvider();
  const [undoing, setUndoing] = useState(false);
  // The undo/redo stacks: each step is a change on the server, undone or redone whole by revertChange.
  const [history, setHistory] = useState<{ done: Step[]; undone: Step[] }>({ done: [], undone: [] });
  const [note, setNote] = useState<string | null>(null);
  const tool = ctl.tool;

  useEffect(() => {
    if (!window.__wzDraw) signal({ tool: null, state: 'idle' });
  }, []);

  const onSaved = (s: Saved) => {
    ctl.setTool(null);
    // The save's change id came back with its response: undo reverts that change whole on the server.
    const changeId = s.changeId;
    if (changeId) setHistory((h) => ({ done: [...h.done, { label: s.label, changeId }], undone: [] }));
    handle.reload();
    ctl.bump();
    if (s.select) select({ layer: 'grids', id: s.select });
    setNote(translate('wz.draw.saved', { label: s.label }));
    signal({ state: 'saved', error: null, saved: { op: s.op, ids: s.ids, n: 0 }, countSave: true });
  };
  const onCancel = () => ctl.setTool(null);

  // Escape leaves the current tool (its unsaved shape is dropped, as with the cancel button).
  useEffect(() => {
    if (!tool) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement))
        ctl.setTool(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tool, ctl]);

  /** One step back (undo) or forward (redo): reverts the step's change and moves it to the other stack. */
  const step = async (direction: 'undo' | 'redo') => {
    const from = direction === 'undo' ? history.done : history.undone;
    const last = from.at(-1);
    if (!last) return;
    setUndoing(true);
    try {
      const change = await dataProvider.revertChange(last.changeId);
      const next: Step = { label: last.label, changeId: change.id };
      setHistory((h) =>
        direction === 'undo'
          ? { done: h.done.slice(0, -1), undone: [...h.undone, next] }
          : { done: [...h.done, next], undone: h.undone.slice(0, -1) },
      );
      setNote(translate(direction === 'undo' ? 'wz.draw.undone' : 'wz.draw.redone', { label: last.label }));
      select(null);
      handle.reload();
      ctl.bump();
      signal({ state: direction === 'undo' ? 'undone' : 'redone' });
    } catch (e) {
      const err = toDrawError(e);
      setNote(`${translate(direction === 'undo' ? 'wz.draw.undo_failed' : 'wz.draw.redo_failed')}: ${err.message}`);
      signal({ state: 'error', error: `${err.code}: ${err.message}` });
    } finally {
      setUndoing(false);
    }
  };
  const nextUndo = history.done.at(-1);
  const nextRedo = history.undone.at(-1);

  let panel = null;
  if (tool?.kind === 'pick') {
    panel = (
      <ToolPanel testId="pick-panel" title={translate('wz.draw.draw_grid')} help={translate('wz.draw.pick_unit')}>
        <Button data-testid="draw-cancel" onClick={onCancel}>
          {translate('ra.action.cancel')}
        </Button>
      </ToolPanel>
    );
  } else if (tool) panel = renderTool(tool, { ctl, onSaved, onCancel });

  return (
    <>
      <Box
        sx={{ position: 'absolute', top: 90, left: 10, zIndex: 1000, display: 'flex', flexDirection: 'column', gap: 1 }}
        data-testid="draw-tools"
      >
        <Paper elevation={3} sx={{ display: 'flex', gap: 0.5, p: 0.5, width: 'fit-content' }}>
          <Button
            size="small"
            startIcon={<CreateIcon />}
            data-testid="draw-start"
            disabled={Boolean(tool)}
            onClick={() => ctl.setTool({ kind: 'pick' })}
          >
            {translate('wz.draw.draw_grid')}
          </Button>
          <Button
            size="small"
            startIcon={<UndoIcon />}
            data-testid="draw-undo"
            disabled={!nextUndo || undoing || Boolean(tool)}
            onClick={() => step('undo')}
            title={nextUndo ? translate('wz.draw.undo', { label: nextUndo.label }) : undefined}
          >
            {translate('ra.action.undo')}
          </Button>
          <Button
            size="small"
            startIcon={<RedoIcon />}
            data-testid="draw-redo"
            disabled={!nextRedo || undoing || Boolean(tool)}
            onClick={() => step('redo')}
            title={nextRedo ? translate('wz.draw.redo', { label: nextRedo.label }) : undefined}
          >
            {translate('wz.draw.redo_action')}
          </Button>
        </Paper>
        {panel}
      </Box>
      <DrawDialogs ctl={ctl} onSaved={onSaved} />
      <UnsavedGuard when={ctl.dirty} />
      <Snackbar
        open={Boolean(note)}
        autoHideDuration={4000}
        onClose={() => setNote(null)}
        message={note}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      />
    </>
  );
}

/** The side panel's drawing actions for the selected shape. */
export function SelectionActions({ ctl, selection }: { ctl: DrawController; selection: Selection }) {
  const translate = useTranslate();
  const t = (k: string) => translate(`wz.draw.${k}`);
  if (ctl.tool) return null;
  const p = selection.feature?.properties ?? {};
  const btn = (key: string, onClick: () => void, color: 'primary' | 'error' = 'primary') => (
    <Button size="small" variant="outlined" color={color} data-testid={`action-${key}`} onClick={onClick}>
      {t(key)}
    </Button>
  );
  let buttons = null;
  if (selection.layer === 'villages')
    buttons = btn('draw_here', () => ctl.setTool({ kind: 'draw', unitId: selection.id }));
  else if (selection.layer === 'grids') {
    buttons = (
      <>
        {btn('edit_boundary', () => ctl.setTool({ kind: 'edit', gridId: selection.id }))}
        {btn('split', () => ctl.setTool({ kind: 'split', gridId: selection.id }))}
        {btn('merge', () => ctl.setTool({ kind: 'merge', ids: [selection.id] }))}
        {btn(
          'delete',
          () => ctl.setDialog({ kind: 'delete', gridId: selection.id, name: String(p.name ?? selection.id) }),
          'error',
        )}
      </>
    );
  } else if (selection.layer === 'uncovered' && p.villageId !== undefined) {
    const point = selection.latlng;
    buttons = point ? (
      <>
        {btn('gap_new', () => ctl.setDialog({ kind: 'gap-new', villageId: String(p.villageId), point }))}
        {btn('gap_extend', () => ctl.setDialog({ kind: 'gap-extend', villageId: String(p.villageId), point }))}
      </>
    ) : (
      <Typography variant="body2" color="text.secondary">
        {t('gap_click')}
      </Typography>
    );
  }
  if (!buttons) return null;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }} data-testid="draw-actions">
      {buttons}
    </Box>
  );
}

// ---------------------------------------------------------------------------------------------
function DrawDialogs({ ctl, onSaved }: { ctl: DrawController; onSaved(s: Saved): void }) {
  const d = ctl.dialog;
  if (!d) return null;
  const close = () => ctl.setDialog(null);
  const done = (s: Saved) => {
    close();
    onSaved(s);
  };
  if (d.kind === 'gap-new') return <GapNewDialog d={d} onClose={close} onSaved={done} />;
  if (d.kind === 'gap-extend') return <GapExtendDialog d={d} onClose={close} onSaved={done} />;
  return <DeleteDialog d={d} onClose={close} onSaved={done} />;
}

type DialogProps<K extends DrawDialog['kind']> = {
  d: Extract<DrawDialog, { kind: K }>;
  onClose(): void;
  onSaved(s: Saved): void;
};

function GapNewDialog({ d, onClose, onSaved }: DialogProps<'gap-new'>) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const [attrs, setAttrs] = useState<GridAttributes>({ name: '' });
  const [error, setError] = useState<DrawError | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const { data: g, changeId } = await dataProvider.createGridFromGap(d.villageId, d.point, {
        ...attrs,
        name: attrs.name.trim(),
      });
      onSaved({
        op: 'gap',
        label: translate('wz.draw.op.gap', { name: g.name }),
        ids: [String(g.id)],
        select: String(g.id),
        changeId,
      });
    } catch (e) {
      setError(toDrawError(e));
      signal({ state: 'error', error: (e as Error).message });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onClose={onClose} data-testid="gap-new-dialog">
      <DialogTitle>{translate('wz.draw.gap_new')}</DialogTitle>
      <DialogContent>
        <GridAttributesFields
          value={attrs}
          onChange={setAttrs}
          autoFocus
          minWidth={360}
          withPartyUnit
          villageId={d.villageId}
        />
        <ErrorBox error={error} />
        {saving ? <LinearProgress sx={{ mt: 1 }} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" data-testid="gap-new-save" disabled={saving || !attrs.name.trim()} onClick={save}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function GapExtendDialog({ d, onClose, onSaved }: DialogProps<'gap-extend'>) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const [candidates, setCandidates] = useState<GridState[] | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [error, setError] = useState<DrawError | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    Promise.all([dataProvider.fetchUnit(d.villageId), dataProvider.gridsBesideGap(d.villageId, d.point)])
      .then(([u, beside]) => {
        // Only the grids that share an edge with the gap (the server's own test); longest shared edge first.
        const list = beside
          .map((id) => u.grids.find((g) => String(g.id) === id))
          .filter((g): g is GridState => Boolean(g));
        setCandidates(list);
        if (list[0]) setChosen(String(list[0].id));
      })
      .catch((e) => setError(toDrawError(e)));
  }, [d]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = async () => {
    const before = candidates?.find((g) => String(g.id) === chosen);
    if (!before) return;
    setSaving(true);
    setError(null);
    try {
      const { data: g, changeId } = await dataProvider.extendGridOverGap(chosen, before.version, d.point);
      onSaved({
        op: 'extend',
        label: translate('wz.draw.op.extend', { name: g.name }),
        ids: [chosen],
        select: chosen,
        changeId,
      });
    } catch (e) {
      setError(toDrawError(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onClose={onClose} data-testid="gap-extend-dialog">
      <DialogTitle>{translate('wz.draw.gap_extend')}</DialogTitle>
      <DialogContent sx={{ minWidth: 360 }}>
        {candidates === null && !error ? <LinearProgress /> : null}
        {candidates?.length === 0 ? <Alert severity="info">{translate('wz.draw.gap_none')}</Alert> : null}
        <RadioGroup value={chosen} onChange={(e) => setChosen(e.target.value)}>
          {candidates?.map((g) => (
            <FormControlLabel key={g.id} value={String(g.id)} control={<Radio size="small" />} label={g.name} />
          ))}
        </RadioGroup>
        <ErrorBox error={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" data-testid="gap-extend-save" disabled={saving || !chosen} onClick={save}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function DeleteDialog({ d, onClose, onSaved }: DialogProps<'delete'>) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const [error, setError] = useState<DrawError | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      const { changeId } = await dataProvider.deleteGrid(d.gridId);
      onSaved({ op: 'delete', label: translate('wz.draw.op.delete', { name: d.name }), ids: [d.gridId], changeId });
    } catch (e) {
      setError(toDrawError(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onClose={onClose} data-testid="delete-dialog">
      <DialogTitle>{translate('wz.draw.delete')}</DialogTitle>
      <DialogContent>
        <Typography>{translate('wz.draw.delete_confirm', { name: d.name })}</Typography>
        <ErrorBox error={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" color="error" data-testid="delete-confirm" disabled={saving} onClick={save}>
          {translate('ra.action.delete')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
