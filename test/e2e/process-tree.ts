// Ends the processes a runner started when it cannot reach them by handle (runTests keeps its VS Code child private).
import { execFileSync } from 'node:child_process';

/** SIGKILLs every descendant of `rootPid` (POSIX `ps`); returns how many were signalled. */
export function killDescendants(rootPid: number): number {
  if (process.platform === 'win32') return 0;
  const children = new Map<number, number[]>();
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  for (const row of table.trim().split('\n')) {
    const [pid, ppid] = row.trim().split(/\s+/).map(Number);
    if (pid === undefined || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const descendants: number[] = [];
  const pending = [...(children.get(rootPid) ?? [])];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    descendants.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  for (const pid of descendants) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile (or the ps process itself).
    }
  }
  return descendants.length;
}
