import { formatSourceId } from '../pci/source-id.ts';
import { toHex } from '../hex.ts';
import { entriesText } from './answer.ts';
import { answerText, type Exercise } from './exercise.ts';

/** One row of an instructor's answer key. */
export interface AnswerKeyRow {
  readonly number: number;
  readonly seed: string;
  readonly request: string;
  readonly answer: string;
  /** The entries read, for levels that ask for them. */
  readonly entries: string | undefined;
}

/** The answer key of a printed sheet: exercise i's answer, as a learner would have to type it. */
export function answerKey(sheet: readonly Exercise[]): AnswerKeyRow[] {
  return sheet.map((exercise, i) => ({
    number: i + 1,
    seed: exercise.seed,
    request: `${formatSourceId(exercise.request.sourceId)} ${exercise.request.access} ${toHex(exercise.request.iova)}`,
    answer: answerText(exercise.answer),
    entries: exercise.asksForEntries ? entriesText(exercise) : undefined,
  }));
}
