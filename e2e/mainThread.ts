// The page's main thread, task by task, from a DevTools trace: how long each task took on the
// clock and how much of it the thread spent on the CPU. On a machine whose cores are shared with
// other jobs a task's clock time includes the time the thread waited for a core (a task of 195 ms
// measured here had 23 ms on the CPU); its CPU time is the page's own work.
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; frames?: { url?: string; processId?: number }[] } };
}

/** One main-thread task: its clock and CPU time (ms). */
export interface Task { ms: number; cpuMs: number }

export interface MainThreadRecorder {
  /**
   * Stops the trace: the page's main-thread tasks of 50 ms or more (clock or CPU), longest CPU time
   * first, and how many tasks of any length the trace saw on that thread.
   */
  stop(): Promise<{ long: Task[]; seen: number }>;
}

/** Starts tracing the browser's top-level tasks (a light trace: one event per task). */
export async function recordMainThread(page: Page): Promise<MainThreadRecorder> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => { events.push(...(e.value as unknown as TraceEvent[])); });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline'], excludedCategories: ['*'] },
  });
  return {
    async stop() {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      await cdp.detach();
      // the page's renderer: the process whose frame shows the page's address
      const base = new URL(page.url()).pathname;
      const pids = new Set<number>();
      for (const e of events) {
        for (const f of e.args?.data?.frames ?? []) if (f.url?.includes(base) && f.processId) pids.add(f.processId);
        if (e.args?.data?.url?.includes(base)) pids.add(e.pid);
      }
      const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pids.has(e.pid))
        .map((e) => `${e.pid}:${e.tid}`));
      const all = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)
        && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'));
      const tasks = all.filter((e) => e.dur! >= 50_000 || (e.tdur ?? 0) >= 50_000);
      // a task traced twice (RunTask inside ThreadControllerImpl::RunTask) counts once: the outer one
      const outer = tasks.filter((t) => !tasks.some((o) => o !== t && o.ts <= t.ts && o.ts + o.dur! >= t.ts + t.dur! && o.name !== t.name
        && o.name === 'ThreadControllerImpl::RunTask'));
      const long = outer.map((t) => ({ ms: Math.round(t.dur! / 1000), cpuMs: Math.round((t.tdur ?? t.dur!) / 1000) }))
        .sort((a, b) => b.cpuMs - a.cpuMs);
      return { long, seen: all.length };
    },
  };
}

/** The longest CPU time of the tasks (0 for none). */
export const longestCpu = (tasks: Task[]): number => Math.max(0, ...tasks.map((t) => t.cpuMs));

/** The tasks as "clock/CPU" in ms, for the log. */
export const describeTasks = (tasks: Task[]): string => tasks.map((t) => `${t.ms}/${t.cpuMs}`).join(' ');
