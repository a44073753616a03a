import type { StageLayout } from '../store/lessons';
import { StagedContext } from './components/staged';
import { useT } from './hooks/useT';
import { PanelById } from './PanelById';
import './stage.css';

/**
 * A chapter's stage: the panels it talks about, in its order, beside the lesson and above the rest
 * of the page — two side by side (`pair`) or one across the width above the other (`stack`).
 */
export function Stage({ focus, layout }: { focus: readonly string[]; layout: StageLayout }) {
  const t = useT();
  return (
    <section className="stage" data-testid="stage" data-layout={layout} aria-label={t('app.stage')}>
      <StagedContext value>
        {focus.map((id) => <PanelById key={id} id={id} />)}
      </StagedContext>
    </section>
  );
}
