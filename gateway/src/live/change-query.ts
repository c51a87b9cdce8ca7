import {
  ArgumentNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLResolveInfo,
  Kind,
  OperationDefinitionNode,
  print,
  SelectionNode,
  SelectionSetNode,
  VariableDefinitionNode,
  visit,
} from 'graphql';

/** The ScheduleChange fields that are entities, the root query that fetches each by id, and its id variable. */
export const ENTITY_FIELDS = {
  slot: { variable: '__liveSlotId' },
  appointment: { variable: '__liveAppointmentId' },
} as const;
type EntityField = keyof typeof ENTITY_FIELDS;

export interface ChangeQuery {
  /** `query LiveScheduleChange(...) { <key>: slot(id: $__liveSlotId) {...} <key>: appointment(...) {...} }` plus fragments. */
  query: string;
  /** The subscriber's own variables the query uses (besides the ids). */
  variableNames: string[];
  /** Which id variables the query declares. */
  entities: EntityField[];
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

/**
 * Turns a subscriber's selection on ScheduleChange into one query of the
 * supergraph: each `slot`/`appointment` field (alias, directives and
 * sub-selection kept) becomes the root field fetching that entity by id,
 * fragments on ScheduleChange are inlined, `kind`/`occurredAt` are dropped
 * (the event answers them). Only the fragments and variables the query uses
 * are carried over, so the gateway validates it as the subscriber wrote it.
 * Returns null when nothing needs the supergraph.
 */
export function changeQueryOf(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'operation'>,
  include: Record<EntityField, boolean>,
): ChangeQuery | null {
  const selections = info.fieldNodes.flatMap((node) =>
    node.selectionSet ? rootSelections(node.selectionSet, info.fragments, include) : [],
  );
  const entities = (Object.keys(ENTITY_FIELDS) as EntityField[]).filter(
    (field) => include[field] && usesVariable(selections, ENTITY_FIELDS[field].variable),
  );
  if (entities.length === 0) return null;

  const fragments = usedFragments(selections, info.fragments);
  const used = new Set<string>();
  for (const node of [...selections, ...fragments])
    visit(node, { Variable: (variable) => void used.add(variable.name.value) });
  const declared = (info.operation.variableDefinitions ?? []).filter((definition) =>
    used.has(definition.variable.name.value),
  );
  const idDefinitions: VariableDefinitionNode[] = entities.map((field) => ({
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: name(ENTITY_FIELDS[field].variable) },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
  }));
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: name('LiveScheduleChange'),
    variableDefinitions: [...idDefinitions, ...declared],
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
  return {
    query: print(document),
    variableNames: declared.map((definition) => definition.variable.name.value),
    entities,
  };
}

function rootSelections(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  include: Record<EntityField, boolean>,
): SelectionNode[] {
  const out: SelectionNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = selection.name.value;
      if ((field === 'slot' || field === 'appointment') && include[field]) out.push(entityField(selection, field));
      continue; // kind, occurredAt and __typename come from the event
    }
    const inner =
      selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
    const kept = inner ? rootSelections(inner, fragments, include) : [];
    // ScheduleChange is the only possible type here: the fragment's condition goes, its @include/@skip stay.
    if (kept.length)
      out.push({
        kind: Kind.INLINE_FRAGMENT,
        directives: selection.directives,
        selectionSet: { kind: Kind.SELECTION_SET, selections: kept },
      });
  }
  return out;
}

function entityField(field: FieldNode, entity: EntityField): FieldNode {
  const id: ArgumentNode = {
    kind: Kind.ARGUMENT,
    name: name('id'),
    value: { kind: Kind.VARIABLE, name: name(ENTITY_FIELDS[entity].variable) },
  };
  return { ...field, alias: field.alias ?? name(entity), arguments: [id] };
}

function usesVariable(selections: SelectionNode[], variable: string): boolean {
  let found = false;
  for (const node of selections) visit(node, { Variable: (v) => void (found ||= v.name.value === variable) });
  return found;
}

function usedFragments(
  selections: SelectionNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
  const names = new Set<string>();
  const pending: Array<SelectionNode | FragmentDefinitionNode> = [...selections];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread: (spread) => {
        const fragment = fragments[spread.name.value];
        if (fragment && !names.has(fragment.name.value)) {
          names.add(fragment.name.value);
          pending.push(fragment);
        }
      },
    });
  }
  return [...names].map((fragmentName) => fragments[fragmentName]);
}
