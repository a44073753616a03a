import { firstMarkedRun, loadNeuronMatch, requestNeuronMatch, useNeuronStore } from '../../store/neurons';
import { useT } from '../hooks/useT';

/** A short string of the units (counted from 1). */
const unitList = (units: number[]) => units.map((u) => u + 1).join(', ');
/** Line breaks shown as ⏎, so each span stays on one line. */
const oneLine = (s: string) => s.replace(/\r?\n/g, '⏎');

/**
 * Match elsewhere: for the best-ranked units over the first marked run of the passage, the spans of
 * the training text where they behave most alike, with their context; choosing one shows it as the passage.
 */
export function NeuronMatches() {
  const t = useT();
  const result = useNeuronStore((s) => s.result);
  const matches = useNeuronStore((s) => s.matches);
  const units = useNeuronStore((s) => s.matchUnits);
  const pending = useNeuronStore((s) => s.matchPending);
  const run = result ? firstMarkedRun(result.marked) : null;
  return (
    <div className="nt-features">
      <h3 className="nt-ranking-title">{t('neurons.match.title')}</h3>
      <button type="button" className="button small" data-testid="control-neuron-match" disabled={pending || !run}
        onClick={requestNeuronMatch}>{t(pending ? 'neurons.features.busy' : 'neurons.match.run')}</button>
      {run ? null : <p className="nt-note">{t('neurons.match.needMarks')}</p>}
      {matches && !matches.ok ? <p className="nt-error" role="alert" data-testid="neuron-matches-error">{t(matches.code)}</p> : null}
      {matches?.ok ? (
        <>
          <p className="nt-note">{t('neurons.match.explain', { units: unitList(units), chars: matches.chars })}</p>
          <ol className="nt-matches" data-testid="neuron-matches" data-count={matches.matches.length}>
            {matches.matches.map((m) => (
              <li key={m.start} data-start={m.start} data-distance={m.distance} data-text={m.text}>
                <button type="button" className="nt-match" title={t('neurons.match.load')}
                  onClick={() => loadNeuronMatch(m.before, m.text, m.after)}>
                  <span className="nt-match-context">{oneLine(m.before)}</span><mark>{oneLine(m.text)}</mark>
                  <span className="nt-match-context">{oneLine(m.after)}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
