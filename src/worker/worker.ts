/**
 * The Web Worker entry: wires the host (host.ts) to the worker's message port. Every failure,
 * including one outside a command, reaches the page as an `error` event with an i18n key (an error
 * outside a command does not stop training, and the message says no more than that it happened).
 */
import { createWorkerHost } from './host';
import type { Command, WorkerEvent } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const post = (event: WorkerEvent, transfer: Transferable[]): void => scope.postMessage(event, transfer);

const host = createWorkerHost(post);

scope.onmessage = (ev: MessageEvent<Command>) => host.handle(ev.data);

scope.onmessageerror = () => post({ type: 'error', message: 'error.worker.message' }, []);

scope.addEventListener('error', (ev: ErrorEvent) => {
  ev.preventDefault();
  post({ type: 'error', message: 'error.worker.uncaught', detail: String(ev.message) }, []);
});

scope.addEventListener('unhandledrejection', (ev: PromiseRejectionEvent) => {
  ev.preventDefault();
  post({ type: 'error', message: 'error.worker.uncaught', detail: String(ev.reason) }, []);
});
