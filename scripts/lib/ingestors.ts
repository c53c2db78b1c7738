// Clients that keep writing ledger batches (MLflow log-batch and prediction batches) and record every answer,
// for the fault and two-instance tests. A 503 is not an acknowledgement: the client moves on to a new batch
// number, as a retrying client would resend — so a batch is counted as written only when it got a 200.
import { PREDICTIONS_PER_BATCH, metricBatchBody, predictionBatchBody } from './ledger';

export type Outcome = { at: number; kind: 'metrics' | 'predictions'; status: number; code?: string; network?: string };

export type IngestTarget = {
  baseUrl: () => string;
  token: string;
  runIds: string[];
  model: string;
  template: { features: Record<string, unknown>; prediction: unknown };
};

export class Ingestors {
  readonly outcomes: Outcome[] = [];
  readonly ackedMetrics: number[] = [];
  readonly ackedPredictions: number[] = [];
  inFlight = 0;
  private seq = 0;
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly target: IngestTarget,
    private readonly firstSeq = 0,
  ) {
    this.seq = firstSeq;
  }

  start(metricClients: number, predictionClients: number, opts: { stopOnNetworkError?: boolean } = {}) {
    this.running = true;
    const loop = async (kind: Outcome['kind'], worker: number) => {
      while (this.running) {
        const seq = this.seq++;
        const ok = await this.send(kind, worker, seq);
        if (ok === 'network' && opts.stopOnNetworkError) return;
        if (ok !== 'acked') await new Promise((r) => setTimeout(r, 100));
      }
    };
    for (let i = 0; i < metricClients; i++) this.loops.push(loop('metrics', i));
    for (let i = 0; i < predictionClients; i++) this.loops.push(loop('predictions', i));
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  get nextSeq() {
    return this.seq;
  }

  private async send(kind: Outcome['kind'], worker: number, seq: number): Promise<'acked' | 'refused' | 'network'> {
    const t = this.target;
    const [path, body] =
      kind === 'metrics'
        ? ['/api/2.0/mlflow/runs/log-batch', metricBatchBody(t.runIds[worker % t.runIds.length]!, seq)]
        : [`/api/v1/models/${t.model}/predictions`, predictionBatchBody(seq, t.template)];
    this.inFlight++;
    try {
      const res = await fetch(`${t.baseUrl()}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { error_code?: string }).error_code;
      } catch {
        code = undefined;
      }
      this.outcomes.push({ at: Date.now(), kind, status: res.status, code });
      if (res.status !== 200) return 'refused';
      if (kind === 'predictions' && (JSON.parse(text) as { accepted?: number }).accepted !== PREDICTIONS_PER_BATCH) {
        this.outcomes.push({ at: Date.now(), kind, status: 200, code: 'PARTIAL_ACCEPT' });
      }
      (kind === 'metrics' ? this.ackedMetrics : this.ackedPredictions).push(seq);
      return 'acked';
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      this.outcomes.push({
        at: Date.now(),
        kind,
        status: 0,
        network: cause?.code ?? (err instanceof Error ? err.message : String(err)),
      });
      return 'network';
    } finally {
      this.inFlight--;
    }
  }
}

/** Count of answers by "status code" or "status code/error code", e.g. { "200": 812, "503/TEMPORARILY_UNAVAILABLE": 40 }. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status === 0 ? `network/${o.network}` : o.code ? `${o.status}/${o.code}` : String(o.status);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
