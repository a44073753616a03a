import type { Browser } from '@playwright/test';
/** Resident memory (bytes) of every process of the browser, summed from /proc; null where it cannot be read (not Linux). */
export function browserRss(browser: Browser): Promise<number | null>;
