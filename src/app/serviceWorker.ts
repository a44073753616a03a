/**
 * Registers the offline copy of the page (`sw.js`, emitted by the build next to index.html).
 * Relative URL and scope, so the page works offline from whatever sub-path it is served.
 */

/**
 * Registers `./sw.js` with scope `./` (not in dev, nor where service workers are missing) and calls
 * `onUpdate` once when a newer version has been installed over the one that served this page.
 */
export function registerServiceWorker(onUpdate: () => void): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  // A page already served by a worker that then sees its controller change got a new deployment.
  const hadController = container.controller !== null;
  let told = false;
  container.addEventListener('controllerchange', () => {
    if (!hadController || told) return;
    told = true;
    onUpdate();
  });
  const start = (): void => {
    container.register('./sw.js', { scope: './' }).catch(() => {
      // No offline copy (private mode, file://): the page works as before.
    });
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
