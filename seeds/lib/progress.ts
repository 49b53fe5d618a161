/** One progress bar per stage on a terminal (cli-progress); one plain line per stage otherwise. */
import cliProgress from 'cli-progress';

export interface Stage {
  tick(n?: number): void;
  done(note?: string): void;
}

export type Say = (line: string) => void;

export class Progress {
  private readonly tty: boolean;

  constructor(
    private readonly say: Say = (l) => console.log(l),
    tty = Boolean(process.stdout.isTTY),
  ) {
    this.tty = tty;
  }

  stage(label: string, total: number): Stage {
    const started = performance.now();
    const secs = () => ((performance.now() - started) / 1000).toFixed(1);
    if (this.tty) {
      const bar = new cliProgress.SingleBar(
        {
          format: `${label.padEnd(30)} [{bar}] {value}/{total} {note}`,
          hideCursor: true,
          clearOnComplete: false,
          barsize: 24,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { note: '' });
      return {
        tick: (n = 1) => bar.increment(n),
        done: (note) => {
          bar.update(total, { note: `${secs()} s${note ? ` · ${note}` : ''}` });
          bar.stop();
        },
      };
    }
    let value = 0;
    return {
      tick: (n = 1) => {
        value += n;
      },
      done: (note) =>
        this.say(`✓ ${label} (${Math.max(value, total)}/${total}) in ${secs()} s${note ? ` · ${note}` : ''}`),
    };
  }

  async run<T>(label: string, total: number, fn: (stage: Stage) => Promise<T>, note?: (r: T) => string): Promise<T> {
    const s = this.stage(label, total);
    const r = await fn(s);
    s.done(note?.(r));
    return r;
  }
}
