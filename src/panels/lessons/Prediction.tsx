import { useId } from 'react';
import { useLessonStore, vote, type Chapter } from '../../store/lessons';
import { useT } from '../hooks/useT';
import { Inline } from './LessonText';

/**
 * "Predict, then observe": the chapter's question with its options as native radio inputs in one
 * radio group (a hall can vote by hand before the beat runs). Running the question's beat reveals the answer and why;
 * the options then give way (the verdict names the answer), so the chapter's text keeps its room in the pane.
 */
export function Prediction({ chapter }: { chapter: Chapter }) {
  const t = useT();
  const name = useId();
  const questionId = useId();
  const chosen = useLessonStore((s) => s.vote);
  const revealed = useLessonStore((s) => s.revealed);
  const predict = chapter.predict!;
  const key = (suffix: string) => `lesson.${chapter.id}.predict.${suffix}`;
  const verdict = chosen === null ? 'lesson.predict.none' : chosen === predict.answer ? 'lesson.predict.right' : 'lesson.predict.wrong';
  return (
    <div className="lesson-predict" data-testid="lesson-predict" role={revealed ? 'group' : 'radiogroup'} aria-labelledby={questionId}
      data-revealed={revealed ? '' : undefined}>
      <p className="lesson-predict-q" id={questionId}>
        <span className="lesson-predict-tag">{t('lesson.predict.tag')}</span> <Inline text={t(key('q'))} />
      </p>
      {revealed ? null : <div className="lesson-predict-options">
        {predict.options.map((option) => (
          <label key={option} className="lesson-predict-option" data-answer={revealed && option === predict.answer ? '' : undefined}>
            <input type="radio" name={name} value={option} checked={chosen === option} onChange={() => vote(option)}
              data-testid={`lesson-predict-${option}`} />
            <span><Inline text={t(key(option))} /></span>
          </label>
        ))}
      </div>}
      {revealed ? (
        <p className="lesson-predict-answer" data-testid="lesson-predict-answer" role="status">
          <strong>{t(verdict, { answer: t(key(predict.answer)) })}</strong> <Inline text={t(key('why'))} />
        </p>
      ) : null}
    </div>
  );
}
