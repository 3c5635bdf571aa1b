import { requestBdf, type Exercise } from '../../src/exercises/exercise.ts';
import { exerciseDump } from '../../src/exercises/dump.ts';
import { toHex } from '../../src/hex.ts';
import { useT } from '../i18n/i18n.ts';

/** The question and the dump: kernel and debugger text, printed as they print it. */
export function ExerciseBody({ exercise }: { exercise: Exercise }) {
  const t = useT();
  const dump = exerciseDump(exercise);
  return (
    <div className="exercise-body">
      <p className="question">
        {t(`exercises.question.${exercise.setting}`, { bdf: requestBdf(exercise), access: t(`exercises.access.${exercise.request.access}`), iova: toHex(exercise.request.iova) })}
      </p>
      <h3>{t('exercises.dmesg')}</h3>
      <pre className="dump">{dump.dmesg.join('\n')}</pre>
      <h3>{t('exercises.registers')}</h3>
      <pre className="dump">{dump.registers.join('\n')}</pre>
      <h3>{t('exercises.memory')}</h3>
      <pre className="dump">{dump.memory.join('\n')}</pre>
    </div>
  );
}
