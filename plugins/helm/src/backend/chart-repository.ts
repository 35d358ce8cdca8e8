/**
 * Charts from a chart repository, fetched by Argus itself through the server's SSRF guard
 * (`deps.outbound`): the repository's index.yaml (at most 10 MiB), the chart's version (the one asked for,
 * or the latest release), then its archive (relative to the repository URL or absolute; at most the size
 * of an uploaded archive; checked against the index's digest). helm then installs the local archive and
 * makes no request of its own. Errors name the repository host and what was wrong, never what it sent.
 */
import { createHash } from 'node:crypto';
import { AppError } from '@argus/contracts';
import type { OutboundHttp } from '@argus/plugin-sdk';
import { parse } from 'yaml';
import { z } from 'zod';
import { pickVersion } from './chart-version.js';
import { MAX_CHART_BYTES } from './schemas.js';

/** The largest index.yaml read. */
export const MAX_INDEX_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

export interface FetchedChart {
  archive: Buffer;
  version: string;
}

export interface ChartRepository {
  fetchChart(repoUrl: string, chart: string, version: string | undefined, signal?: AbortSignal): Promise<FetchedChart>;
}

const indexSchema = z.object({ entries: z.record(z.string(), z.unknown()) });
const entriesSchema = z.array(
  z.object({
    version: z.string(),
    urls: z.array(z.string()).optional(),
    digest: z.string().optional(),
  }),
);

/** `${repo}/index.yaml`, keeping the repository URL's query as helm does. */
function indexUrl(repo: URL): URL {
  const url = new URL(repo.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/index.yaml`;
  url.hash = '';
  return url;
}

export function createChartRepository(outbound: OutboundHttp): ChartRepository {
  return {
    async fetchChart(repoUrl, chart, wanted, signal) {
      const repo = new URL(repoUrl);
      const host = repo.host;
      const invalid = (what: string) =>
        new AppError('CHART_REPOSITORY_INVALID', `The chart repository at ${host} ${what}`);

      const index = await outbound.fetch(indexUrl(repo).href, {
        maxBytes: MAX_INDEX_BYTES,
        timeoutMs: TIMEOUT_MS,
        headers: { accept: 'application/yaml, application/x-yaml, text/yaml, */*' },
        ...(signal ? { signal } : {}),
      });
      if (index.status < 200 || index.status > 299) throw invalid(`answered HTTP ${index.status} for index.yaml`);
      let doc: unknown;
      try {
        // failsafe: every scalar a string, as helm reads them (version 1.10 stays "1.10", a digest of digits stays text)
        doc = parse(index.body.toString('utf8'), { schema: 'failsafe', maxAliasCount: 100, logLevel: 'error' });
      } catch {
        throw invalid('sent an index.yaml that is not valid YAML');
      }
      const parsed = indexSchema.safeParse(doc);
      if (!parsed.success) throw invalid('sent an index.yaml without chart entries');
      const { entries } = parsed.data;
      if (!Object.hasOwn(entries, chart))
        throw new AppError('CHART_NOT_FOUND', `The chart repository at ${host} has no chart "${chart}"`);
      const list = entriesSchema.safeParse(entries[chart]);
      if (!list.success) throw invalid(`lists chart "${chart}" in a form that is not a chart index`);

      let version: string | undefined;
      try {
        version = pickVersion(
          list.data.map((e) => e.version),
          wanted,
        );
      } catch {
        throw new AppError('BAD_REQUEST', `version: "${wanted}" is not a version or version range`);
      }
      if (version === undefined)
        throw new AppError(
          'CHART_NOT_FOUND',
          wanted === undefined
            ? `The chart repository at ${host} has no released version of chart "${chart}"`
            : `The chart repository at ${host} has no version of chart "${chart}" matching "${wanted}"`,
        );
      const entry = list.data.find((e) => e.version === version);
      const ref = entry?.urls?.[0];
      if (!entry || !ref) throw invalid(`lists no archive URL for chart "${chart}" version ${version}`);
      let archiveUrl: URL;
      try {
        // Relative URLs are relative to the repository URL taken as a directory, as helm resolves them.
        archiveUrl = new URL(ref, repo.href.endsWith('/') ? repo.href : `${repo.href}/`);
      } catch {
        throw invalid(`lists an invalid archive URL for chart "${chart}" version ${version}`);
      }

      const res = await outbound.fetch(archiveUrl.href, {
        maxBytes: MAX_CHART_BYTES,
        timeoutMs: TIMEOUT_MS,
        ...(signal ? { signal } : {}),
      });
      if (res.status < 200 || res.status > 299)
        throw invalid(`answered HTTP ${res.status} for the archive of chart "${chart}" version ${version}`);
      const archive = res.body;
      if (archive.length < 3 || archive[0] !== 0x1f || archive[1] !== 0x8b)
        throw invalid(`sent an archive of chart "${chart}" version ${version} that is not a gzipped chart (.tgz)`);
      const digest = entry.digest?.trim().toLowerCase();
      if (digest && createHash('sha256').update(archive).digest('hex') !== digest)
        throw invalid(`sent an archive of chart "${chart}" version ${version} that does not match the index's digest`);
      return { archive, version };
    },
  };
}
