/** An asker that remembers; `forget()` drops every answer (and call in flight) at once, for when a change made them stale. */
export type RecentAnswers<Q, A> = ((question: Q) => Promise<A>) & { forget(): void };

/**
 * Remembers answers for a few seconds, keyed by the question. Concurrent
 * askers of the same question share one call; failures are not remembered.
 */
export function recentAnswers<Q, A>(
  ask: (question: Q) => Promise<A>,
  ttlMs: number,
  now: () => number = Date.now,
): RecentAnswers<Q, A> {
  const answers = new Map<string, { at: number; answer: Promise<A> }>();
  const recent = (question: Q) => {
    const key = JSON.stringify(question);
    const known = answers.get(key);
    if (known && now() - known.at < ttlMs) return known.answer;
    const answer = ask(question);
    const entry = { at: now(), answer };
    answers.set(key, entry);
    answer.catch(() => answers.get(key) === entry && answers.delete(key));
    if (answers.size > 5000) answers.delete(answers.keys().next().value as string);
    return answer;
  };
  return Object.assign(recent, { forget: () => answers.clear() });
}
