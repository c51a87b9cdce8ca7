// The health check of a service's container (deploy/service.Dockerfile copies
// it next to the deployed package.json): GET /health on the port the service
// listens on, found as the service finds it: <SERVICE>_PORT, else the
// service's default port in the platform's SERVICE_PORTS. Exit 0 when healthy.
const { dirname, join } = require('node:path');

const service = require(join(__dirname, 'package.json')).name.replace(/^@carebook\//, '');
// The platform's table of services and ports (a file without imports: cheap to load every 10 s).
const platformEntry = require.resolve('@carebook/platform', { paths: [__dirname] });
const { servicePort } = require(join(dirname(platformEntry), 'config', 'services.js'));

fetch(`http://127.0.0.1:${servicePort(service, process.env)}/health`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
