import { useRef, useState } from 'react';

export type CopyStatus = '' | 'copied' | 'manual';

/**
 * Copying a text shown in a field: to the clipboard where the browser allows it, else the field is
 * focused and selected for a copy by hand. `status` says which happened ('' until a copy is tried).
 */
export function useCopyField<E extends HTMLInputElement | HTMLTextAreaElement>() {
  const field = useRef<E>(null);
  const [status, setStatus] = useState<CopyStatus>('');
  const manual = () => {
    field.current?.focus();
    field.current?.select();
    setStatus('manual');
  };
  const copy = async (text: string) => {
    const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clip || typeof clip.writeText !== 'function') return manual();
    try {
      await clip.writeText(text);
      setStatus('copied');
    } catch {
      manual();
    }
  };
  return { field, status, setStatus, copy };
}
