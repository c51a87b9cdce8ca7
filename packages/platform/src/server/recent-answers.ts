/**
 * Remembers answers for a few seconds, keyed by the question. Concurrent
 * askers of the same question share one call; failures are not remembered.
 */
export function recentAnswers<Q, A>(ask: (question: Q) => Promise<A>, ttlMs: number, now: () => number = Date.now): (question: Q) => Promise<A> {
  const answers = new Map<string, { at: number; answer: Promise<A> }>();
  return (question) => {
    const key = JSON.stringify(question);
    const known = answers.get(key);
    if (known && now() - known.at < ttlMs) return known.answer;
    const answer = ask(question);
    answers.set(key, { at: now(), answer });
    answer.catch(() => answers.delete(key));
    if (answers.size > 5000) answers.delete(answers.keys().next().value as string);
    return answer;
  };
}
