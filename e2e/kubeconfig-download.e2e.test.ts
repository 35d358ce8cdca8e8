// @vitest-environment node
// "Download kubeconfig" on a cluster's page, as a user behind a TLS-terminating proxy (PUBLIC_URL names it):
// the browser saves the file, and the real kubectl with that file reads the cluster as that user.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTls, type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl } from '@argus/kube-sim/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, freePort, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

/** A TLS-terminating proxy in front of Argus, as a load balancer would be. */
function tlsProxy(port: number, target: string, tls: { certPem: string; keyPem: string }) {
  const upstream = new URL(target);
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, 'x-forwarded-proto': 'https' },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  return new Promise<https.Server>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!chromiumAvailable)('download a kubeconfig from the UI', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let proxy: https.Server;
  let browser: Browser;
  let page: Page;
  let clusterId: string;
  let dir: string;
  let caFile: string;

  beforeAll(async () => {
    await buildWeb();
    dir = mkdtempSync(join(tmpdir(), 'argus-kubeconfig-e2e-'));
    const tls = await generateTls(['127.0.0.1', 'localhost']);
    caFile = join(dir, 'proxy-ca.pem');
    writeFileSync(caFile, tls.caPem);
    const proxyPort = await freePort();
    sim = await startKubeSim({ scenario: 'demo' });
    argus = await startArgus({ PUBLIC_URL: `https://127.0.0.1:${proxyPort}` });
    proxy = await tlsProxy(proxyPort, argus.url, tls);
    expect((proxy.address() as AddressInfo).port).toBe(proxyPort);
    const admin = await setupAdmin(argus.url);
    clusterId = await addCluster(admin, 'shop-eu', sim.kubeconfig({ name: 'shop-eu' }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, argus.url, 'admin@example.com', 'correct-horse-battery');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    proxy?.close();
    await argus?.stop();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('saves a kubeconfig the real kubectl uses as the signed-in user', async () => {
    await page.goto(`${argus.url}/clusters/${clusterId}`);
    await page.getByRole('button', { name: 'Download kubeconfig' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').selectOption('7');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('argus-shop-eu.kubeconfig');
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('argus-shop-eu.kubeconfig');
    await screenshot(page, '61-download-kubeconfig');

    const kubectl = createKubectl(file);
    const pods = await kubectl.run(['--certificate-authority', caFile, 'get', 'pods', '-n', 'payments', '-o', 'name']);
    expect(pods.code, pods.stderr).toBe(0);
    expect(pods.stdout).toContain('pod/');
    const whoami = await kubectl.run(['--certificate-authority', caFile, 'get', 'ns', 'kube-system', '-o', 'name']);
    expect(whoami.stdout.trim()).toBe('namespace/kube-system');
  });
});
