import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlan, QueryPlanner } from '@apollo/query-planner';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';

/**
 * A live change is executed once per audience while its subscribers wait:
 * the contract's ScheduleChanged selection (the slot with its doctor's name,
 * the appointment with its patient's and service's names) must be answered
 * in one round, the slot's and the appointment's services in parallel, each
 * naming what it refers to (@provides), with no second round of entity
 * fetches to the doctor and patient services. Planned on the composed
 * supergraph the gateway serves.
 */
describe("the query plan of a live change (the contract's ScheduleChanged selection)", () => {
  const supergraph = Supergraph.build(readFileSync(join(__dirname, '../../../supergraph.graphql'), 'utf8'));
  const planner = new QueryPlanner(supergraph);

  function plan(query: string): QueryPlan {
    return planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(query)));
  }

  /** The subgraphs fetched from, by round (a Parallel is one round, each step of a Sequence another). */
  function rounds(node: QueryPlan['node']): string[][] {
    if (!node) return [];
    if (node.kind === 'Fetch') return [[node.serviceName]];
    if (node.kind === 'Flatten') return rounds(node.node);
    if (node.kind === 'Parallel') return [node.nodes.flatMap((child) => rounds(child).flat())];
    if (node.kind === 'Sequence') return node.nodes.flatMap((child) => rounds(child));
    throw new Error(`unexpected plan node ${node.kind}`);
  }

  it('fetches the slot and the appointment in one round, named by their own services', () => {
    const change = plan(`query LiveScheduleChange($s: ID!, $a: ID!) {
      slot(id: $s) { id startsAt endsAt status doctor { id name } }
      appointment(id: $a) { id status patient { id name } service { name } }
    }`);
    expect(rounds(change.node)).toEqual([['scheduling', 'appointment']]);
  });

  it("still asks the patient service for what an appointment does not provide (the patient's email)", () => {
    const change = plan(`query ($a: ID!) { appointment(id: $a) { id patient { name email } } }`);
    expect(rounds(change.node)).toEqual([['appointment'], ['patient']]);
  });
});
