import { buildSchema, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { changeQueryOf } from './change-query';

const schema = buildSchema(`
  type Query { slot(id: ID!): Slot appointment(id: ID!): Appointment }
  type Slot { id: ID! status: String! doctor: Doctor! }
  type Doctor { id: ID! name(short: Boolean): String! }
  type Appointment { id: ID! status: String! }
`);

function infoOf(source: string) {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const field = operation.selectionSet.selections[0];
  if (field.kind !== Kind.FIELD) throw new Error('expected a field');
  return { operation, fragments, fieldNodes: [field] };
}

const both = { slot: true, appointment: true };

describe('changeQueryOf', () => {
  it("fetches slot and appointment by id under the subscriber's keys, dropping what the event answers", () => {
    const query = changeQueryOf(
      infoOf('subscription { scheduleChanged { kind occurredAt s: slot { id } appointment { status } } }'),
      both,
    )!;
    expect(query.query.replace(/\s+/g, ' ')).toBe(
      'query LiveScheduleChange($__liveSlotId: ID!, $__liveAppointmentId: ID!) { s: slot(id: $__liveSlotId) { id } appointment: appointment(id: $__liveAppointmentId) { status } }',
    );
    expect(query.entities).toEqual(['slot', 'appointment']);
    expect(validate(schema, parse(query.query))).toEqual([]);
  });

  it('inlines fragments on ScheduleChange, keeps nested fragments and only the variables used', () => {
    const source = `
      subscription($doctorId: ID, $short: Boolean, $withSlot: Boolean!) {
        scheduleChanged(doctorId: $doctorId) { ...Change ... on ScheduleChange @include(if: $withSlot) { slot { id } } }
      }
      fragment Change on ScheduleChange { kind slot { ...SlotFields } }
      fragment SlotFields on Slot { status doctor { name(short: $short) } }
      fragment Unused on Slot { id }`;
    const query = changeQueryOf(infoOf(source), both)!;
    expect(query.variableNames.sort()).toEqual(['short', 'withSlot']);
    expect(query.entities).toEqual(['slot']);
    expect(query.query).toContain('fragment SlotFields on Slot');
    expect(query.query).not.toContain('Unused');
    expect(query.query).not.toContain('doctorId');
    expect(validate(schema, parse(query.query))).toEqual([]);
  });

  it('leaves out an entity the change has not, and needs no query when nothing but the event is selected', () => {
    const info = infoOf('subscription { scheduleChanged { kind slot { id } appointment { id } } }');
    expect(changeQueryOf(info, { slot: true, appointment: false })!.query).not.toContain('appointment');
    expect(changeQueryOf(infoOf('subscription { scheduleChanged { kind occurredAt __typename } }'), both)).toBeNull();
  });
});
