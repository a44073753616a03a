/** An executable path for Chromium, or undefined to let Playwright choose its own. */
export function chromiumPath(): string | undefined;
/** True when Playwright's own downloaded Chromium is present. */
export function playwrightChromiumExists(): boolean;
