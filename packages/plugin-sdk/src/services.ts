/**
 * Plugins using each other's services — declared, never by import. A provider builds a service from its own
 * deps (`definePlugin({ provides: { prometheus: (deps) => service } })`, listed in its manifest's `provides`);
 * a consumer names it in its manifest's `uses` and asks for it per cluster with `deps.plugins.get(contract,
 * clusterId)`. The engine hands out only declared services, checks the value against the contract, and says
 * why a service cannot be had (provider absent, failed, disabled or unavailable on that cluster), so the
 * consumer degrades with a clear message instead of failing.
 */

/** What a consumer expects of another plugin's service: where it is and a check of its shape. */
export interface ServiceContract<T> {
  plugin: string;
  service: string;
  /** A structural check of the provided value (the engine refuses a value that fails it). */
  is(value: unknown): value is T;
}

/** Declares a service contract (shared contracts live in the SDK, e.g. `PROMETHEUS_QUERY_SERVICE`). */
export function defineServiceContract<T>(contract: ServiceContract<T>): ServiceContract<T> {
  return contract;
}

/** Why a used service cannot be had on a cluster. */
export type ServiceUnavailableReason =
  /** No such plugin is installed, or it provides no such service. */
  | 'absent'
  /** The provider was rejected or failed at startup, or its value does not match the contract. */
  | 'failed'
  /** The provider is turned off on the cluster. */
  | 'disabled'
  /** The cluster lacks what the provider `requires`. */
  | 'unavailable';

export type UsedService<T> =
  | { ok: true; service: T }
  | { ok: false; reason: ServiceUnavailableReason; message: string };

/** `deps.plugins`: the services of other plugins this plugin declared in its manifest's `uses`. */
export interface PluginServiceLinks {
  /**
   * The service on `clusterId`, or why it cannot be had there. Throws (a plugin failure) for a service the
   * manifest's `uses` does not declare.
   */
  get<T>(contract: ServiceContract<T>, clusterId: string): Promise<UsedService<T>>;
}

// ---- shared contracts -------------------------------------------------------------------------------

/** One series of an instant query: its labels and `[unix seconds, "value"]`. */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * The Prometheus plugin's `prometheus` service: instant PromQL against the cluster's Prometheus (configured
 * or discovered, as the plugin's locator finds it), with Argus's access to it — the consumer guards it with
 * its own permissions. Failures are AppErrors: PROMETHEUS_NOT_FOUND (no Prometheus for the cluster),
 * PROMETHEUS_UNREACHABLE, PROMETHEUS_QUERY_FAILED (bad PromQL, with Prometheus's message).
 */
export interface PrometheusQueryService {
  /** An instant query answering a vector (a scalar answer is a one-sample vector with no labels). */
  queryVector(
    clusterId: string,
    promql: string,
    options?: { time?: Date; signal?: AbortSignal },
  ): Promise<PrometheusSample[]>;
  /** Where the cluster's Prometheus is, in words (`service monitoring/prometheus-operated:web`, a URL …). */
  describe(clusterId: string): Promise<string>;
}

export const PROMETHEUS_QUERY_SERVICE = defineServiceContract<PrometheusQueryService>({
  plugin: 'prometheus',
  service: 'prometheus',
  is: (v): v is PrometheusQueryService =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as PrometheusQueryService).queryVector === 'function' &&
    typeof (v as PrometheusQueryService).describe === 'function',
});
