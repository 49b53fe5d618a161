import { describe, expect, it } from 'vitest';
import { enApp } from '../admin/src/i18n/en';
import { zhApp } from '../admin/src/i18n/zh';
import { findingMessage } from '../server/src/coverage/coverage.messages';
import { FINDING_KINDS, SEVERITIES } from '../server/src/coverage/coverage.rules';

/** The coverage vocabulary in both languages: the server's finding messages and the admin's names for kinds and severities. */
describe('coverage messages: every kind and severity in Chinese and English', () => {
  it('every finding kind has a server message in both languages and an admin name in both', () => {
    for (const kind of FINDING_KINDS) {
      const m = findingMessage({ kind, subjectName: 'X', otherName: 'Y', value: 1, expected: 2, areaM2: 3 });
      expect(m.zh, kind).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en, kind).toMatch(/^[\x20-\x7e²’–—]+$/);
      expect((zhApp.wz.enums.FindingKind as Record<string, string>)[kind], kind).toMatch(/[\u4e00-\u9fff]/);
      expect((enApp.wz.enums.FindingKind as Record<string, string>)[kind], kind).toMatch(/^[\x20-\x7e’–—≠]+$/);
    }
  });

  it('every severity has an admin name in both languages', () => {
    for (const s of SEVERITIES) {
      expect((zhApp.wz.enums.Severity as Record<string, string>)[s], s).toMatch(/[\u4e00-\u9fff]/);
      expect((enApp.wz.enums.Severity as Record<string, string>)[s], s).toMatch(/^[A-Za-z ]+$/);
    }
  });
});
