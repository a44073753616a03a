import { useStore } from '../../store';
import { textScaleFor } from '../../viz/textScale';

/** The text scale the panel's renderers draw with (larger in presentation mode). */
export function useTextScale(): number {
  return textScaleFor(useStore((s) => s.present));
}
