// The page's client with a stand-in Worker: acknowledgements after handling, failures as events.
import { describe, expect, it } from 'vitest';
import { createWorkerClient } from './client';
import type { Command, WorkerEvent } from './protocol';

class FakeWorker {
  sent: Command[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  postMessage(cmd: Command): void {
    this.sent.push(cmd);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(e: WorkerEvent): void {
    this.onmessage?.({ data: e } as MessageEvent);
  }
}

const snapshotEvent = { type: 'snapshot', snapshot: {} } as unknown as WorkerEvent;

describe('worker client', () => {
  it('forwards commands and acknowledges a snapshot after the handler ran', () => {
    const w = new FakeWorker();
    const order: string[] = [];
    const client = createWorkerClient((e) => {
      order.push(`handled ${e.type} (acks so far: ${w.sent.filter((c) => c.type === 'ack').length})`);
    }, () => w as unknown as Worker);
    client.send({ type: 'play' });
    w.emit(snapshotEvent);
    w.emit({ type: 'running', running: false, step: 3 });
    expect(order).toEqual(['handled snapshot (acks so far: 0)', 'handled running (acks so far: 1)']);
    expect(w.sent.map((c) => c.type)).toEqual(['play', 'ack']);
    client.terminate();
    expect(w.terminated).toBe(true);
    client.send({ type: 'pause' });
    expect(w.sent.length).toBe(2);
  });
  it('a throwing handler, a worker crash and a failed start become error events; the ack still goes out', () => {
    const w = new FakeWorker();
    const seen: WorkerEvent[] = [];
    createWorkerClient((e) => {
      seen.push(e);
      if (e.type === 'snapshot') throw new Error('boom');
    }, () => w as unknown as Worker);
    expect(() => w.emit(snapshotEvent)).not.toThrow();
    expect(w.sent.map((c) => c.type)).toEqual(['ack']);
    let prevented = false;
    w.onerror?.({ message: 'x', preventDefault: () => { prevented = true; } } as unknown as ErrorEvent);
    expect(prevented).toBe(true);
    expect(seen.map((e) => e.type === 'error' ? e.message : e.type)).toEqual(['snapshot', 'error.page.handler', 'error.worker.uncaught']);
    const failed: WorkerEvent[] = [];
    const c = createWorkerClient((e) => failed.push(e), () => { throw new Error('no workers here'); });
    expect(failed[0]).toMatchObject({ type: 'error', message: 'error.worker.start' });
    expect(() => c.send({ type: 'play' })).not.toThrow();
  });
  it('acknowledges a snapshot only when ackWhen calls back', () => {
    const w = new FakeWorker();
    const pending: (() => void)[] = [];
    const client = createWorkerClient(() => {}, () => w as unknown as Worker, (ack) => pending.push(ack));
    w.emit(snapshotEvent);
    expect(w.sent).toEqual([]);
    pending.shift()?.();
    expect(w.sent.map((c) => c.type)).toEqual(['ack']);
    w.emit(snapshotEvent);
    client.terminate();
    pending.shift()?.();
    expect(w.sent.length).toBe(1);
  });
});
