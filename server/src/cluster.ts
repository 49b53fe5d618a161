import cluster from 'node:cluster';
import type { Logger } from 'pino';

/**
 * `WORKERS` server processes behind one port (node:cluster): the primary prepares the
 * database, migrates, seeds and creates the first administrator once, then forks the
 * workers, which only serve (the port is shared by the cluster). Nothing correct depends
 * on a process's memory: the data, the lock-outs and the signing key are in PostgreSQL;
 * the principal cache forgets through NOTIFY; the map-layer cache is keyed by the data
 * version read per request. A worker that dies is replaced; SIGTERM/SIGINT stop them all.
 */
export const isWorker = () => cluster.isWorker;

export function startWorkers(count: number, env: Record<string, string>, log: Logger): void {
  let stopping = false;
  const fork = () => cluster.fork(env);
  for (let i = 0; i < count; i++) fork();
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === count) log.info(`${count} worker processes are serving`);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.warn({ pid: worker.process.pid, code, signal }, 'a worker process exited; starting another');
    setTimeout(fork, 500);
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    const done = () => {
      if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) process.exit(0);
    };
    cluster.on('exit', done);
    done();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
