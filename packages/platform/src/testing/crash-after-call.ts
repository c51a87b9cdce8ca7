import { subscribe } from 'node:diagnostics_channel';

/**
 * Fault injection for crash tests, loaded into a service by the test
 * (`crashAfterCallEnv`), never part of a service's code: the process dies
 * (exit 137, as after SIGKILL) the moment a successful answer to one of its
 * own internal calls arrives, e.g. right after scheduling has booked the
 * slot and before the appointment service records the confirmation.
 * undici reports every request it makes on its diagnostics channels (the
 * service calls' client and Node's fetch alike).
 */
const route = process.env.CAREBOOK_CRASH_AFTER_CALL;
if (route) {
  subscribe('undici:request:headers', (message) => {
    const { request, response } = message as { request: { path: string }; response: { statusCode: number } };
    if (request.path === `/internal/${route}` && response.statusCode >= 200 && response.statusCode < 300)
      process.exit(137);
  });
}
