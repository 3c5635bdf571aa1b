import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHex, iova } from '../../src/hex.ts';
import { buildScenario } from '../../src/linux/scenario.ts';
import { summarizeScenario } from '../../src/linux/scenario-request.ts';
import { parseSourceId } from '../../src/pci/source-id.ts';
import { translate } from '../../src/vtd/translate.ts';
import { CATALOGUE_KEYS, CATALOGUES, LANGUAGES, type MessageKey } from '../i18n/catalogues.ts';
import { buffersFor, defaultRequest } from '../store/mode-defaults.ts';
import { LESSONS, stepParams, type TranslationDrive } from './lesson-data.ts';

/** What the engine answers for a translation step, built as the app builds it (chooseSetup's buffers, the mode's default request). */
function engineAnswer(drive: TranslationDrive): string {
  const built = buildScenario({ mode: drive.mode, hwPassThrough: drive.hwPassThrough ?? true, maps: buffersFor(drive.mode).map((b) => ({ phys: BigInt(b.phys), size: BigInt(b.size) })) });
  if (!built.ok) throw new Error(built.error);
  const request = drive.request ?? defaultRequest(summarizeScenario(built.scenario));
  const sourceId = parseSourceId(request.sourceId);
  const address = parseHex(request.iova);
  if (!sourceId.ok || !address.ok) throw new Error(`bad request ${request.sourceId} ${request.iova}`);
  const walk = translate(built.scenario.machine, { sourceId: sourceId.value, iova: iova(address.value), access: request.access });
  return walk.kind === 'ok' ? `ok ${`0x${walk.hpa.toString(16)}`}` : walk.kind === 'fault' ? `fault ${walk.fault.reason}` : 'interrupt';
}

const claimed = (drive: TranslationDrive): string => (drive.expect.kind === 'ok' ? `ok ${drive.expect.hpa}` : drive.expect.kind === 'fault' ? `fault ${drive.expect.reason}` : 'interrupt');
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('lessons', () => {
  it('there are six lessons of 6 to 15 steps each', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['translation-walk', 'linux-modes', 'vfio', 'firmware', 'rmrr', 'acs-p2p']);
    for (const lesson of LESSONS) expect(lesson.steps.length, lesson.id).toBeGreaterThanOrEqual(6);
    for (const lesson of LESSONS) expect(lesson.steps.length, lesson.id).toBeLessThanOrEqual(15);
  });

  it('the English titles are the ones the navigation contract names', () => {
    expect(LESSONS.map((l) => CATALOGUES.en[`lesson.${l.id}.title` as MessageKey].replaceAll('`', ''))).toEqual([
      'How a DMA request is translated',
      'IOMMU off, iommu=pt, and the DMA domain',
      'VFIO passthrough',
      'From firmware to translation',
      "RMRRs and why a device can't be passed through",
      'ACS, IOMMU groups and GPU peer-to-peer (NCCL)',
    ]);
  });

  describe.each(LESSONS.map((l) => [l.id, l] as const))('%s: each translation step claims what the engine answers', (_id, lesson) => {
    it.each(lesson.steps.map((s, i) => [i + 1, s] as const).filter(([, s]) => s.drive.view === 'translation' && !('own' in s.drive)))('step %i', (_n, step) => {
      const drive = step.drive as TranslationDrive;
      expect(engineAnswer(drive)).toBe(claimed(drive));
    });
  });

  it('every sample table a step loads is in public/samples/dmar/', () => {
    for (const lesson of LESSONS) for (const step of lesson.steps) if (step.drive.view === 'dmar') expect(existsSync(`public/samples/dmar/${step.drive.sample}`), step.drive.sample).toBe(true);
  });
});

describe('catalogues', () => {
  it('English and 简体中文 hold the same keys, none twice', () => {
    expect([...CATALOGUE_KEYS['zh-CN']].sort()).toEqual([...CATALOGUE_KEYS.en].sort());
    expect(new Set(CATALOGUE_KEYS['zh-CN']).size).toBe(CATALOGUE_KEYS['zh-CN'].length);
  });

  it('every message uses the same placeholders in both languages, and no text is left untranslated', () => {
    for (const key of CATALOGUE_KEYS.en as MessageKey[]) {
      expect(placeholders(CATALOGUES['zh-CN'][key]), key).toEqual(placeholders(CATALOGUES.en[key]));
      if (key.endsWith('.body')) expect(CATALOGUES['zh-CN'][key], key).not.toBe(CATALOGUES.en[key]);
    }
  });

  it.each(LANGUAGES)('%s: every step of every lesson has a title and a body whose placeholders the step fills', (language) => {
    for (const lesson of LESSONS) {
      lesson.steps.forEach((step, i) => {
        const params = stepParams(step);
        for (const part of ['title', 'body']) {
          const text = CATALOGUES[language][`lesson.${lesson.id}.${i + 1}.${part}` as MessageKey];
          expect(text, `${lesson.id} ${i + 1} ${part}`).toBeTruthy();
          for (const name of placeholders(text)) expect(params, `${lesson.id} ${i + 1} {${name}}`).toHaveProperty(name);
        }
      });
      expect(CATALOGUES[language][`lesson.${lesson.id}.${lesson.steps.length + 1}.body` as MessageKey], `${lesson.id} has no text past its last step`).toBeUndefined();
    }
  });
});
