export { WithHistory } from './RecordHistory';
export { default as auditEvents } from './AuditList';
