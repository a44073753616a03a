import { useStore, type ControlName } from '../../store';

/** True when a classroom link hides this control (`hide=<name>`). */
export function useHidden(name: ControlName): boolean {
  return useStore((s) => s.hidden.includes(name));
}
