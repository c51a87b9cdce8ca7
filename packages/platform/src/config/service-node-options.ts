/**
 * The Node options every Carebook service and worker process runs with,
 * wherever it is started: `pnpm start` (scripts/start.mjs), the test kit's
 * spawners, and the images (deploy/service.Dockerfile sets the same in
 * NODE_OPTIONS; test/deploy checks they agree).
 *
 * --max-semi-space-size=32 (MB; Node 20's default is 16): a request
 * allocates short-lived objects (parsed JSON, GraphQL results, ORM rows)
 * fast enough that a small young generation is scavenged over and over and
 * promotes what would have died young. Measured under bench:booking's
 * steady phase (CPU profiles, 2026-12-01): garbage collection fell from
 * 12.2% to 0.9% of the gateway's busy time, from 4.3% to 1.7% of the
 * appointment service's and from 4.1% to 1.8% of scheduling's. It costs at
 * most 48 MB more of young generation per process, used only under load.
 */
export const SERVICE_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=32'];
