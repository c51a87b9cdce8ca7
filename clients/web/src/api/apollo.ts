import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import type { CarebookClient } from '@carebook/sdk';
import { Observable } from 'rxjs';

/**
 * Apollo Client over the SDK's client: Apollo keeps the normalized cache
 * (a cancelled or paid entity updates every list that shows it), the SDK
 * carries the request with the session's token and its one refresh.
 */
export function createApollo(api: CarebookClient) {
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const controller = new AbortController();
        // `context: { token: null }` sends the operation without the session's token, and never refreshes it (Logout).
        const { token } = operation.getContext() as { token?: string | null };
        api.execute(operation.query, operation.variables, token === undefined ? { signal: controller.signal } : { signal: controller.signal, token }).then(
          (result) => {
            observer.next({ data: result.data ?? null, errors: result.errors });
            observer.complete();
          },
          (error) => observer.error(error),
        );
        return () => controller.abort();
      }),
  );
  return new ApolloClient({
    link,
    cache: new InMemoryCache({ possibleTypes: { BookingResult: ['BookingConfirmed', 'SlotUnavailable'] } }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
