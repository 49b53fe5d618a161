export { RecordHistory, WithHistory, historyTab } from './RecordHistory';
export { EventDiff } from './EventDiff';
export { default as auditEvents } from './AuditList';
