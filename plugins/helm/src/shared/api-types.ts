/** The JSON shapes of the plugin's routes (snake_case), shared by the backend and the pages. */
export interface ReleaseSummary {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chart: string;
  chart_name: string;
  chart_version: string;
  app_version: string | null;
  updated: string | null;
  description: string;
}

export interface ReleaseDetail extends ReleaseSummary {
  first_deployed: string | null;
  deleted: string | null;
  /** Rendered NOTES.txt; null when the caller may not read release content (needs secrets:read). */
  notes: string | null;
  chart_metadata: { name: string; version: string; app_version: string | null; description: string };
}

export type HistoryEntry = Omit<ReleaseSummary, 'name' | 'namespace'>;

export interface RevisionDiff {
  from: number;
  to: number;
  /** Unified diff of the rendered manifests ('' when equal). */
  manifest: string;
  /** Unified diff of the user-supplied values as YAML ('' when equal). */
  values: string;
  /** Unified diff of the computed values (chart defaults merged with user values). */
  computed_values: string;
  chart: { from: string; to: string };
}
