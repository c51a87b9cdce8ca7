/**
 * Source files that read untyped values (raw driver rows, the MongoDB collection API, JSON from other
 * processes, type-graphql's resolver maps) without narrowing them yet. The no-unsafe rules hold for every other
 * source file, and for any file added; typing these and taking them off the list is follow-up work (issue 16).
 */
export const untypedEdges = [
  'bench/src/after-visit.ts',
  'bench/src/floor/floor-server.ts',
  'bench/src/floor/floor.ts',
  'bench/src/lib/load.ts',
  'bench/src/lib/stats.ts',
  'bench/src/live.ts',
  'bench/src/reminders.ts',
];
