import { createContext, useContext } from 'react';

/** True inside a chapter's stage: panels there take their compact form (shorter caption, fewer rows). */
export const StagedContext = createContext(false);

/** Whether the panel around the caller is on a chapter's stage. */
export function useStaged(): boolean {
  return useContext(StagedContext);
}
