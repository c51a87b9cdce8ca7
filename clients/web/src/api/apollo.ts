import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import type { CarebookClient } from '@carebook/sdk';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { Observable } from 'rxjs';

/**
 * Apollo Client over the SDK's client: Apollo keeps the normalized cache
 * (a cancelled or paid entity updates every list that shows it), the SDK
 * carries the request with the session's token and its one refresh, and
 * subscriptions over its graphql-ws connection (token per connection,
 * renewal, reconnect with backoff).
 */
export function createApollo(api: CarebookClient) {
  const http = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const controller = new AbortController();
        // `context: { token: null }` sends the operation without the session's token, and never refreshes it (Logout).
        const { token } = operation.getContext() as { token?: string | null };
        api
          .execute(
            operation.query,
            operation.variables,
            token === undefined ? { signal: controller.signal } : { signal: controller.signal, token },
          )
          .then(
            (result) => {
              observer.next({ data: result.data ?? null, errors: result.errors });
              observer.complete();
            },
            (error) => observer.error(error),
          );
        return () => controller.abort();
      }),
  );
  const live = new ApolloLink(
    (operation) =>
      new Observable((observer) =>
        api.subscribe(operation.query, operation.variables, {
          next: (result) => observer.next({ data: result.data ?? null, errors: result.errors }),
          error: (error) => observer.error(error),
          complete: () => observer.complete(),
        }),
      ),
  );
  return new ApolloClient({
    link: ApolloLink.split(({ query }) => isSubscriptionOperation(query), live, http),
    cache: new InMemoryCache({ possibleTypes: { BookingResult: ['BookingConfirmed', 'SlotUnavailable'] } }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
