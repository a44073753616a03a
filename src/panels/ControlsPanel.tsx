/**
 * The settings: task and data (with the sequence the panels show), model, training, and when to stop. Every control
 * is a native form element with `data-testid="control-<name>"`; fields that do not apply to the
 * current task, cell or optimizer are not shown. The form is collapsed until the run bar's
 * Settings button (`control-settings`) opens it; its fields stay in the page either way.
 */
import { CELLS, OPTIMIZERS, TASKS, toggleSettings, useStore } from '../store';
import { useT } from './hooks/useT';
import { ConfigCheckbox, ConfigSelect, NumberField } from './controls/fields';
import { InspectPicker } from './controls/InspectPicker';
import { TextCorpus } from './controls/TextCorpus';

/** Tasks whose clue-to-answer distance is set by the lag control. */
/** The id the run bar's Settings button controls. */
export const SETTINGS_ID = 'settings';

const LAG_TASKS: readonly string[] = ['meet', 'recall', 'copy', 'parity'];

export function ControlsPanel() {
  const t = useT();
  const task = useStore((s) => s.config.task);
  const cell = useStore((s) => s.config.cell);
  const compare = useStore((s) => s.config.compare);
  const optimizer = useStore((s) => s.config.optimizer);
  const open = useStore((s) => s.settingsOpen);
  return (
    <section className="controls" id={SETTINGS_ID} data-testid="controls" aria-labelledby="controls-title" hidden={!open}>
      <div className="controls-head">
        <h2 id="controls-title" className="controls-title">{t('controls.title')}</h2>
        <button type="button" className="button small" onClick={() => toggleSettings(false)}>{t('controls.settings.close')}</button>
      </div>
        <div className="control-groups">
          <fieldset>
            <legend>{t('controls.group.task')}</legend>
            <ConfigSelect name="task" field="task" values={TASKS} />
            {task === 'charlm' || task === 'meet' ? <ConfigSelect name="corpus" field="corpus" values={['en', 'zh']} /> : null}
            {task === 'charlm' ? <NumberField name="seqlen" field="seqLength" step="1" /> : null}
            {LAG_TASKS.includes(task) ? <NumberField name="lag" field="lag" step="1" /> : null}
            <InspectPicker />
          </fieldset>
          <fieldset>
            <legend>{t('controls.group.model')}</legend>
            <ConfigSelect name="cell" field="cell" values={CELLS} />
            {cell === 'rnn' || compare ? <ConfigSelect name="nonlinearity" field="nonlinearity" values={['tanh', 'relu']} /> : null}
            <NumberField name="hidden" field="hidden" step="1" />
            <NumberField name="layers" field="layers" step="1" />
            <NumberField name="seed" field="seed" step="1" />
            <ConfigCheckbox name="compare" field="compare" />
          </fieldset>
          <fieldset>
            <legend>{t('controls.group.training')}</legend>
            <ConfigSelect name="optimizer" field="optimizer" values={OPTIMIZERS} />
            <NumberField name="lr" field="lr" />
            {optimizer === 'sgd' ? <NumberField name="momentum" field="momentum" /> : null}
            <NumberField name="weight-decay" field="weightDecay" />
            <NumberField name="batch" field="batch" step="1" />
            <NumberField name="clip" field="clip" />
            <ConfigSelect name="clipmode" field="clipMode" values={['norm', 'value']} />
            <NumberField name="truncate" field="truncate" step="1" />
          </fieldset>
          <fieldset>
            <legend>{t('controls.group.run')}</legend>
            <NumberField name="speed" field="speed" step="1" />
            <NumberField name="maxsteps" field="maxSteps" step="1" />
            <NumberField name="target" field="targetLoss" />
          </fieldset>
        </div>
        {task === 'charlm' ? <TextCorpus /> : null}
    </section>
  );
}
