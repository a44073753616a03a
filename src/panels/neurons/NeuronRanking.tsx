import { shown } from '../counting';
import type { NeuronResult } from '../../store/neurons';
import { setNeuronUnit } from '../../store/neurons';
import { markTicksPath, sparklinePath } from '../../viz/neuronText';
import { useT } from '../hooks/useT';
import { unitColumn } from './column';

const SPARK_W = 120;
const SPARK_H = 22;

/** The units ranked by how they separate the marked tokens; choosing one colours the text by it. */
export function NeuronRanking({ result, unit }: { result: NeuronResult; unit: number }) {
  const t = useT();
  const has = result.ranking.length > 0;
  return (
    <div className="nt-ranking">
      <h3 className="nt-ranking-title">{t('neurons.ranking.title')}</h3>
      {has ? <p className="nt-note">{t('neurons.ranking.explain')}</p> : null}
      <ol data-testid="neuron-ranking" data-count={result.ranking.length}>
        {result.ranking.map((r) => {
          const score = Number(r.score.toPrecision(3));
          return (
            <li key={r.unit} data-unit={shown(r.unit)} data-score={r.score}>
              <button type="button" className="nt-rank" aria-pressed={r.unit === unit}
                onClick={() => setNeuronUnit(r.unit)}>
                <span className="nt-rank-label">{t('neurons.ranking.entry', { unit: shown(r.unit), score })}</span>
                <svg className="nt-spark" width={SPARK_W} height={SPARK_H} viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} aria-hidden="true">
                  <line x1={0} x2={SPARK_W} y1={SPARK_H / 2} y2={SPARK_H / 2} className="nt-spark-zero" />
                  <path className="nt-spark-marks" d={markTicksPath(result.marked, result.tokens.length, SPARK_W, SPARK_H)} />
                  <path d={sparklinePath(unitColumn(result, r.unit), SPARK_W, SPARK_H)} />
                </svg>
              </button>
            </li>
          );
        })}
      </ol>
      {has ? null : <p className="nt-note" data-testid="neuron-ranking-empty">{t('neurons.ranking.empty')}</p>}
    </div>
  );
}
